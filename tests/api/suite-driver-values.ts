/**
 * The InspectorApi suite, continued (see suite.ts): values through contracts' data-drivers for
 * the app (issue 12). A call takes a JSON argument its contract's driver encodes; the driver's
 * schema, encodings and decodings are asked by contract, the ones stored with the contracts, so
 * a new service on the same store file decodes again without attaching anything. The engine's
 * own rkyv encoder (encodeValue) is the independent check of what the driver encodes. Typed
 * values accept a stored contract name where they accept a contract id.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, test } from 'vitest';
import type { ServiceOptions } from '../../engine/api/service';
import type { InspectorApi } from '../../engine/api/types';
import { BUILD, rejection, storePath, type Connection } from './suite-support';

const driverHex = (name: string): string =>
  '0x' + readFileSync(`${BUILD}drivers/${name}.wasm`).toString('hex');

export function driverValueTests(
  connection: () => Connection,
  connect: (options?: ServiceOptions) => Promise<Connection>,
): void {
  let api: InspectorApi;
  beforeAll(() => {
    api = connection().api;
  });

  test('a JSON argument is encoded by the driver, as the engine encodes the typed value, and results, arguments and events decode', async () => {
    const s = await api.openSession({});
    const box = (
      await api.deploy({
        session: s.id,
        source: { kind: 'sample', name: 'box' },
        driver: { hex: driverHex('box') },
      })
    ).contractId!;
    const eventer = (
      await api.deploy({
        session: s.id,
        source: { kind: 'sample', name: 'eventer' },
        driver: { hex: driverHex('eventer') },
      })
    ).contractId!;
    const encoded = await api.driverEncode({ contract: box, fn: 'set', json: -300 });
    expect(encoded).toBe(await api.encodeValue({ value: { i16: -300 } }));
    const set = await api.call({ session: s.id, contract: box, fn: 'set', arg: { json: -300 } });
    expect(set.ok).toBe(true);
    // The result says what the contract got, for the app to decode beside the result.
    expect(set.arg).toBe(encoded);
    const get = await api.call({ session: s.id, contract: box, fn: 'get' });
    const emitted = await api.call({
      session: s.id,
      contract: eventer,
      fn: 'emit_events',
      arg: { json: 3 },
    });
    expect(emitted.events.length).toBe(3);
    const decoded = await api.driverDecode({
      items: [
        { contract: box, kind: 'output', name: 'get', hex: get.data! },
        { contract: box, kind: 'input', name: 'set', hex: encoded },
        ...emitted.events.map((e) => ({
          contract: e.source,
          kind: 'event' as const,
          name: e.topic,
          hex: e.data,
        })),
      ],
    });
    expect(decoded).toEqual([
      { status: 'decoded', json: -300 },
      { status: 'decoded', json: -300 },
      ...emitted.events.map((e) => ({
        status: 'decoded',
        json: Buffer.from(e.data.slice(2), 'hex').readUInt32LE(0),
      })),
    ]);
    await api.closeSession({ session: s.id });
  });

  test("the schema lists the driver's functions; a refusal is that value's error, a contract without a driver says so", async () => {
    const s = await api.openSession({});
    const box = (
      await api.deploy({
        session: s.id,
        source: { kind: 'sample', name: 'box' },
        driver: { hex: driverHex('box') },
      })
    ).contractId!;
    const counter = (
      await api.deploy({ session: s.id, source: { kind: 'sample', name: 'counter' } })
    ).contractId!;
    const schema = await api.driverSchema({ contract: box });
    expect(JSON.stringify(schema)).toContain('"set"');
    expect(JSON.stringify(schema)).toContain('"get"');
    const decoded = await api.driverDecode({
      items: [
        { contract: box, kind: 'output', name: 'nope', hex: '0x00' },
        { contract: counter, kind: 'output', name: 'read_value', hex: '0x0500000000000000' },
        { contract: box, kind: 'input', name: 'set', hex: '0x' },
      ],
    });
    expect(decoded[0]).toEqual({ status: 'failed', error: expect.stringContaining('nope') });
    expect(decoded[1]).toEqual({ status: 'no-driver' });
    expect(decoded[2]).toMatchObject({ status: 'failed' });
    // A JSON argument without a driver, or one the driver refuses: the call is refused, not run.
    const before = (await api.journal({ session: s.id })).length;
    const noDriver = await rejection(
      api.call({ session: s.id, contract: counter, fn: 'increment', arg: { json: null } }),
    );
    expect(noDriver.message).toMatch(/needs a data-driver.*"counter".*has none/);
    expect(await rejection(api.driverSchema({ contract: counter }))).toMatchObject({
      code: 'InvalidInput',
    });
    const refused = await rejection(
      api.call({ session: s.id, contract: box, fn: 'set', arg: { json: 'not a number' } }),
    );
    expect(refused.message).toContain('set');
    expect((await api.journal({ session: s.id })).length).toBe(before);
    // Malformed requests are refused whole, naming the field.
    const bad = await rejection(
      api.driverDecode({
        items: [{ contract: box, kind: 'sideways' as 'input', name: 'set', hex: '0x' }],
      }),
    );
    expect(bad.message).toContain('items[0].kind');
    await api.closeSession({ session: s.id });
  });

  test('a new service on the same store decodes with the stored driver; typed values take stored names', async () => {
    const path = storePath();
    await api.newWorkspace({ path });
    let box: string;
    let data: string;
    try {
      const s = await api.openSession({});
      box = (
        await api.deploy({
          session: s.id,
          source: { kind: 'sample', name: 'box' },
          name: 'the box',
          driver: { hex: driverHex('box') },
        })
      ).contractId!;
      await api.call({ session: s.id, contract: box, fn: 'set', arg: { json: 17 } });
      data = (await api.call({ session: s.id, contract: box, fn: 'get' })).data!;
      await api.commit({ session: s.id, label: 'boxed' });
    } finally {
      await api.closeWorkspace();
    }
    const other = await connect();
    try {
      await other.api.openWorkspace({ path });
      expect(await other.api.contractNames()).toEqual({ [box]: 'the box' });
      expect(
        await other.api.driverDecode({
          items: [{ contract: box, kind: 'output', name: 'get', hex: data }],
        }),
      ).toEqual([{ status: 'decoded', json: 17 }]);
      expect(await other.api.encodeValue({ value: { contractId: 'the box' } })).toBe(
        await other.api.encodeValue({ value: { contractId: box } }),
      );
      const unknown = await rejection(other.api.encodeValue({ value: { contractId: 'no box' } }));
      expect(unknown.message).toContain('"no box" is neither a contract id');
      expect(unknown.message).toContain('"the box"');
      await other.api.closeWorkspace();
    } finally {
      await other.close();
    }
  });
}
