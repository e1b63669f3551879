/**
 * REBOOT-1's two processes (spec §9.28): `write DIR` deploys the counter at id 0x63…, increments
 * it with u64::MAX gas, commits to DIR/state.pis and writes the root to DIR/commit_id; `read DIR`
 * opens the store in a fresh process and prints the counter's value.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode, t } from '../../engine/rkyv';
import { toContractId, toRoot } from '../../engine/core/ids';
import { createVm } from '../../engine/vm/vm';

const [mode, dir] = process.argv.slice(2);
const MAX = (1n << 64n) - 1n;
const id = toContractId('63' + '00'.repeat(31));
const vm = await createVm({ store: join(dir, 'state.pis') });
if (mode === 'write') {
  const s = vm.session();
  s.deploy(
    new Uint8Array(readFileSync(new URL('../../contracts/build/counter.wasm', import.meta.url))),
    { owner: new Uint8Array(32), contractId: id },
    MAX,
  );
  s.callRaw(id, 'increment', new Uint8Array(0), MAX);
  writeFileSync(join(dir, 'commit_id'), await s.commit());
} else {
  const s = vm.session({ base: toRoot(readFileSync(join(dir, 'commit_id'), 'utf8')) });
  console.log(decode(t.i64, s.callRaw(id, 'read_value', new Uint8Array(0), MAX).data).toString());
  s.close();
}
await vm.close();
