// `run` with data-drivers: a deploy step's `"driver"`, a call's `"json"` argument,
// `expect.json`, and the decoded output and events in the text and `--json` output, with our
// own sample drivers (contracts/drivers/) on the real sample contracts, and with drivers that
// are missing, trap, or answer something that is not JSON.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildContracts } from '../../contracts/build.mjs';
import { bytesToHex } from '../core/ids';
import { encode, t } from '../rkyv';
import { wat } from '../testing/wat';
import { main } from './main';

const BUILD = new URL('../../contracts/build/', import.meta.url);
const contract = (name: string): string => fileURLToPath(new URL(`${name}.wasm`, BUILD));
const driver = (name: string): string => fileURLToPath(new URL(`drivers/${name}.wasm`, BUILD));
const SAMPLES = ['counter', 'box', 'eventer'];
const BIN = fileURLToPath(new URL('../../bin/piecrust-inspector.js', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../examples/drivers.json', import.meta.url));

beforeAll(async () => {
  await buildContracts({
    only: [...SAMPLES, ...SAMPLES.map((name) => `drivers/${name}`)],
    log: () => {},
  });
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A script file in a fresh folder, with extra files (relative paths) next to it. */
function scriptFile(steps: unknown[], files: Record<string, Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'pi-run-drivers-'));
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  const path = join(dir, 'script.json');
  writeFileSync(path, JSON.stringify({ version: 1, steps }));
  return path;
}

async function runJson(
  path: string,
): Promise<{ code: number; records: Record<string, unknown>[] }> {
  const { code, out } = await cli(['run', path, '--json']);
  return { code, records: out.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const session = { op: 'session', name: 's' };
const deploy = (name: string, withDriver = true): Record<string, unknown> => ({
  op: 'deploy',
  session: 's',
  wasm: contract(name),
  name,
  ...(withDriver ? { driver: driver(name) } : {}),
});
const call = (contractName: string, fn: string, more: Record<string, unknown> = {}): unknown => ({
  op: 'call',
  session: 's',
  contract: contractName,
  fn,
  ...more,
});

/**
 * A driver in text that echoes: the JSON it is given is the "rkyv" it returns, and the bytes it
 * decodes are the "JSON" it returns (so a contract's real output is not JSON). `init` can be
 * replaced (a trap).
 */
function echoDriver(init = ''): Promise<Uint8Array> {
  const echo = (name: string): string => `(func (export "${name}")
      (param i32 i32) (param $p i32) (param $l i32) (param $o i32) (param i32) (result i32)
      (i32.store (local.get $o) (local.get $l))
      (memory.copy (i32.add (local.get $o) (i32.const 4)) (local.get $p) (local.get $l))
      (i32.const 0))`;
  const empty = (
    name: string,
  ): string => `(func (export "${name}") (param $o i32) (param i32) (result i32)
      (i32.store (local.get $o) (i32.const 0)) (i32.const 0))`;
  return wat(`(module
    (memory (export "memory") 2)
    (global $heap (mut i32) (i32.const 1024))
    (func (export "alloc") (param $n i32) (result i32) (local $p i32)
      (local.set $p (global.get $heap))
      (global.set $heap (i32.add (global.get $heap) (local.get $n)))
      (if (i32.gt_u (global.get $heap) (i32.shl (memory.size) (i32.const 16)))
        (then (drop (memory.grow (i32.add (i32.const 1)
          (i32.shr_u (i32.sub (global.get $heap) (i32.shl (memory.size) (i32.const 16))) (i32.const 16)))))))
      (local.get $p))
    (func (export "dealloc") (param i32 i32))
    (func (export "init") ${init})
    ${['encode_input_fn', 'decode_input_fn', 'decode_output_fn', 'decode_event'].map(echo).join('\n')}
    ${['get_schema', 'get_version', 'get_last_error'].map(empty).join('\n')})`);
}

describe('run with data-drivers', () => {
  test('counter and box: `json` arguments, `expect.json` passing, the decoded output in both outputs', async () => {
    const path = scriptFile([
      session,
      deploy('counter'),
      deploy('box'),
      call('counter', 'increment', { json: null }),
      call('counter', 'read_value', { expect: { json: '253' } }),
      call('box', 'get', { expect: { json: null } }),
      call('box', 'set', { json: -300 }),
      call('box', 'get', { expect: { json: -300 } }),
    ]);
    const { code, records } = await runJson(path);
    expect(records.at(-1)).toEqual({ passed: 8, failed: 0 });
    expect(code).toBe(0);
    expect(records[4]).toMatchObject({ data: '0xfd00000000000000', decoded: '253' });
    // The raw bytes as the engine's own rkyv encoder writes them, beside the decoded value.
    const optionI16 = (v: number | null): string => '0x' + bytesToHex(encode(t.option(t.i16), v));
    expect(records[5]).toMatchObject({ data: optionI16(null), decoded: null });
    expect(records[7]).toMatchObject({ data: optionI16(-300), decoded: -300 });

    const text = await cli(['run', path]);
    expect(text.out).toContain('call counter.read_value in s  data=0xfd00000000000000  json="253"');
    expect(text.out).toContain(`call box.get in s  data=${optionI16(-300)}  json=-300`);
  });

  test('a contract with a driver is found by its `0x…` id as well as by its name', async () => {
    const id = '0x' + 'ab'.repeat(32);
    const path = scriptFile([
      session,
      { ...deploy('counter'), contractId: id },
      call(id.toUpperCase().replace('0X', '0x'), 'increment', { json: null }),
      call(id, 'read_value', { expect: { json: '253' } }),
    ]);
    const { code, records } = await runJson(path);
    expect(records.at(-1)).toEqual({ passed: 4, failed: 0 });
    expect(code).toBe(0);
  });

  test('`expect.json` that does not match fails with the expected and the actual JSON', async () => {
    const path = scriptFile([
      session,
      deploy('counter'),
      call('counter', 'read_value', { expect: { json: '7' } }),
      call('counter', 'read_value', { expect: { json: 252 } }),
    ]);
    const { code, out } = await cli(['run', path]);
    expect(code).toBe(1);
    expect(out).toContain('— expected json "7", got "252"');
    // A number is not the driver's string: deep equality, not a loose comparison.
    expect(out).toContain('— expected json 252, got "252"');
    expect(out.split('\n').at(-1)).toBe('2 passed, 2 failed');
  });

  test("eventer: each event decoded by its contract's driver in --json and in the text", async () => {
    const path = scriptFile([
      session,
      deploy('eventer'),
      call('eventer', 'emit_events', { json: 3 }),
    ]);
    const { code, records } = await runJson(path);
    expect(code).toBe(0);
    const source = records[1].contractId;
    expect(records[2]).toMatchObject({ events: 3, decoded: null });
    expect(records[2].emitted).toEqual(
      [0, 1, 2].map((i) => ({
        source,
        topic: 'number',
        data: `0x0${i}000000`,
        decoded: i,
      })),
    );
    const text = await cli(['run', path]);
    expect(text.out).toContain(`    event number from ${String(source)}  data=0x02000000  json=2`);
  });

  test('events of a contract without a driver keep their bytes and have no decoded value', async () => {
    const path = scriptFile([
      session,
      deploy('eventer', false),
      call('eventer', 'emit_events', { arg: { u32: 1 } }),
    ]);
    const { records } = await runJson(path);
    expect(records[2].emitted).toEqual([
      { source: records[1].contractId, topic: 'number', data: '0x00000000' },
    ]);
    expect(records[2]).not.toHaveProperty('decoded');
  });

  test('`json` and `expect.json` on a contract without a driver fail the step, naming the contract and how to attach one', async () => {
    const path = scriptFile([
      session,
      deploy('box', false),
      call('box', 'set', { json: 5 }),
      call('box', 'get', { expect: { json: null } }),
    ]);
    const { code, records } = await runJson(path);
    expect(code).toBe(1);
    const id = String(records[1].contractId);
    for (const [index, field] of [
      [2, '`json`'],
      [3, '`expect.json`'],
    ] as const) {
      expect(records[index]).toMatchObject({ passed: false, error: { code: 'InvalidInput' } });
      expect((records[index].error as { message: string }).message).toBe(
        `${field} needs a data-driver, and contract "box" (${id}) has none: attach one with "driver": "path/to/driver.wasm" on the step that deploys it`,
      );
    }
    // The refused `json` call never ran: box is still empty.
    expect(
      (await runJson(scriptFile([session, deploy('box'), call('box', 'get')]))).records[2],
    ).toMatchObject({ decoded: null });
  });

  test('a missing driver file fails its deploy step, nothing is deployed, and later uses say why', async () => {
    const path = scriptFile([
      session,
      { ...deploy('counter'), driver: 'missing-driver.wasm' },
      call('counter', 'read_value'),
    ]);
    const { code, out } = await cli(['run', path]);
    expect(code).toBe(1);
    const missing = join(path, '..', 'missing-driver.wasm');
    expect(out).toContain(
      `FAIL #1 deploy counter in s  error=InvalidInput: cannot read driver ${missing}: no such file`,
    );
    expect(out).toContain(
      'FAIL #2 call counter.read_value in s  error=InvalidInput: contract "counter" was not deployed',
    );
  });

  test("a driver that traps in init fails its deploy step with the driver's error; the run goes on", async () => {
    const path = scriptFile(
      [
        session,
        { ...deploy('counter'), driver: 'trapping.wasm' },
        deploy('box'),
        call('box', 'get', { expect: { json: null } }),
      ],
      { 'trapping.wasm': await echoDriver('unreachable') },
    );
    const { code, records } = await runJson(path);
    expect(code).toBe(1);
    expect(records[1]).toMatchObject({ passed: false, error: { code: 'Panic' } });
    expect((records[1].error as { message: string }).message).toMatch(/^driver trapped in init: /);
    expect(records[1]).not.toHaveProperty('contractId');
    expect(records[3]).toMatchObject({ passed: true, decoded: null });
  });

  test('a driver that cannot decode a value puts its error beside the raw bytes', async () => {
    const path = scriptFile(
      [
        session,
        { ...deploy('counter'), driver: 'echo.wasm' },
        call('counter', 'read_value'),
        { ...deploy('eventer'), driver: 'echo.wasm' },
        call('eventer', 'emit_events', { arg: { u32: 1 } }),
        call('counter', 'read_value', { expect: { json: '252' } }),
      ],
      { 'echo.wasm': await echoDriver() },
    );
    const { records } = await runJson(path);
    // The echo driver returns the i64's bytes as "JSON": 0xfc is not UTF-8.
    expect(records[2]).toMatchObject({ passed: true, data: '0xfc00000000000000' });
    expect(records[2]).not.toHaveProperty('decoded');
    expect(records[2].decodeError).toMatch(/decode_output_fn\("read_value"\) output.*UTF-8/);
    const [event] = records[4].emitted as Array<Record<string, unknown>>;
    expect(event).toMatchObject({ topic: 'number', data: '0x00000000' });
    expect(event.decodeError).toMatch(/decode_event\("number"\) output.*JSON/);
    expect(records[5]).toMatchObject({ passed: false });
    expect(records[5].reason).toMatch(
      /^expected json "252", but the driver could not decode the output 0xfc00000000000000: /,
    );
    const text = await cli(['run', path]);
    expect(text.out).toMatch(/data=0xfc00000000000000 {2}decodeError=.*UTF-8/);
    expect(text.out).toMatch(/ {4}event number from \w+ {2}data=0x00000000 {2}decodeError=.*JSON/);
  });

  test('the script format: `arg` with `json`, and `expect.json` on a deploy, are refused before anything runs', async () => {
    const cases: Array<[unknown[], string]> = [
      [
        [session, deploy('box'), call('box', 'set', { arg: { i16: 1 }, json: 1 })],
        "steps[2]: a call takes either `arg` (a typed value) or `json` (encoded by the contract's data-driver), not both",
      ],
      [
        [session, { ...deploy('box'), expect: { json: null } }],
        'steps[1]: `expect.json` is for calls',
      ],
      [
        [session, deploy('box'), call('box', 'get', { expect: { json: 1, error: 'Panic' } })],
        'steps[2]: `expect` cannot hold both `json` and an error',
      ],
      [
        [session, { ...deploy('box'), driver: '' }],
        'steps[1]: `driver` must be a non-empty string',
      ],
    ];
    for (const [steps, message] of cases) {
      const { code, err } = await cli(['run', scriptFile(steps)]);
      expect(code).toBe(2);
      expect(err).toContain(message);
    }
  });

  test('examples/drivers.json runs and passes through the installed binary, events decoded', async () => {
    const steps = (JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { steps: unknown[] }).steps;
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'run', EXAMPLE, '--json']);
    const records = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.at(-1)).toEqual({ passed: steps.length, failed: 0 });
    const emitted = records.find((r) => Array.isArray(r.emitted))?.emitted;
    expect((emitted as Array<{ decoded: unknown }>).map((e) => e.decoded)).toEqual([0, 1, 2]);
  });
});
