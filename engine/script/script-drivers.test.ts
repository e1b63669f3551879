// ScriptDrivers over the drivers a host keeps with contracts: a driver the script attaches wins
// over the stored one, other contracts use the stored one, and a stored driver that cannot be
// loaded is that contract's decode error beside the raw bytes, not the run's.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildContracts } from '../../contracts/build.mjs';
import { PiecrustError } from '../core/errors';
import { toContractId } from '../core/ids';
import { DataDriver } from '../driver/data-driver';
import { ScriptDrivers } from './script-drivers';

const load = (name: string): DataDriver =>
  DataDriver.fromBytes(
    readFileSync(new URL(`../../contracts/build/drivers/${name}.wasm`, import.meta.url)),
  );
const ATTACHED = toContractId('aa'.repeat(32));
const STORED = toContractId('bb'.repeat(32));
/** An i64 of 253, as counter's `read_value` returns it. */
const I64_253 = new Uint8Array([0xfd, 0, 0, 0, 0, 0, 0, 0]);

beforeAll(async () => {
  await buildContracts({ only: ['drivers/counter', 'drivers/eventer'], log: () => {} });
});

describe('ScriptDrivers with stored drivers', () => {
  test("the script's driver overrides the stored one; other contracts use the stored one", () => {
    const counter = load('counter');
    const eventer = load('eventer');
    const drivers = new ScriptDrivers(() => eventer);
    drivers.attach(ATTACHED, counter);
    expect(drivers.get(ATTACHED)).toBe(counter);
    expect(drivers.get(STORED)).toBe(eventer);
    expect(drivers.required(STORED, 'stored', '`json`')).toBe(eventer);
    expect(drivers.decodeOutput(ATTACHED, 'read_value', I64_253)).toEqual({ decoded: '253' });
    const [event] = drivers.events([
      { source: STORED, topic: 'number', data: new Uint8Array([2, 0, 0, 0]), reverted: false },
    ]);
    expect(event).toEqual({ source: STORED, topic: 'number', data: '0x02000000', decoded: 2 });
  });

  test('a stored driver that cannot be loaded is a decode error beside the bytes', () => {
    const missing = new PiecrustError(
      'PersistenceError',
      `contract ${STORED}: its driver is missing`,
    );
    const drivers = new ScriptDrivers(() => {
      throw missing;
    });
    expect(drivers.decodeOutput(STORED, 'read_value', I64_253)).toEqual({
      decodeError: missing.message,
    });
    expect(
      drivers.events([
        { source: STORED, topic: 'number', data: new Uint8Array(4), reverted: false },
      ]),
    ).toEqual([
      { source: STORED, topic: 'number', data: '0x00000000', decodeError: missing.message },
    ]);
    // Where a driver is required (`json`, `expect.json`) the step fails with that error.
    expect(() => drivers.required(STORED, 'stored', '`json`')).toThrow(missing);
  });
});
