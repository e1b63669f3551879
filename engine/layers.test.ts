/**
 * The engine's layer rule (ENGINE_LAYERS in eslint.config.js) rejects an upward import and lets
 * a downward one and a test through: linted with the project's own configuration.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function importErrors(file: string, from: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(`import { x } from '${from}';\nexport const y = x;\n`, {
    filePath: `${ROOT}${file}`,
  });
  return result.messages
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

test('an upward import inside engine/ is a lint error naming the layers', async () => {
  const [error] = await importErrors('engine/diff/new-file.ts', '../vm/vm');
  expect(error).toContain('engine/merkle/state/diff may not import a layer above it');
  expect(await importErrors('engine/store/new-file.ts', '../api/types')).toHaveLength(1);
  expect(await importErrors('engine/vm/new-file.ts', '../threads/protocol')).toHaveLength(1);
  expect(await importErrors('engine/script/new-file.ts', '../testing/wat')).toHaveLength(1);
  // The data-driver runtime sits with the VM: it may not reach the script runner or the CLI.
  expect(await importErrors('engine/driver/new-file.ts', '../script/runner')).toHaveLength(1);
}, 60_000);

test('a downward or same-layer import, and a test reaching up, pass', async () => {
  expect(await importErrors('engine/vm/new-file.ts', '../store/commit-store')).toEqual([]);
  expect(await importErrors('engine/vm/new-file.ts', '../journal/types')).toEqual([]);
  expect(await importErrors('engine/cli/new-file.ts', '../api/service')).toEqual([]);
  expect(await importErrors('engine/driver/new-file.ts', '../wasm/instrument')).toEqual([]);
  expect(await importErrors('engine/cli/new-file.ts', '../driver/data-driver')).toEqual([]);
  expect(await importErrors('engine/store/new-file.test.ts', '../vm/vm')).toEqual([]);
}, 60_000);

test('api/ and cli/ read state through the StateView, not merkle/, state/ or diff/', async () => {
  const [error] = await importErrors('engine/api/new-file.ts', '../merkle/sparse-tree');
  expect(error).toContain('engine/api reads state through the VM');
  expect(await importErrors('engine/api/new-file.ts', '../diff/state-diff')).toHaveLength(1);
  expect(await importErrors('engine/cli/new-file.ts', '../state/contract-index')).toHaveLength(1);
  expect(await importErrors('engine/cli/new-file.ts', '../diff')).toHaveLength(1);
  // …while the upward-import rule still holds there, and the view itself is the way in.
  expect(await importErrors('engine/api/new-file.ts', '../server/http')).toHaveLength(1);
  expect(await importErrors('engine/api/new-file.ts', '../vm/state-view')).toEqual([]);
  // Other layers keep their own reasons to read trees; tests may reach anywhere.
  expect(await importErrors('engine/gascheck/new-file.ts', '../diff/byte-ranges')).toEqual([]);
  expect(await importErrors('engine/api/new-file.test.ts', '../diff/state-diff')).toEqual([]);
}, 60_000);
