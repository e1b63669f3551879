// `piecrust-inspector gas-check`: the installed binary against the real wasmtime oracle (the
// Python environment tests/oracle sets up), the script's gas table, and what happens without
// the oracle, with a bad script or a bad option.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { oracleRuntime } from './oracle-runtime';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/piecrust-inspector.js', import.meta.url));
const COUNTER = fileURLToPath(new URL('../../contracts/build/counter.wasm', import.meta.url));

const runtime = await oracleRuntime();
const unavailable = 'unavailable' in runtime ? runtime.unavailable : undefined;

function scriptFile(script: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'pi-gas-check-')), 'script.json');
  writeFileSync(path, typeof script === 'string' ? script : JSON.stringify(script));
  return path;
}

const counterScript = (
  extra: Record<string, unknown> = {},
): { version: number; steps: Array<Record<string, unknown>> } => ({
  version: 1,
  ...extra,
  steps: [
    { op: 'session', name: 's' },
    { op: 'deploy', session: 's', wasm: COUNTER, name: 'counter' },
    { op: 'call', session: 's', contract: 'counter', fn: 'increment' },
    {
      op: 'call',
      session: 's',
      contract: 'counter',
      fn: 'read_value',
      gas: 5,
      expect: { error: 'OutOfGas' },
    },
  ],
});

async function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const failure = e as { code: number; stdout: string; stderr: string };
    return { code: failure.code, out: failure.stdout, err: failure.stderr };
  }
}

describe.skipIf(unavailable !== undefined)('gas-check with wasmtime', () => {
  test('prints both figures per step, agrees, and exits 0', async () => {
    const r = await cli(['gas-check', scriptFile(counterScript()), '--boundaries']);
    expect(r.err).toBe('');
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^#2 call counter\.increment in s {2}head {2}engine (\d+) {2}wasmtime \1 {2}diff 0 {2}ok {2}limits \d+ ok, \d+ ok, \d+ ok agree$/,
    );
    // A limit of 5 runs out: both engines agree on the outcome and on the gas it spent (all).
    expect(lines[1]).toBe(
      '#3 call counter.read_value in s  head  engine error OutOfGas (5 spent)  wasmtime error OutOfGas (5 spent)  diff 0  ok',
    );
    expect(lines[2]).toMatch(/^2 steps: 2 match, 0 differ, 0 excluded \(wasmtime \d+\.\d+\.\d+\)$/);
    expect(r.code).toBe(0);
  });

  test("a step that misses the script's expectation is pointed out (gas still agrees)", async () => {
    const script = counterScript();
    script.steps[3] = { ...script.steps[3], expect: { data: { i64: '253' } } };
    const r = await cli(['gas-check', scriptFile(script)]);
    expect(r.err.trim()).toBe(
      "note: 1 step(s) did not meet the script's expectations (#3); `piecrust-inspector run` shows why",
    );
    expect(r.code).toBe(0);
  });

  test('the script\'s "piecrust" table wins over --piecrust; --json gives one object per line', async () => {
    const r = await cli([
      'gas-check',
      scriptFile(counterScript({ piecrust: '0.19' })),
      '--piecrust',
      'head',
      '--json',
    ]);
    const objects = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects[0]).toMatchObject({
      step: 2,
      gasTable: '0.19',
      status: 'match',
      difference: '0',
    });
    expect(objects.at(-1)).toMatchObject({ steps: 2, match: 2, differs: 0 });
    // increment (contracts/src/counter.ts) makes one i64.store: 32 under head, 1 under 0.19.
    const head = await cli(['gas-check', scriptFile(counterScript()), '--json']);
    const headGas = BigInt(
      (JSON.parse(head.out.split('\n')[0]) as { engine: { gasSpent: string } }).engine.gasSpent,
    );
    const flatGas = BigInt((objects[0].engine as { gasSpent: string }).gasSpent);
    expect(headGas - flatGas).toBe(32n - 1n);
  });
});

test('without the oracle: the engine figures, a clear reason, exit 3', async () => {
  const r = await cli(['gas-check', scriptFile(counterScript())], {
    PIECRUST_WASMTIME_PYTHON: '/nonexistent/python',
  });
  expect(r.code).toBe(3);
  expect(r.err).toContain('wasmtime oracle unavailable: /nonexistent/python does not exist');
  expect(r.err).toContain('gas-check --setup');
  expect(r.out).toMatch(
    /#2 call counter\.increment in s {2}head {2}engine \d+ {2}wasmtime — {2}unchecked/,
  );
  expect(r.out.trim().split('\n').at(-1)).toBe(
    '2 steps, unchecked: the wasmtime oracle is unavailable',
  );
});

test('bad input: an unknown table, a script naming an unknown table, not a script', async () => {
  const badOption = await cli(['gas-check', scriptFile(counterScript()), '--piecrust', '0.20']);
  expect(badOption.code).toBe(2);
  expect(badOption.err).toContain('--piecrust takes head or 0.19, got "0.20"');
  const badScript = await cli(['gas-check', scriptFile(counterScript({ piecrust: 'latest' }))]);
  expect(badScript.code).toBe(2);
  expect(badScript.err).toContain('"piecrust": unknown gas table "latest": use "head" or "0.19"');
  const notJson = await cli(['gas-check', scriptFile('{ nope')]);
  expect(notJson.code).toBe(2);
  expect(notJson.err).toContain('not valid JSON');
  const run = await cli(['run', scriptFile(counterScript()), '--piecrust', 'x']);
  expect(run.code).toBe(2);
  expect(run.err).toContain('--piecrust takes head or 0.19, got "x"');
});
