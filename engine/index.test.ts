// The example of engine/index.ts, kept working.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { createVm, rkyv } from './index';

const { t } = rkyv;
const counterWasm = new Uint8Array(
  readFileSync(new URL('../contracts/build/counter.wasm', import.meta.url)),
);

test('the engine entry example runs as documented', async () => {
  const vm = await createVm();
  const session = vm.session();
  const { contractId } = session.deploy(counterWasm, { owner: new Uint8Array(32) }, 1_000_000n);
  session.call(contractId, 'increment', t.unit, null, t.unit, 1_000_000n);
  const root = await session.commit();

  const again = vm.session({ base: root });
  expect(again.call(contractId, 'read_value', t.unit, null, t.i64, 1_000_000n).value).toBe(0xfdn);
  again.close();
  expect(vm.commits()).toEqual([root]);
});
