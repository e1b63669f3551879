// The VM's contract names and drivers (contract-names.ts): a driver is validated before it is
// stored (a refused one stores nothing), and a reopened store file decodes with the driver
// attached before, without attaching it again. Names never change a state root.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { buildContracts } from '../../contracts/build.mjs';
import { tempDir } from '../testing/store-testing';
import { wat } from '../testing/wat';
import { DataDriver } from '../driver/data-driver';
import { createVm } from './vm';

const BUILD = new URL('../../contracts/build/', import.meta.url);
const built = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(`${name}.wasm`, BUILD))));
const GAS = 10n ** 7n;
const OWNER = { owner: new Uint8Array(32) };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

beforeAll(async () => {
  await buildContracts({ only: ['drivers/counter', 'counter'], log: () => {} });
});

describe.each([
  ['in memory', () => undefined],
  [
    'in a store file',
    () => {
      const { dir, remove } = tempDir();
      cleanups.push(remove);
      return join(dir, 'state.pis');
    },
  ],
])('contract names and drivers on the VM, %s', (_name, path) => {
  test('a refused driver throws the loader error and stores nothing; a good one decodes', async () => {
    const vm = await createVm({ store: path() });
    cleanups.push(() => vm.close());
    const s = vm.session();
    const id = s.deploy(built('counter'), OWNER, GAS).contractId;
    const hostile = await wat('(module (memory (export "memory") 1))');
    let expected = '';
    try {
      DataDriver.fromBytes(hostile);
    } catch (e) {
      expected = (e as Error).message;
    }
    expect(expected).not.toBe('');
    await expect(vm.attachDriver(id, hostile)).rejects.toThrow(expected);
    expect(vm.contractDriver(id)).toBeUndefined();
    expect(vm.store.getContractMeta(id)).toBeUndefined();

    await vm.attachDriver(id, built('drivers/counter'));
    await vm.setContractName(id, '  counter  ');
    expect(vm.contractName(id)).toBe('counter');
    expect(vm.contractDriver(id)).toEqual(built('drivers/counter'));
    const read = s.callRaw(id, 'read_value', new Uint8Array(0), GAS);
    expect(vm.loadedDriver(id)!.decodeOutput('read_value', read.data)).toBe('252');
    await expect(vm.setContractName(id, 'x'.repeat(201))).rejects.toThrow(
      'a contract name is at most 200 characters; this one has 201',
    );
    expect(vm.contractName(id)).toBe('counter');
  });
});

test('a reopened store file decodes with the driver attached before', async () => {
  const { dir, remove } = tempDir();
  cleanups.push(remove);
  const path = join(dir, 'state.pis');
  const vm = await createVm({ store: path });
  const s = vm.session();
  const id = s.deploy(built('counter'), OWNER, GAS).contractId;
  await vm.attachDriver(id, built('drivers/counter'));
  await vm.setContractName(id, 'counter');
  const root = await s.commit('deployed');
  await vm.close();

  const reopened = await createVm({ store: path });
  cleanups.push(() => reopened.close());
  expect(reopened.contractName(id)).toBe('counter');
  expect(reopened.contractNames()).toEqual(new Map([[id, 'counter']]));
  const again = reopened.session({ base: root });
  const read = again.callRaw(id, 'read_value', new Uint8Array(0), GAS);
  expect(reopened.loadedDriver(id)!.decodeOutput('read_value', read.data)).toBe('252');
  expect(reopened.attachedDriver(id)?.version).toBe(
    DataDriver.fromBytes(built('drivers/counter')).version(),
  );
  again.close();
});

test("a driver's version is asked once per module, not at every listing", async () => {
  const vm = await createVm();
  cleanups.push(() => vm.close());
  const s = vm.session();
  const id = s.deploy(built('counter'), OWNER, GAS).contractId;
  await vm.attachDriver(id, built('drivers/counter'));
  const version = vi.spyOn(DataDriver.prototype, 'version');
  cleanups.push(() => version.mockRestore());
  const first = vm.attachedDriver(id);
  expect(vm.attachedDriver(id)).toEqual(first);
  expect(first?.version).toMatch(/./);
  expect(version).toHaveBeenCalledTimes(1);
});
