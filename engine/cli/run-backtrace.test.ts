// `run` shows where a failed call trapped: one `at name (id)` line per WebAssembly frame under the
// step, innermost first; `--json` has them as the error's `backtrace`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { blake3 } from '../hash/blake3';
import { calleeContract, INNER_DEMANGLED } from '../testing/backtrace-contracts';
import { main } from './main';

async function run(json: boolean): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pi-cli-backtrace-'));
  const wasm = await calleeContract();
  writeFileSync(join(dir, 'callee.wasm'), wasm);
  writeFileSync(
    join(dir, 'script.json'),
    JSON.stringify({
      version: 1,
      steps: [
        { op: 'session', name: 's' },
        { op: 'deploy', session: 's', wasm: 'callee.wasm', name: 'callee' },
        { op: 'call', session: 's', contract: 'callee', fn: 'trap_deep' },
      ],
    }),
  );
  const lines: string[] = [];
  const args = ['run', join(dir, 'script.json'), ...(json ? ['--json'] : [])];
  expect(await main(args, { out: (l) => lines.push(l), err: (l) => lines.push(l) })).toBe(1);
  return lines.flatMap((l) => l.split('\n'));
}

test('a trapping call lists its frames by name under its step', async () => {
  const id = Buffer.from(blake3(await calleeContract())).toString('hex');
  const lines = await run(false);
  const at = lines.findIndex((l) => l.includes(' #2 '));
  expect(lines[at]).toContain('error=RuntimeError: wasm trap: unreachable');
  expect(lines.slice(at + 1, at + 4)).toEqual([
    `    at ${INNER_DEMANGLED} (${id.slice(0, 8)})`,
    `    at middle (${id.slice(0, 8)})`,
    `    at outer (${id.slice(0, 8)})`,
  ]);
});

test('--json: the backtrace is in the step’s error', async () => {
  const step = (await run(true)).map((l) => JSON.parse(l)).find((r) => r.index === 2);
  expect(step.error.backtrace.map((f: { name: string }) => f.name)).toEqual([
    INNER_DEMANGLED,
    'middle',
    'outer',
  ]);
});
