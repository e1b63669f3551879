/**
 * Child process of journal-bench.ts: one call that writes `pages` pages (a distinct word on each,
 * so no two versions are equal), on a store file, with the journal on or off, then the commit;
 * prints the process's peak resident memory (VmHWM) and the time taken, as JSON.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractWat, wat } from '../engine/testing/wat';
import { createVm } from '../engine/vm/vm';
import { WRITE_PAGES_BODY } from './write-pages-wat';

const [pagesArg, journalArg] = process.argv.slice(2);
const pages = Number(pagesArg);
const journal = journalArg === 'journal';

function peakRssMb(): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN) / 1024;
}

const dir = mkdtempSync(join(tmpdir(), 'pi-big-write-'));
try {
  const start = performance.now();
  const vm = await createVm({ store: join(dir, 'state.pis') });
  const s = vm.session({ journal });
  const bytecode = await wat(
    contractWat(WRITE_PAGES_BODY, { memory: '(memory (export "memory") 1)' }),
  );
  const id = s.deploy(bytecode, { owner: new Uint8Array(32) }, 1_000_000n).contractId;
  s.callRaw(id, 'write', new Uint8Array(new Uint32Array([pages]).buffer), 1n << 40n);
  await s.commit();
  await vm.close();
  console.log(JSON.stringify({ peakRssMb: peakRssMb(), ms: performance.now() - start }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
