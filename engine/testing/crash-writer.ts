/**
 * The writer process of the crash test (crash.test.ts), run as
 * `node --import tsx engine/testing/crash-writer.ts STORE SEED`. It commits in a loop, on the
 * newest commit, and prints a line only once the store has acknowledged the operation:
 * `C <root> <page> <seed>` for a commit whose `page` starts with `fill(seed)`'s first word, and
 * `D <root>` for a delete (announced by `d <root>` before it starts). Checkpoints, collections and compactions are made frequent so that
 * the parent's SIGKILL lands in every phase of the write path. It never exits by itself.
 */
import { toContractId } from '../core/ids';
import { createVm } from '../vm/vm';
import { openFileStore } from '../store/file-store';
import { fill, GAS, OWNER, PAGES, pagesBytecode } from './store-testing';

const CONTRACT = toContractId(new Uint8Array(32).fill(7));

async function run(path: string, seed: number): Promise<void> {
  const store = await openFileStore(path, {
    checkpointMinBytes: 48 << 10,
    compactMinBytes: 96 << 10,
    compactDeadFraction: 0.1,
  });
  const vm = await createVm({ store });
  let state = seed >>> 0 || 1;
  const random = (n: number): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
  const out = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  if (store.listCommits().length === 0) {
    const s = vm.session();
    s.deploy(await pagesBytecode(), { owner: OWNER, contractId: CONTRACT }, GAS);
    out(`C ${await s.commit('genesis')} 0 0`);
  }
  for (let i = 0; ; i++) {
    const commits = store.listCommits();
    const base = commits.at(-1)!.root;
    if (i % 40 === 39) {
      // Collection and (when a tenth of the file is dead) compaction, on top of the store's own.
      await store.collectGarbage({ compact: true });
      continue;
    }
    if (i % 10 === 9 && commits.length > 3) {
      // Delete an older commit (never the newest, which the next session needs).
      const victim = commits[random(commits.length - 1)].root;
      out(`d ${victim}`); // intent: from here on the commit may be gone
      await vm.deleteCommit(victim);
      out(`D ${victim}`);
      continue;
    }
    const s = vm.session({ base });
    const page = 1 + random(PAGES);
    const fillSeed = (seed * 100_000 + i) >>> 0 || 1;
    // Mostly small writes, now and then a whole random page.
    fill(s, CONTRACT, page, fillSeed, random(8) === 0 ? 16384 : 16 + random(512));
    out(`C ${await s.commit(`step ${i}`)} ${page} ${fillSeed}`);
  }
}

const [path, seed] = process.argv.slice(2);
run(path, Number(seed)).catch((e: unknown) => {
  process.stderr.write(
    `crash-writer: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exit(1);
});
