// spec §1.7, §9.30 UNIT-5: uplink's serde JSON for ContractId and Event (piecrust-uplink
// tests/serde.rs), applied to ids and events produced by the engine.
import { describe, expect, test } from 'vitest';
import type { ContractId } from '../../engine/core/ids';
import type { Event } from '../../engine/vm/types';
import {
  contractIdFromJson,
  contractIdToJson,
  eventFromJson,
  eventFromJsonValue,
  eventToJson,
} from '../../engine/vm/uplink-serde';
import { deploy, expectError, idOf, LIMIT, newVm, receipt, t } from './support';

/** Events of a real session: one emitted by a failed call (reverted), one by a successful one. */
async function engineEvents(): Promise<{ eventer: ContractId; events: Event[] }> {
  const s = (await newVm()).session();
  const reverter = deploy(s, 'event_reverter');
  const eventer = deploy(s, 'eventer');
  expectError(
    () => s.call(reverter, 'emit_then_panic', t.contractId, eventer, t.unit, LIMIT),
    'Panic',
  );
  const { events } = receipt(s, eventer, 'emit_events', t.u32, 1, t.unit);
  return { eventer, events };
}

describe('UNIT-5 uplink serde', () => {
  test('UNIT-5 serde_contract_id: a deployed id is 64 lowercase hex digits and reads back', async () => {
    const s = (await newVm()).session();
    const id = deploy(s, 'counter');
    const json = contractIdToJson(id);
    expect(json).toMatch(/^"[0-9a-f]{64}"$/);
    expect(json).toBe(`"${id}"`);
    expect(contractIdFromJson(json)).toBe(id);
    // The `hex` crate reads either case; writing is always lowercase.
    expect(contractIdToJson(contractIdFromJson(json.toUpperCase()))).toBe(json);
  });

  test('UNIT-5 serde_event: engine events round-trip, `reverted` included', async () => {
    const { eventer, events } = await engineEvents();
    expect(events.map((e) => e.reverted)).toEqual([true, false]);
    for (const event of events) {
      const json = eventToJson(event);
      expect(JSON.parse(json)).toEqual({
        source: eventer,
        topic: 'number',
        data: Buffer.from(event.data).toString('hex'),
        reverted: event.reverted,
      });
      expect(eventFromJson(json)).toEqual(event);
    }
  });

  test('UNIT-5 serde_wrong_encoded: text that is not a hex string is refused', () => {
    expectError(() => contractIdFromJson('wrong-encoded'), 'InvalidInput', 'not valid JSON');
    expectError(
      () => contractIdFromJson('"wrong-encoded"'),
      'InvalidInput',
      'ContractId JSON is not an even-length hex string: "wrong-encoded"',
    );
    expectError(() => contractIdFromJson(`"0x${'ab'.repeat(32)}"`), 'InvalidInput', 'hex string');
    expectError(
      () => contractIdFromJson('42'),
      'InvalidInput',
      'must be a hex string, got number 42',
    );
  });

  test('UNIT-5 serde_too_long_encoded: 33 bytes are refused', () => {
    const e = expectError(
      () =>
        contractIdFromJson('"e4ab9de40283a85d6ea0cd0120500697d8b01c71b7b4b520292252d20937000631"'),
      'InvalidInput',
      'must be 32 bytes (64 hex digits), got 33 bytes',
    );
    expect(e).toMatchObject({ details: { length: 33, expected: 32 } });
  });

  test('UNIT-5 serde_too_short_encoded: 31 bytes (and odd lengths) are refused', () => {
    expectError(
      () => contractIdFromJson('"1751c37a1dca7aa4c048fcc6177194243edc3637bae042e167e4285945e046"'),
      'InvalidInput',
      'got 31 bytes',
    );
    expectError(() => contractIdFromJson(`"${'a'.repeat(63)}"`), 'InvalidInput', 'even-length');
  });

  test('UNIT-5 serde_event_fields: the exact JSON of an empty event, key order included', () => {
    const event: Event = { source: idOf(0), topic: '', data: new Uint8Array(0), reverted: false };
    expect(eventToJson(event)).toBe(
      `{"source":"${'0'.repeat(64)}","topic":"","data":"","reverted":false}`,
    );
  });

  test('UNIT-5 a missing `reverted` reads as false; other missing or mistyped keys are refused', () => {
    const source = idOf(7);
    const old = { source, topic: 'number', data: '01000000' };
    expect(eventFromJson(JSON.stringify(old))).toEqual({
      source,
      topic: 'number',
      data: new Uint8Array([1, 0, 0, 0]),
      reverted: false,
    });
    // serde's derived deserializer ignores keys it does not know.
    expect(eventFromJsonValue({ ...old, reverted: true, origin: 'x' }).reverted).toBe(true);
    for (const key of ['source', 'topic', 'data'] as const) {
      const { [key]: _dropped, ...rest } = old;
      expectError(() => eventFromJsonValue(rest), 'InvalidInput', `Event JSON is missing "${key}"`);
    }
    expectError(
      () => eventFromJsonValue({ ...old, reverted: null }),
      'InvalidInput',
      '"reverted" must be a boolean, got null',
    );
    expectError(() => eventFromJsonValue({ ...old, data: 'xyz' }), 'InvalidInput', 'Event "data"');
    expectError(() => eventFromJsonValue({ ...old, source: 'ab' }), 'InvalidInput', 'got 1 bytes');
    expectError(() => eventFromJsonValue([old]), 'InvalidInput', 'must be an object, got array');
  });
});
