import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { main } from './main';
import { blake3 } from '../hash/blake3';

const run = promisify(execFile);
const BIN = new URL('../../bin/piecrust-inspector.js', import.meta.url).pathname;
const EXAMPLE = new URL('../../examples/sessions.json', import.meta.url).pathname;
/** How many steps the example has: every one of them must run and pass. */
const EXAMPLE_STEPS = (JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { steps: unknown[] }).steps
  .length;
const COUNTER = new URL('../../contracts/build/counter.wasm', import.meta.url).pathname;
/** The counter's default id: blake3 of its bytecode. */
const COUNTER_ID = `0x${Buffer.from(blake3(readFileSync(COUNTER))).toString('hex')}`;

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function scriptFile(script: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'pi-cli-'));
  const path = join(dir, 'script.json');
  writeFileSync(path, typeof script === 'string' ? script : JSON.stringify(script));
  return path;
}

describe('piecrust-inspector CLI', () => {
  test('runs the sessions example end to end through the installed binary', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'run', EXAMPLE]);
    const lines = stdout.trim().split('\n');
    expect(lines.at(-1)).toBe(`${EXAMPLE_STEPS} passed, 0 failed`);
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    const rootOf = (commit: string): string | undefined =>
      lines
        .map((l) => new RegExp(` commit \\w+ as ${commit} {2}root=(\\w+)`).exec(l)?.[1])
        .find((root) => root !== undefined);
    // COMMIT-6: the six sessions on c2 commit six distinct roots r1..r6.
    const roots = new Set(['r1', 'r2', 'r3', 'r4', 'r5', 'r6'].map(rootOf));
    expect(roots.size).toBe(6);
    expect(roots).not.toContain(undefined);
    // COMMIT-5: the panicking call left no trace (x's root is still its base's), and the same
    // successful call in two sessions on one base gives one root.
    expect(rootOf('x_after_panik')).toBe(rootOf('cc'));
    expect(rootOf('x_incremented')).toBe(rootOf('y_incremented'));
    expect(rootOf('x_incremented')).not.toBe(rootOf('cc'));
    // COMMIT-10: the session metadata reaches the contract.
    expect(lines.find((l) => l.includes('call everest.get_height'))).toContain(
      'data=0x01000000000000004871000000000000', // Some(29000u64)
    );
  });

  test('--json prints one JSON object per step and a summary', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'run', EXAMPLE, '--json']);
    const records = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.at(-1)).toEqual({ passed: EXAMPLE_STEPS, failed: 0 });
    expect(records[1]).toMatchObject({ index: 1, op: 'deploy', passed: true });
  });

  test('a step that fails its expectation exits 1 and says why', async () => {
    const path = scriptFile({
      version: 1,
      steps: [
        { op: 'session', name: 's' },
        { op: 'deploy', session: 's', wasm: COUNTER, name: 'counter' },
        {
          op: 'call',
          session: 's',
          contract: 'counter',
          fn: 'read_value',
          expect: { data: { i64: '1' } },
        },
        { op: 'call', session: 's', contract: 'counter', fn: 'nope', expect: { error: 'Panic' } },
      ],
    });
    const { code, out } = await cli(['run', path]);
    expect(code).toBe(1);
    expect(out).toContain('expected data 0x0100000000000000, got 0xfc00000000000000');
    expect(out).toContain('expected Panic, got RuntimeError');
    expect(out.split('\n').at(-1)).toBe('2 passed, 2 failed');
  });

  test('an invalid script exits 2 with the step index and the reason', async () => {
    const cases: Array<[unknown, string]> = [
      ['{ not json', 'not valid JSON'],
      [{ version: 2, steps: [] }, '"version" must be 1'],
      [
        { version: 1, steps: [{ op: 'call', session: 'nope', contract: 'x', fn: 'f' }] },
        'steps[0]: session "nope" is not open',
      ],
      [
        {
          version: 1,
          steps: [
            { op: 'session', name: 's' },
            { op: 'fly', session: 's' },
          ],
        },
        'steps[1]: unknown op "fly"',
      ],
      [{ version: 1, steps: [{ op: 'session', name: 's', base: 'c9' }] }, 'base "c9" is neither'],
      [
        {
          version: 1,
          steps: [
            { op: 'session', name: 's' },
            { op: 'deploy', session: 's', wasm: 'x', gas: -1 },
          ],
        },
        'steps[1]: `gas` -1 is outside u64',
      ],
    ];
    for (const [script, message] of cases) {
      const { code, err } = await cli(['run', scriptFile(script)]);
      expect(code).toBe(2);
      expect(err).toContain(message);
    }
  });

  test('a missing wasm file or a bad value fails the step, not the run', async () => {
    const path = scriptFile({
      version: 1,
      steps: [
        { op: 'session', name: 's' },
        { op: 'deploy', session: 's', wasm: 'missing.wasm' },
        { op: 'deploy', session: 's', wasm: COUNTER, name: 'counter' },
        { op: 'call', session: 's', contract: 'counter', fn: 'increment', arg: { u8: 300 } },
      ],
    });
    const { code, out } = await cli(['run', path]);
    expect(code).toBe(1);
    expect(out).toContain('missing.wasm');
    expect(out).toContain('u8: out of range 300 (0..=255)');
  });

  test('usage errors and help', async () => {
    expect((await cli([])).out).toContain('Usage:');
    const bad = await cli(['frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown command "frobnicate"');
    expect((await cli(['run'])).err).toContain('run takes exactly one SCRIPT.json');
  });
});

describe('history commands on a store file', () => {
  test('run --store persists the example; log, show and diff read it back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-cli-store-'));
    const store = join(dir, 'state.pis');
    const ran = await cli(['run', EXAMPLE, '--store', store]);
    expect(ran.out.split('\n').at(-1)).toBe(`${EXAMPLE_STEPS} passed, 0 failed`);

    const log = await cli(['log', '--store', store]);
    expect(log.code).toBe(0);
    // c1, c2, cc, x_incremented, r1..r6, s1..s6 were committed (x_after_panik is cc and
    // y_incremented is x_incremented: equal roots are one commit); r1..r6 were then deleted.
    expect(log.out.split('\n').at(-1)).toBe('10 commit(s)');
    expect(log.out).toContain(' c2');

    // Every commit says which gas table its calls were metered with.
    expect(log.out.split('\n').filter((l) => l.includes('  gas head'))).toHaveLength(10);
    const logJson = await cli(['log', '--store', store, '--json']);
    expect(JSON.parse(logJson.out.split('\n')[0])).toMatchObject({ gasTable: 'head' });

    const shown = await cli(['show', 'c2', '--store', store]);
    expect(shown.out).toMatch(/^commit {3}[0-9a-f]{64}/);
    expect(shown.out).toMatch(/^gas {6}head \(piecrust 0\.32/m);
    expect(shown.out).toContain('contracts (2):');
    // The run went to a store, so each commit keeps the calls of the session that made it:
    // c2's read, two increments and set; c1's two deploys, read, increment and set.
    expect(shown.out).toContain('journal (4 calls):');
    // The example's deploys named their contracts: the store keeps the names, `show` prints them.
    expect(
      shown.out.match(/^ {2}#\d+ call counter\.increment \(\w{8}…\) {2}gas \d+$/gm),
    ).toHaveLength(2);
    expect(shown.out).toMatch(/^ {2}#\d+ call box\.set \(\w{8}…\) {2}gas \d+$/m);
    const c1 = await cli(['show', 'c1', '--store', store]);
    // Its deploys are counted apart from its calls, as the app counts them.
    expect(c1.out).toContain('journal (2 deploys, 3 calls):');
    expect(c1.out.match(/^ {2}#\d+ deploy (counter|box) \(\w{8}…\) {2}gas/gm)).toHaveLength(2);

    const diff = await cli(['diff', 'c1', 'c2', '--store', store, '--bytes']);
    expect(diff.code).toBe(0);
    expect(diff.out).toMatch(/^changed /m);
    expect(diff.out).toMatch(/@0x[0-9a-f]+ {2}[0-9a-f]+ → [0-9a-f]+/);
    expect(diff.out.split('\n').at(-1)).toMatch(/^2 contract\(s\) differ between/);

    const json = await cli(['diff', 'c1', 'c2', '--store', store, '--json']);
    expect(json.out.split('\n').map((l) => JSON.parse(l) as { status: string })[0].status).toBe(
      'changed',
    );
  });

  test('history commands explain bad input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-cli-store-'));
    const notAStore = join(dir, 'x.pis');
    writeFileSync(notAStore, 'hello');
    const bad = await cli(['log', '--store', notAStore]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('error:');
    expect((await cli(['show', '--store', notAStore])).err).toContain(
      'show takes one COMMIT and --store FILE',
    );
    const store = join(dir, 'state.pis');
    await cli(['run', EXAMPLE, '--store', store]);
    expect((await cli(['show', 'nope', '--store', store])).err).toContain('no commit nope');
  });

  test('--piecrust picks the gas table; a script naming one wins; a commit goes on in its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-cli-tables-'));
    const store = join(dir, 'state.pis');
    const steps = (base: string) => [
      { op: 'session', name: 's', base },
      ...(base === 'genesis'
        ? [{ op: 'deploy', session: 's', wasm: COUNTER, name: 'counter' }]
        : []),
      {
        op: 'call',
        session: 's',
        contract: base === 'genesis' ? 'counter' : COUNTER_ID,
        fn: 'increment',
      },
      { op: 'commit', session: 's', name: 'c' },
    ];
    const gasOf = (out: string): bigint => BigInt(/increment.*gas=(\d+)/.exec(out)![1]);
    const head = await cli(['run', scriptFile({ version: 1, steps: steps('genesis') })]);
    const flat = await cli([
      'run',
      scriptFile({ version: 1, steps: steps('genesis') }),
      '--piecrust',
      '0.19',
      '--store',
      store,
    ]);
    // increment (contracts/src/counter.ts) makes one i64.store: 32 under head, 1 under 0.19.
    expect(gasOf(head.out) - gasOf(flat.out)).toBe(32n - 1n);
    const named = await cli([
      'run',
      scriptFile({ version: 1, piecrust: 'head', steps: steps('genesis') }),
      '--piecrust',
      '0.19',
    ]);
    expect(gasOf(named.out)).toBe(gasOf(head.out));
    // A session on the 0.19 commit, run without --piecrust, goes on in 0.19.
    const root = /root=(\w+)/.exec(flat.out.split('\n').find((l) => l.includes('commit'))!)![1];
    const next = await cli([
      'run',
      scriptFile({ version: 1, steps: steps(`0x${root}`) }),
      '--store',
      store,
    ]);
    expect(next.code).toBe(0);
    expect(gasOf(next.out)).toBe(gasOf(flat.out));
  });
});

test('output into a pipe that closes early ends quietly (log | head)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pi-cli-pipe-'));
  const store = join(dir, 'state.pis');
  await cli(['run', EXAMPLE, '--store', store]);
  const child = spawn(process.execPath, [BIN, 'log', '--store', store], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The reader is gone before the first line is written: every write meets a closed pipe.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(stderr).toBe('');
  expect(code).toBe(0);
});

test('run --timeout stops a call that would never end, reverts it, and goes on with the script', async () => {
  const spin = new URL('../../contracts/build/spin.wasm', import.meta.url).pathname;
  const script = scriptFile({
    version: 1,
    steps: [
      { op: 'session', name: 's' },
      { op: 'deploy', session: 's', wasm: spin, name: 'spin' },
      { op: 'deploy', session: 's', wasm: COUNTER, name: 'counter' },
      {
        op: 'call',
        session: 's',
        contract: 'spin',
        fn: 'spin',
        gas: '18446744073709551615',
        expect: { error: 'Interrupted' },
      },
      {
        op: 'call',
        session: 's',
        contract: 'counter',
        fn: 'read_value',
        expect: { data: { i64: '252' } },
      },
    ],
  });
  const r = await cli(['run', script, '--timeout', '0.3']);
  expect(r.out).toContain('error=Interrupted: the call ran longer than its time limit of 0.3 s');
  expect(r.out.split('\n').at(-1)).toBe('5 passed, 0 failed');
  expect(r.code).toBe(0);
  for (const bad of ['0', '-1', 'soon', '100000']) {
    const refused = await cli(['run', script, '--timeout', bad]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--timeout takes a number of seconds above 0, at most 86400');
  }
});
