/**
 * The decode store asks the engine for every value requested in one tick with one `driverDecode`
 * call, keeps the answers, remembers contracts without a driver, and drops a contract's answers
 * when its driver changes (`contractChanged`, through the event router) or the workspace does.
 */
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { DriverDecodeItem, DriverDecoding } from '../../../engine/api/types';
import { provideApiClient } from '../api/instance';
import { startLiveUpdates } from '../app/event-router';
import { fakeClient, settle, type FakeClient } from '../../testing/fake-client';
import { TEST_ABI } from '../../testing/abi';
import { effectScope } from 'vue';
import { useDriverDecoding } from './composables/use-driver-decoding';
import { KEPT_ANSWERS, useDriverDecodeStore } from './driver-decode-store';

const BOX = '0x' + 'b0'.repeat(32);
const EVENTER = '0x' + 'e0'.repeat(32);
const PLAIN = '0x' + '11'.repeat(32);

/** A fake engine: box and eventer have drivers that decode a value to its hex's length. */
function answer(item: DriverDecodeItem, driverOf: Set<string>): DriverDecoding {
  if (!driverOf.has(item.contract)) return { status: 'no-driver' };
  if (item.name === 'refused') return { status: 'failed', error: `Unsupported("${item.name}")` };
  return { status: 'decoded', json: { [item.kind]: item.name, bytes: (item.hex.length - 2) / 2 } };
}

describe('the driver decode store', () => {
  let fake: FakeClient;
  let drivers: Set<string>;
  let stopEvents: () => void;
  const decodeCalls = (): Array<{ items: DriverDecodeItem[] }> =>
    fake.calls
      .filter((c) => c.method === 'driverDecode')
      .map((c) => c.params as unknown as { items: DriverDecodeItem[] });

  beforeEach(() => {
    setActivePinia(createPinia());
    drivers = new Set([BOX, EVENTER]);
    fake = fakeClient({
      driverDecode: ({ items }) => items.map((item) => answer(item, drivers)),
      listSessions: () => [],
      commitGraph: () => [],
      workspace: () => ({ path: ':memory:', commits: 0, sessions: 0, abi: TEST_ABI }),
    });
    provideApiClient(fake.client);
    stopEvents = startLiveUpdates();
  });
  afterEach(() => stopEvents());

  test('the values asked in one tick go to the engine as one batch, answered in order', async () => {
    const store = useDriverDecodeStore();
    const items: DriverDecodeItem[] = Array.from({ length: 50 }, (_, i) => ({
      contract: i % 2 === 0 ? BOX : EVENTER,
      kind: i % 3 === 0 ? 'event' : 'output',
      name: `f${i}`,
      hex: '0x' + 'ab'.repeat(i),
    }));
    for (const item of items) store.request(item);
    expect(items.map((item) => store.get(item))).toEqual(items.map(() => null));
    await settle();

    expect(decodeCalls()).toHaveLength(1);
    expect(decodeCalls()[0].items).toEqual(items);
    expect(items.map((item) => store.get(item))).toEqual(
      items.map((item) => answer(item, drivers)),
    );
  });

  test('a value answered once is not asked again; another value of the contract is', async () => {
    const store = useDriverDecodeStore();
    const item: DriverDecodeItem = { contract: BOX, kind: 'output', name: 'get', hex: '0x01d4fe' };
    store.request(item);
    await settle();
    store.request({ ...item });
    store.request({ ...item, hex: '0x01D4FE' }); // the same bytes, spelled in capitals
    await settle();
    expect(decodeCalls()).toHaveLength(1);

    store.request({ ...item, kind: 'input' });
    await settle();
    expect(decodeCalls()).toHaveLength(2);
    expect(decodeCalls()[1].items).toEqual([{ ...item, kind: 'input' }]);
  });

  test('a contract without a driver costs nothing after its first answer', async () => {
    const store = useDriverDecodeStore();
    store.request({ contract: PLAIN, kind: 'output', name: 'read', hex: '0x01' });
    await settle();
    expect(store.get({ contract: PLAIN, kind: 'output', name: 'read', hex: '0x01' })).toEqual({
      status: 'no-driver',
    });

    const other: DriverDecodeItem = { contract: PLAIN, kind: 'event', name: 'x', hex: '0x0203' };
    store.request(other);
    await settle();
    expect(decodeCalls()).toHaveLength(1);
    expect(store.get(other)).toEqual({ status: 'no-driver' });
  });

  test("a driver's refusal is that value's answer, the others of the batch decode", async () => {
    const store = useDriverDecodeStore();
    const refused: DriverDecodeItem = { contract: BOX, kind: 'input', name: 'refused', hex: '0x' };
    const fine: DriverDecodeItem = { contract: BOX, kind: 'input', name: 'set', hex: '0xd4fe' };
    store.request(refused);
    store.request(fine);
    await settle();
    expect(store.get(refused)).toEqual({ status: 'failed', error: 'Unsupported("refused")' });
    expect(store.get(fine)).toEqual({ status: 'decoded', json: { input: 'set', bytes: 2 } });
  });

  test("contractChanged drops that contract's answers (no-driver too) and only its", async () => {
    const store = useDriverDecodeStore();
    const plain: DriverDecodeItem = { contract: PLAIN, kind: 'output', name: 'read', hex: '0x01' };
    const box: DriverDecodeItem = { contract: BOX, kind: 'output', name: 'get', hex: '0x01' };
    store.request(plain);
    store.request(box);
    await settle();
    expect(store.get(plain)).toEqual({ status: 'no-driver' });

    // A driver is attached to the plain contract: the engine says so with contractChanged.
    drivers.add(PLAIN);
    fake.emit('contractChanged', { contract: PLAIN, driver: { hash: 'h', bytes: 1 } });
    expect(store.get(plain)).toBeNull();
    expect(store.get(box)).toEqual(answer(box, drivers));

    store.request(plain);
    store.request(box);
    await settle();
    expect(decodeCalls()).toHaveLength(2);
    expect(decodeCalls()[1].items).toEqual([plain]);
    expect(store.get(plain)).toEqual({ status: 'decoded', json: { output: 'read', bytes: 1 } });
  });

  test('an answer to a request made before the driver changed is not kept', async () => {
    const store = useDriverDecodeStore();
    const box: DriverDecodeItem = { contract: BOX, kind: 'output', name: 'get', hex: '0x01' };
    let release = (): void => undefined;
    fake.handlers.set('driverDecode', ({ items }: { items: DriverDecodeItem[] }) => {
      const answers = items.map((item) => answer(item, drivers));
      return new Promise((resolve) => (release = () => resolve(answers)));
    });
    store.request(box);
    await settle();
    fake.emit('contractChanged', { contract: BOX });
    release();
    await settle();
    expect(store.get(box)).toBeNull();
  });

  test('another workspace drops every answer', async () => {
    const store = useDriverDecodeStore();
    const box: DriverDecodeItem = { contract: BOX, kind: 'output', name: 'get', hex: '0x01' };
    const plain: DriverDecodeItem = { contract: PLAIN, kind: 'output', name: 'read', hex: '0x01' };
    store.request(box);
    store.request(plain);
    await settle();
    fake.emit('workspaceChanged', { path: '/tmp/b.pis', commits: 0, sessions: 0, abi: TEST_ABI });
    expect(store.get(box)).toBeNull();
    expect(store.get(plain)).toBeNull();
    store.request(box);
    store.request(plain);
    await settle();
    expect(decodeCalls()).toHaveLength(2);
    expect(decodeCalls()[1].items).toEqual([box, plain]);
  });

  test('a batch the engine could not answer says so for each value', async () => {
    const store = useDriverDecodeStore();
    fake.handlers.set('driverDecode', () => {
      throw new Error('engine gone');
    });
    const box: DriverDecodeItem = { contract: BOX, kind: 'output', name: 'get', hex: '0x01' };
    store.request(box);
    await settle();
    expect(store.get(box)).toMatchObject({ status: 'failed' });
    expect((store.get(box) as { error: string }).error).toContain('engine gone');
  });

  test('past KEPT_ANSWERS the oldest answers go, and are asked again when shown again', async () => {
    const store = useDriverDecodeStore();
    const value = (i: number): DriverDecodeItem => ({
      contract: BOX,
      kind: 'output',
      name: 'get',
      hex: '0x' + i.toString(16).padStart(8, '0'),
    });
    for (let i = 0; i < KEPT_ANSWERS; i++) store.request(value(i));
    await settle();
    store.request(value(KEPT_ANSWERS));
    await settle();
    expect(store.get(value(0))).toBeNull();
    expect(store.get(value(1))).not.toBeNull();
    expect(store.get(value(KEPT_ANSWERS))).not.toBeNull();
    store.request(value(0));
    await settle();
    expect(decodeCalls().map((c) => c.items.length)).toEqual([KEPT_ANSWERS, 1, 1]);
  });

  test('a value on screen is asked again when its answer is dropped', async () => {
    const scope = effectScope();
    const item: DriverDecodeItem = { contract: PLAIN, kind: 'output', name: 'read', hex: '0x01' };
    const shown = scope.run(() => useDriverDecoding(() => item))!;
    await settle();
    expect(shown.value).toEqual({ status: 'no-driver' });

    drivers.add(PLAIN);
    fake.emit('contractChanged', { contract: PLAIN, driver: { hash: 'h', bytes: 1 } });
    await settle();
    expect(shown.value).toEqual({ status: 'decoded', json: { output: 'read', bytes: 1 } });
    expect(decodeCalls()).toHaveLength(2);
    scope.stop();
  });

  test('a value on screen whose answer was the oldest of too many is asked again', async () => {
    const store = useDriverDecodeStore();
    const scope = effectScope();
    const item: DriverDecodeItem = { contract: BOX, kind: 'input', name: 'set', hex: '0xd4fe' };
    const shown = scope.run(() => useDriverDecoding(() => item))!;
    await settle();
    for (let i = 0; i < KEPT_ANSWERS; i++)
      store.request({ contract: EVENTER, kind: 'event', name: 'number', hex: `0x${i}` });
    await settle();
    expect(shown.value).toEqual({ status: 'decoded', json: { input: 'set', bytes: 2 } });
    expect(decodeCalls().at(-1)?.items).toEqual([item]);
    scope.stop();
  });
});
