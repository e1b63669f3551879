// `run` prints a failed call's gas as the app shows it: spent, of which limit, failed with no
// receipt — in the text lines and in --json. Figures from the cost table (testing/failing-contract).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { failingContract, WRITE_PANIC_GAS } from '../testing/failing-contract';
import { main } from './main';

async function scriptWithFailures(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pi-cli-failed-'));
  writeFileSync(join(dir, 'failing.wasm'), await failingContract());
  const path = join(dir, 'script.json');
  const call = (fn: string, gas: number, error: string) => ({
    op: 'call',
    session: 's',
    contract: 'failing',
    fn,
    gas,
    expect: { error },
  });
  writeFileSync(
    path,
    JSON.stringify({
      version: 1,
      steps: [
        { op: 'session', name: 's' },
        { op: 'deploy', session: 's', wasm: 'failing.wasm', name: 'failing' },
        call('write_panic', 10_000, 'Panic'),
        call('write_spin', 4_321, 'OutOfGas'),
      ],
    }),
  );
  return path;
}

async function cli(args: string[]): Promise<string[]> {
  const out: string[] = [];
  await main(args, { out: (l) => out.push(l), err: (l) => out.push(l) });
  return out;
}

test('run: a failed call prints the gas it spent, of its limit, failed with no receipt', async () => {
  const lines = await cli(['run', await scriptWithFailures()]);
  expect(lines.at(-1)).toBe('4 passed, 0 failed');
  expect(lines[2]).toContain(`gas=${WRITE_PANIC_GAS} of 10000 (failed, no receipt)`);
  expect(lines[3]).toContain('gas=4321 of 4321 (failed, no receipt)');
});

test('run --json: the same figures', async () => {
  const lines = await cli(['run', await scriptWithFailures(), '--json']);
  const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(records[2]).toMatchObject({
    passed: true,
    gasSpent: WRITE_PANIC_GAS.toString(),
    gasLimit: '10000',
    error: { code: 'Panic' },
  });
  expect(records[3]).toMatchObject({ gasSpent: '4321', gasLimit: '4321' });
});
