// Our own AssemblyScript drivers (contracts/drivers/, built by `npm run build:contracts`) through
// the engine's loader: round trips against the engine's independent rkyv encoder, real call
// results and events decoded, and their refusals in the driver's own words.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildContracts } from '../../contracts/build.mjs';
import { PiecrustError } from '../core/errors';
import { encode, t, type RkyvType } from '../rkyv';
import { createVm } from '../vm/vm';
import { DataDriver } from './data-driver';

const BUILD = new URL('../../contracts/build/', import.meta.url);
const driverPath = (name: string): string => fileURLToPath(new URL(`drivers/${name}.wasm`, BUILD));
const contract = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`${name}.wasm`, BUILD)));
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

beforeAll(async () => {
  await buildContracts({
    only: [
      ...['counter', 'box', 'eventer', 'callcenter'].map((name) => `drivers/${name}`),
      ...['counter', 'box', 'eventer', 'callcenter'],
    ],
    log: () => {},
  });
});

function failure(f: () => unknown): PiecrustError {
  try {
    f();
  } catch (e) {
    if (e instanceof PiecrustError) return e;
    throw e;
  }
  throw new Error('expected a PiecrustError, nothing was thrown');
}

/** Each covered function: a JSON argument, its rkyv type, and the value the engine encodes. */
const ROUND_TRIPS: Array<
  [driver: string, fn: string, json: unknown, type: RkyvType, value: unknown]
> = [
  ['counter', 'read_value', null, t.unit, null],
  ['counter', 'increment', null, t.unit, null],
  ['box', 'set', -300, t.i16, -300],
  ['box', 'get', null, t.unit, null],
  ['eventer', 'emit_events', 3, t.u32, 3],
  ['eventer', 'emit_and_mutate', 4_000_000_000, t.u32, 4_000_000_000],
  ['eventer', 'read_value', null, t.unit, null],
  ['callcenter', 'query_counter', 'ab'.repeat(32), t.contractId, 'ab'.repeat(32)],
  ['callcenter', 'increment_counter', '01'.repeat(32), t.contractId, '01'.repeat(32)],
  ['callcenter', 'return_caller', null, t.unit, null],
];

describe('round trips: JSON → rkyv (as the engine encodes it) → the same JSON', () => {
  test.each(ROUND_TRIPS)('%s.%s(%j)', (name, fn, json, type, value) => {
    const driver = DataDriver.fromFile(driverPath(name));
    const bytes = driver.encodeInput(fn, JSON.stringify(json));
    expect(hex(bytes)).toBe(hex(encode(type, value as never)));
    expect(driver.decodeInput(fn, bytes)).toEqual(json);
  });

  test('outputs: i64 as a decimal string, Option<i16> as null or a number', () => {
    const counter = DataDriver.fromFile(driverPath('counter'));
    expect(counter.decodeOutput('read_value', encode(t.i64, -5n))).toBe('-5');
    expect(counter.decodeOutput('read_value', encode(t.i64, 2n ** 63n - 1n))).toBe(
      '9223372036854775807',
    );
    const box = DataDriver.fromFile(driverPath('box'));
    expect(box.decodeOutput('get', encode(t.option(t.i16), null))).toBeNull();
    expect(box.decodeOutput('get', encode(t.option(t.i16), -2))).toBe(-2);
    expect(hex(box.encodeInput('set', '"17"'))).toBe(hex(encode(t.i16, 17)));
  });
});

describe('real calls decoded', () => {
  test('counter: increment with a JSON argument, read_value decoded from the receipt', async () => {
    const vm = await createVm();
    const session = vm.session();
    const driver = DataDriver.fromFile(driverPath('counter'));
    const { contractId } = session.deploy(
      contract('counter'),
      { owner: new Uint8Array(32) },
      10n ** 7n,
    );
    const before = session.callRaw(
      contractId,
      'read_value',
      driver.encodeInput('read_value', 'null'),
      10n ** 7n,
    );
    expect(driver.decodeOutput('read_value', before.data)).toBe('252'); // counter starts at 0xfc
    session.callRaw(contractId, 'increment', driver.encodeInput('increment', 'null'), 10n ** 7n);
    const after = session.callRaw(contractId, 'read_value', new Uint8Array(0), 10n ** 7n);
    expect(driver.decodeOutput('read_value', after.data)).toBe('253');
    session.close();
  });

  test('box: set, then get decoded; eventer: its events decoded', async () => {
    const vm = await createVm();
    const session = vm.session();
    const owner = { owner: new Uint8Array(32) };
    const box = DataDriver.fromFile(driverPath('box'));
    const boxId = session.deploy(contract('box'), owner, 10n ** 7n).contractId;
    expect(
      box.decodeOutput('get', session.callRaw(boxId, 'get', new Uint8Array(0), 10n ** 7n).data),
    ).toBeNull();
    session.callRaw(boxId, 'set', box.encodeInput('set', '-7'), 10n ** 7n);
    expect(
      box.decodeOutput('get', session.callRaw(boxId, 'get', new Uint8Array(0), 10n ** 7n).data),
    ).toBe(-7);

    const eventer = DataDriver.fromFile(driverPath('eventer'));
    const eventerId = session.deploy(contract('eventer'), owner, 10n ** 7n).contractId;
    const receipt = session.callRaw(
      eventerId,
      'emit_events',
      eventer.encodeInput('emit_events', '3'),
      10n ** 7n,
    );
    expect(receipt.events.map((e) => eventer.decodeEvent(e.topic, e.data))).toEqual([0, 1, 2]);
    session.close();
  });

  test('callcenter: a contract id argument, an i64 through an inter-contract call, ids out', async () => {
    const vm = await createVm();
    const session = vm.session();
    const owner = { owner: new Uint8Array(32) };
    const driver = DataDriver.fromFile(driverPath('callcenter'));
    const counterId = session.deploy(contract('counter'), owner, 10n ** 7n).contractId;
    const centerId = session.deploy(contract('callcenter'), owner, 10n ** 7n).contractId;
    const call = (fn: string, json: unknown): unknown =>
      driver.decodeOutput(
        fn,
        session.callRaw(centerId, fn, driver.encodeInput(fn, JSON.stringify(json)), 10n ** 8n).data,
      );
    expect(call('increment_counter', `0x${counterId}`)).toBeNull();
    expect(call('query_counter', counterId)).toBe('253');
    expect(call('calling_self', centerId)).toBe(true);
    expect(call('calling_self', counterId)).toBe(false);
    expect(call('return_self_id', null)).toBe(centerId);
    expect(call('return_caller', null)).toBeNull(); // called from the host
    expect(driver.decodeOutput('return_caller', encode(t.option(t.contractId), counterId))).toBe(
      counterId,
    );
    session.close();
  });
});

describe('a driver lives across calls', () => {
  test('its memory stays bounded: the 64 KiB output buffers and its temporaries are freed', () => {
    const counter = DataDriver.fromFile(driverPath('counter'));
    const calls = (n: number): void => {
      for (let i = 0; i < n; i++) {
        counter.decodeOutput('read_value', encode(t.i64, BigInt(i)));
        counter.encodeInput('increment', 'null');
      }
    };
    calls(200);
    const settled = counter.memoryBytes();
    calls(2000); // 4000 more 64 KiB buffers: 250 MiB if none were freed
    expect(counter.memoryBytes()).toBe(settled);
  });
});

describe('what the drivers refuse, in their own words', () => {
  test('an uncovered function is Unsupported("fn_name …"); the driver goes on', () => {
    const counter = DataDriver.fromFile(driverPath('counter'));
    const e = failure(() => counter.encodeInput('reset', 'null'));
    expect(e.message).toBe(
      'driver\'s encode_input_fn("reset") failed with code 1: Unsupported("fn_name reset")',
    );
    expect(
      failure(() => counter.decodeEvent('number', new Uint8Array(4))).details.driverError,
    ).toBe('Unsupported("event number")');
    expect(counter.decodeOutput('read_value', encode(t.i64, 1n))).toBe('1');
  });

  test('out-of-range and malformed JSON, and rkyv of the wrong size', () => {
    const box = DataDriver.fromFile(driverPath('box'));
    expect(failure(() => box.encodeInput('set', '40000')).details.driverError).toBe(
      'Json("integer out of range for i16 at character 0")',
    );
    expect(failure(() => box.encodeInput('set', '1.5')).details.driverError).toBe(
      'Json("expected an integer, not a fraction or exponent at character 1")',
    );
    expect(failure(() => box.encodeInput('set', '1 2')).details.driverError).toBe(
      'Json("unexpected text after the value at character 2")',
    );
    expect(failure(() => box.decodeOutput('get', new Uint8Array(2))).details.driverError).toBe(
      'Rkyv("Option<i16> is 4 bytes, got 2")',
    );
    expect(
      failure(() => box.decodeOutput('get', new Uint8Array([2, 0, 0, 0]))).details.driverError,
    ).toBe('Rkyv("invalid Option tag 2")');
  });

  test('schema and version', () => {
    const box = DataDriver.fromFile(driverPath('box'));
    expect(box.version()).toBe('0.1.0');
    expect(box.schema()).toEqual({
      contract: 'box',
      version: '0.1.0',
      functions: [
        { name: 'set', input: 'i16', output: '()' },
        { name: 'get', input: '()', output: 'Option<i16>' },
      ],
      events: [],
    });
    const center = DataDriver.fromFile(driverPath('callcenter'));
    expect(failure(() => center.encodeInput('query_counter', '"0x12"')).details.driverError).toBe(
      'Json("expected 64 hex digits in a ContractId at character 5")',
    );
    expect(failure(() => center.encodeInput('delegate_query', '{}')).details.driverError).toBe(
      'Unsupported("fn_name delegate_query")',
    );
  });
});
