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
}, 60_000);

test('a downward or same-layer import, and a test reaching up, pass', async () => {
  expect(await importErrors('engine/vm/new-file.ts', '../store/commit-store')).toEqual([]);
  expect(await importErrors('engine/vm/new-file.ts', '../journal/types')).toEqual([]);
  expect(await importErrors('engine/cli/new-file.ts', '../api/service')).toEqual([]);
  expect(await importErrors('engine/store/new-file.test.ts', '../vm/vm')).toEqual([]);
}, 60_000);
