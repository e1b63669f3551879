/**
 * Calling a contract that has a data-driver (issue 12, item 4): the schema's functions join the
 * exports, the argument starts as JSON pre-filled with the input type's example, the bytes are
 * previewed by the driver (its refusal shown), JSON errors say where they are and stop the call,
 * and the call goes out as `arg: {json}`. Without a schema the JSON editor starts empty; without
 * a driver nothing changes. Attaching: a refusal is kept for the card, a success re-reads the
 * contracts so the driver shows.
 */
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ContractInfo, DriverSchemaView } from '../../../engine/api/types';
import { provideApiClient } from '../api/instance';
import { useSessionStore } from '../workspace/session-store';
import { useCallStore } from './call-store';
import { useContractStore } from './contract-store';
import { useDriverStore } from './driver-store';
import { fakeClient, type Handlers } from '../../testing/fake-client';
import { startLiveUpdates } from '../app/event-router';

const DRIVER = { hash: 'ab'.repeat(32), version: '0.1.0', bytes: 4096 };
const BOX: ContractInfo = {
  id: '0b'.repeat(32),
  owner: '0x' + '00'.repeat(32),
  codeHash: 'c0'.repeat(32),
  memoryLen: 65536,
  is64: false,
  exports: ['set', 'get'],
  argBuffer: 0,
  driver: DRIVER,
};
const SCHEMA = {
  contract: 'box',
  version: '0.1.0',
  functions: [
    { name: 'set', input: 'i16', output: '()' },
    { name: 'get', input: '()', output: 'Option<i16>' },
    { name: 'stamp', input: '(u64, bool)', output: '()' },
  ],
  events: [],
};
const OK = { ok: true, data: '0x', gasLimit: '1000000000', gasSpent: '10', events: [] };

async function setUp(contract: ContractInfo, handlers: Handlers = {}) {
  const fake = fakeClient({
    contracts: () => [contract],
    driverSchema: (): DriverSchemaView => ({ schema: SCHEMA }),
    driverEncode: ({ json }) => (json === -300 ? '0xd4fe' : '0x0000'),
    call: () => OK,
    ...handlers,
  });
  provideApiClient(fake.client);
  const calls = useCallStore();
  useSessionStore().activeSessionId = 's1';
  const contracts = useContractStore();
  await expect.poll(() => contracts.selected?.id).toBe(contract.id);
  await expect.poll(() => calls.form?.fn).toBeDefined();
  return { fake, calls, contracts };
}

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
});

describe('a driver attached elsewhere (a script, another window)', () => {
  test('reaches the card and the call form through contractChanged, without a re-read', async () => {
    const bare = { ...BOX, driver: undefined, name: 'box' };
    const { fake, calls, contracts } = await setUp(bare);
    const stop = startLiveUpdates();
    try {
      expect(calls.form?.argMode).not.toBe('json');
      const reads = fake.calls.filter((c) => c.method === 'contracts').length;
      fake.emit('contractChanged', { contract: BOX.id, name: 'box', driver: DRIVER });
      await expect.poll(() => contracts.selected?.driver).toEqual(DRIVER);
      expect(contracts.selected?.name).toBe('box');
      await expect.poll(() => calls.form?.argMode).toBe('json');
      expect(fake.calls.filter((c) => c.method === 'contracts')).toHaveLength(reads);
      // Detached and unnamed: both gone from the card.
      fake.emit('contractChanged', { contract: BOX.id });
      await expect.poll(() => contracts.selected?.driver).toBeUndefined();
      expect(contracts.selected?.name).toBeUndefined();
    } finally {
      stop();
    }
  });
});

describe('the call form of a contract with a driver', () => {
  test('offers the schema’s functions beside the exports, JSON pre-filled with an example', async () => {
    const { calls } = await setUp(BOX);
    await expect.poll(() => calls.functions).toEqual(['set', 'get', 'stamp']);
    calls.update({ fn: 'set' });
    expect(calls.form).toMatchObject({ fn: 'set', argMode: 'json', argText: '0' });
    calls.update({ fn: 'get' });
    expect(calls.form).toMatchObject({ argMode: 'json', argText: 'null' });
    calls.update({ fn: 'stamp' });
    expect(JSON.parse(calls.form!.argText)).toEqual(['0', false]);
  });

  test('an argument typed before the driver was attached switches to JSON as the example', async () => {
    const bare = { ...BOX, driver: undefined };
    let attached = false;
    const { calls } = await setUp(bare, {
      contracts: () => [attached ? BOX : bare],
      attachDriver: () => {
        attached = true;
        return DRIVER;
      },
    });
    calls.update({ fn: 'set' });
    await calls.setArgMode('value');
    calls.update({ argText: 'i16 5' });
    await useDriverStore().attach(BOX.id, { hex: '0x00' });
    await expect.poll(() => calls.functions).toContain('stamp');
    expect(calls.form?.argMode).toBe('value'); // what was typed stays as it was
    await calls.setArgMode('json');
    expect(calls.form).toMatchObject({ argMode: 'json', argText: '0' });
    await calls.setArgMode('value');
    expect(calls.form?.argText).toBe('i16 5');
  });

  test('the call goes out as arg {json}, and the history keeps the JSON', async () => {
    const { fake, calls } = await setUp(BOX);
    calls.update({ fn: 'set' });
    calls.update({ argText: '-300' });
    await expect.poll(() => calls.preview.hex).toBe('0xd4fe');
    expect(calls.preview.type).toBe('i16');
    const record = await calls.call();
    const sent = fake.calls.filter((c) => c.method === 'call');
    expect(sent).toHaveLength(1);
    expect(sent[0].params).toMatchObject({ contract: BOX.id, fn: 'set', arg: { json: -300 } });
    expect(record?.argSummary).toBe('-300');
    expect(calls.callError).toBeNull();
  });

  test('picking another function shows none of the last one’s bytes while its own are encoded', async () => {
    const { calls } = await setUp(BOX, {
      // get's encoding never answers: what shows meanwhile is what matters.
      driverEncode: ({ fn }) => (fn === 'get' ? new Promise(() => undefined) : '0xd4fe'),
    });
    calls.update({ fn: 'set' });
    calls.update({ argText: '-300' });
    await expect.poll(() => calls.preview.hex).toBe('0xd4fe');
    calls.update({ fn: 'get' });
    expect(calls.preview.hex).toBeUndefined();
    // Encoding get's argument has begun, still with none of set's bytes.
    await expect.poll(() => calls.preview.pending).toBe(true);
    expect(calls.preview.hex).toBeUndefined();
    expect(calls.preview.type).toBeUndefined();
  });

  test('a JSON error says its line and column, and nothing is sent', async () => {
    const { fake, calls } = await setUp(BOX);
    calls.update({ fn: 'set' });
    calls.update({ argText: '{\n  "a": }' });
    await expect.poll(() => calls.preview.error).toMatch(/line 2, column 8/);
    await calls.call();
    expect(calls.callError?.message).toMatch(/line 2, column 8/);
    expect(fake.calls.some((c) => c.method === 'call')).toBe(false);
    expect(fake.calls.some((c) => c.method === 'driverEncode')).toBe(false);
  });

  test('the driver’s refusal to encode shows beside the editor', async () => {
    const { calls } = await setUp(BOX, {
      driverEncode: () => {
        throw new Error('expected an i16, found "x"');
      },
    });
    calls.update({ fn: 'set' });
    calls.update({ argText: '"x"' });
    await expect.poll(() => calls.preview.error).toContain('expected an i16, found "x"');
  });

  test('without a schema (get_schema trapped) the JSON editor starts empty, exports only', async () => {
    const { calls } = await setUp(BOX, {
      driverSchema: () => ({ error: 'get_schema trapped: unreachable' }),
    });
    const drivers = useDriverStore();
    await expect.poll(() => drivers.schemaOf(BOX)?.error).toBe('get_schema trapped: unreachable');
    expect(calls.functions).toEqual(['set', 'get']);
    calls.update({ fn: 'set' });
    expect(calls.form).toMatchObject({ argMode: 'json', argText: '' });
  });

  test('a contract without a driver keeps its typed and hex modes, and reads no schema', async () => {
    const { fake, calls } = await setUp({ ...BOX, driver: undefined });
    calls.update({ fn: 'set' });
    // The selection has been watched (the form exists): a schema would have been asked for.
    expect(calls.form?.argMode).not.toBe('json');
    expect(calls.functions).toEqual(['set', 'get']);
    expect(fake.calls.some((c) => c.method === 'driverSchema')).toBe(false);
  });
});

describe('attaching a driver', () => {
  test('a refusal is kept for the contract; a success re-reads the contracts', async () => {
    const bare = { ...BOX, driver: undefined };
    let attached = false;
    const { fake, contracts } = await setUp(bare, {
      contracts: () => [attached ? BOX : bare],
      attachDriver: ({ driver }) => {
        if ('path' in driver) throw new Error('not a data-driver: no export get_schema');
        attached = true;
        return DRIVER;
      },
    });
    const drivers = useDriverStore();
    expect(await drivers.attachPath(BOX.id, '/tmp/x.wasm')).toBeUndefined();
    expect(drivers.errors[BOX.id]?.message).toBe('not a data-driver: no export get_schema');
    expect(await drivers.attach(BOX.id, { hex: '0x0061736d' })).toEqual(DRIVER);
    expect(drivers.errors[BOX.id]).toBeUndefined();
    expect(contracts.selected?.driver).toEqual(DRIVER);
    expect(fake.calls.filter((c) => c.method === 'attachDriver').map((c) => c.params)).toEqual([
      { contract: BOX.id, driver: { path: '/tmp/x.wasm' } },
      { contract: BOX.id, driver: { hex: '0x0061736d' } },
    ]);
  });

  test('a file that is not .wasm is refused before anything is sent', async () => {
    const { fake } = await setUp(BOX);
    const drivers = useDriverStore();
    await drivers.attachFile(BOX.id, new File(['x'], 'notes.txt'));
    expect(drivers.errors[BOX.id]?.message).toContain('notes.txt is not a .wasm file');
    expect(fake.calls.some((c) => c.method === 'attachDriver')).toBe(false);
  });
});

describe('deploying with a driver', () => {
  test('the driver chosen in the deploy form goes with the deploy, then the form forgets it', async () => {
    (globalThis as { window?: unknown }).window = {}; // a browser: no desktop paths
    const { fake, contracts } = await setUp(BOX, {
      deploy: () => ({ ok: true, contractId: BOX.id, gasLimit: '1', events: [] }),
    });
    await contracts.pickDriver(new File([new Uint8Array([0, 0x61, 0x73, 0x6d])], 'box.wasm'));
    expect(contracts.deployForm.driver).toMatchObject({ name: 'box.wasm', size: 4 });
    await contracts.deploy();
    const sent = fake.calls.find((c) => c.method === 'deploy');
    expect(sent?.params).toMatchObject({
      source: { kind: 'sample', name: 'counter' },
      driver: { hex: '0x0061736d' },
    });
    expect(contracts.deployForm.driver).toBeNull();
  });

  test('a file that is not .wasm is refused in the form', async () => {
    const { contracts } = await setUp(BOX);
    await contracts.pickDriver(new File(['x'], 'box.json'));
    expect(contracts.deployError?.message).toContain('box.json is not a .wasm file');
    expect(contracts.deployForm.driver).toBeNull();
  });
});
