/**
 * Issue 9, item 11, through the real CLI binary: bad stores, scripts and contracts each get a
 * clear error with the numbers that explain it (never "internal error" and a stack trace, never
 * a silent "ok"), and text from contracts or scripts cannot drive the terminal.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../testing/cli-process';
import { contractWat, wat } from '../testing/wat';

const EXAMPLE = new URL('../../examples/sessions.json', import.meta.url).pathname;
const ROOT_1 = `0x${'0'.repeat(63)}1`;

function sandbox(): string {
  return mkdtempSync(join(tmpdir(), 'pi-hostile-'));
}

/** Write `steps` as a script in `dir` (and any `files`), return its path. */
function script(dir: string, steps: unknown[], files: Record<string, Uint8Array> = {}): string {
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  const path = join(dir, 'script.json');
  writeFileSync(path, JSON.stringify({ version: 1, steps }));
  return path;
}

describe('stores that are not whole', () => {
  test('a truncated store (8–63 and 520–575 bytes) is an error, exit 2, no stack trace', async () => {
    const dir = sandbox();
    const full = join(dir, 'full.pis');
    expect((await runCli(['run', EXAMPLE, '--store', full])).code).toBe(0);
    const bytes = readFileSync(full);
    for (const length of [8, 40, 63, 520, 550, 575]) {
      const cut = join(dir, `cut-${length}.pis`);
      writeFileSync(cut, bytes.subarray(0, length));
      for (const args of [
        ['log', '--store', cut],
        ['run', EXAMPLE, '--store', cut],
      ]) {
        const r = await runCli(args);
        expect({ length, args: args[0], code: r.code }).toEqual({ length, args: args[0], code: 2 });
        expect(r.err).toMatch(new RegExp(`^error: ${cut}`));
        expect(r.err).not.toContain('internal error');
        expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
      }
    }
  }, 120_000);
});

describe('scripts', () => {
  test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'an op named %s is an unknown op (exit 2), not a TypeError',
    async (op) => {
      const r = await runCli(['run', script(sandbox(), [{ op }])]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(
        `error: invalid script: steps[0]: unknown op "${op}" (one of session, deploy, call, commit, drop, delete, finalize)\n`,
      );
    },
  );

  test('delete or finalize of a root the store does not hold fails the step (exit 1)', async () => {
    const dir = sandbox();
    const path = script(dir, [
      { op: 'delete', commit: ROOT_1 },
      { op: 'finalize', commit: ROOT_1 },
    ]);
    const store = join(dir, 'state.pis');
    for (const args of [
      ['run', path],
      ['run', path, '--store', store],
    ]) {
      const r = await runCli(args);
      expect(r.code).toBe(1);
      const where = args.length === 2 ? ':memory:' : store;
      expect(r.out).toContain(`FAIL #0 delete ${ROOT_1}`);
      expect(r.out).toContain(`no commit ${'0'.repeat(63)}1 in ${where} (0 commits)`);
      expect(r.out).toContain(`FAIL #1 finalize ${ROOT_1}`);
      expect(r.out).toContain('0 passed, 2 failed');
    }
  });

  test('a name whose step failed is reported as such, not taken for a root or an id', async () => {
    const r = await runCli([
      'run',
      script(sandbox(), [
        { op: 'session', name: 'p', base: ROOT_1 },
        { op: 'commit', session: 'p', name: 'k523' },
        { op: 'session', name: 'q', base: 'k523' },
        { op: 'delete', commit: 'k523' },
      ]),
    ]);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines[1]).toContain('session "p" was not opened: step #0 (session p on 0x');
    expect(lines[2]).toContain(
      'commit "k523" was not made: step #1 (commit p as k523) failed: session "p" was not opened',
    );
    expect(lines[3]).toContain('commit "k523" was not made: step #1');
    expect(r.out).not.toContain('root must be 32 bytes');
  });
});

describe('after a write fails (a full disk)', () => {
  test('later steps that use a commit it did not make say which step failed and why', async () => {
    const store = join(sandbox(), 'state.pis');
    // The example's store grows past 120 KiB: the commits from there on fail with EFBIG.
    const r = await runCli(['run', EXAMPLE, '--store', store], 60_000, { maxFileKiB: 120 });
    expect(r.code).toBe(1);
    expect(r.err).toBe(''); // no internal error
    // Deletes deferred by a session, done at the end on a store that now refuses writes, are
    // failures of their own (they threw out of the run: 'internal error', exit 3).
    expect(r.out).toMatch(
      /^FAIL #\d+ delete \w+ \(deferred\) .*refuses writes after an I\/O failure/m,
    );
    expect(r.out).toMatch(/^FAIL #\d+ commit \w+ as \w+ .*EFBIG/m);
    expect(r.out).toMatch(
      /^FAIL #\d+ session \w+ on (\w+) .*commit "\1" was not made: step #\d+ \(commit \w+ as \1\) failed: .*EFBIG/m,
    );
    expect(r.out).not.toContain('root must be 32 bytes');
  }, 90_000);
});

describe('contracts refused at deploy, with exact numbers', () => {
  test('a data segment at i32.const -1 names offset 4294967295, not a sign-extended, rounded one', async () => {
    const dir = sandbox();
    const bytes = await wat(
      contractWat(
        '(data (i32.const -1) "ab") (func (export "f") (param i32) (result i32) i32.const 0)',
      ),
    );
    const r = await runCli([
      'run',
      script(
        dir,
        [
          { op: 'session', name: 's' },
          { op: 'deploy', session: 's', wasm: 'seg.wasm' },
        ],
        {
          'seg.wasm': bytes,
        },
      ),
    ]);
    expect(r.out).toContain(
      'data segment 0 (2 bytes at 4294967295, ending at 4294967297) does not fit in the initial memory of 131072 bytes',
    );
    expect(r.out).not.toContain('18446744073709552000');
  });

  test('a shared memory is refused at deploy, not deployed to fail later', async () => {
    const dir = sandbox();
    const bytes = await wat(
      contractWat('(func (export "f") (param i32) (result i32) i32.const 0)', {
        memory: '(memory (export "memory") 2 2 shared)',
      }),
    );
    const r = await runCli([
      'run',
      script(
        dir,
        [
          { op: 'session', name: 's' },
          { op: 'deploy', session: 's', wasm: 'shared.wasm', name: 'c' },
          { op: 'call', session: 's', contract: 'c', fn: 'f' },
        ],
        { 'shared.wasm': bytes },
      ),
    ]);
    expect(r.out).toContain(
      'FAIL #1 deploy c in s  error=RuntimeError: a contract memory cannot be shared: piecrust runs contracts without the threads proposal',
    );
    expect(r.out).toContain('1 passed, 2 failed');
  });
});

describe('terminal output', () => {
  // ESC [2K erases the line, CR returns to its start: raw, the FAIL line would read "ok".
  const SPOOF = '\u001b[2K\rok  #1 call c.f in s';

  test('panic text with escape sequences is printed escaped, text and --json alike', async () => {
    const dir = sandbox();
    const message = Buffer.from(SPOOF);
    const bytes = await wat(
      contractWat(
        `(data (i32.const 0) "${[...message].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('')}")
         (func (export "f") (param i32) (result i32) (call $panic (i32.const ${message.length})) i32.const 0)`,
        { imports: '(import "env" "panic" (func $panic (param i32)))' },
      ),
    );
    const path = script(
      dir,
      [
        { op: 'session', name: 's' },
        { op: 'deploy', session: 's', wasm: 'panic.wasm', name: 'c' },
        { op: 'call', session: 's', contract: 'c', fn: 'f' },
      ],
      { 'panic.wasm': bytes },
    );
    const text = await runCli(['run', path]);
    expect(text.out).toContain('FAIL #2 call c.f in s');
    expect(text.out).toContain('\\u001b[2K\\u000dok  #1 call c.f in s');
    expect(text.out).not.toMatch(/[\u001b\r]/);
    const json = await runCli(['run', path, '--json']);
    expect(json.out).not.toMatch(/[\u001b\r]/);
    const step = JSON.parse(json.out.split('\n')[2]) as { error: { message: string } };
    expect(step.error.message).toContain(SPOOF); // the JSON value is the panic text, unchanged
  });

  test('a commit label with control characters is escaped in run and log', async () => {
    const dir = sandbox();
    const store = join(dir, 'state.pis');
    const path = script(dir, [
      { op: 'session', name: 's' },
      { op: 'commit', session: 's', name: `x${SPOOF}\u009b31m` },
    ]);
    const run = await runCli(['run', path, '--store', store]);
    expect(run.out).toContain('x\\u001b[2K\\u000dok  #1 call c.f in s\\u009b31m');
    const log = await runCli(['log', '--store', store]);
    expect(log.code).toBe(0);
    expect(log.out).toContain('\\u001b[2K');
    for (const out of [run.out, log.out]) expect(out).not.toMatch(/[\u001b\r\u009b]/);
  });
});
