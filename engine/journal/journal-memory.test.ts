// A journal costs memory in proportion to what it records, not to the bytes a call writes: page
// changes are references to page versions (kept once each, spilled to a file past a budget, then
// stored with the commit), and the encoded journal holds hashes and byte ranges, not hex bytes.
// Before: a 64 MiB write killed the process (~90 bytes of memory per byte written).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { ContractId, Root } from '../core/ids';
import { contractWat, wat } from '../testing/wat';
import { createVm, type Vm } from '../vm/vm';
import { decodeJournal, encodeJournal } from './codec';
import { deltaChanges, pageAt } from './replay';
import type { PageSource } from './page-spill';
import { isInlineDelta, type Journal } from './types';

const OWNER = new Uint8Array(32);
const GAS = 1n << 40n;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

// write(n): grow to n + 1 pages and put a distinct word at the start of pages 1..n (every page
// a different version); bump: add 1 to page 1's word.
const BODY = `
  (func (export "write") (param i32) (result i32) (local $n i32) (local $p i32)
    (local.set $n (i32.load (i32.const 0)))
    (drop (memory.grow (local.get $n)))
    (local.set $p (i32.const 1))
    (block $done (loop $l
      (br_if $done (i32.gt_u (local.get $p) (local.get $n)))
      (i32.store (i32.shl (local.get $p) (i32.const 16)) (i32.add (local.get $p) (i32.const 1000)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $l)))
    (i32.const 0))
  (func (export "bump") (param i32) (result i32)
    (i32.store (i32.const 65536) (i32.add (i32.load (i32.const 65536)) (i32.const 1)))
    (i32.const 0))`;

async function storeVm(): Promise<{ vm: Vm; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'journal-memory-'));
  dirs.push(dir);
  const path = join(dir, 'store.pis');
  return { vm: await createVm({ store: path }), path };
}

const u32 = (n: number) => new Uint8Array(new Uint32Array([n]).buffer);

describe('journal memory', () => {
  test('a call writing 48 MiB: the journal is page references, the pages are stored with the commit', async () => {
    const { vm, path } = await storeVm();
    const s = vm.session({ journal: true });
    const bytecode = await wat(contractWat(BODY, { memory: '(memory (export "memory") 1)' }));
    const id = s.deploy(bytecode, { owner: OWNER }, 1_000_000n).contractId;
    const pages = 768; // 48 MiB, past the spill's 32 MiB in memory
    s.callRaw(id, 'write', u32(pages), GAS);
    const journal = s.journal()!;
    const call = journal.calls[1];
    const deltas = call.steps.flatMap((st) => st.deltas).filter((d) => d.contract === id);
    expect(deltas).toHaveLength(pages + 1); // the written pages and page 0 (the argument)
    expect(deltas.every((d) => !isInlineDelta(d))).toBe(true);
    // Each change costs its references and ranges: under 200 bytes a page, not 2 × 64 KiB.
    const encoded = encodeJournal(journal);
    expect(encoded.length).toBeLessThan(200 * (pages + 10) + 40 * 1024);
    const root = await s.commit();
    await vm.close();

    // The store keeps every version, the journal finds them after a reopen.
    const again = await createVm({ store: path });
    try {
      const stored = again.journal(root)!;
      const storePages: PageSource = { page: (h) => again.store.getPage(h) };
      const last = { call: 1, step: stored.calls[1].steps.length - 1 };
      for (const p of [1, 500, pages]) {
        expect(pageAt(stored, last, id, p, new Uint8Array(65536), storePages)).toEqual(
          again.pageBytes(root, id, p),
        );
      }
      const first = stored.calls[1].steps.flatMap((st) => st.deltas).find((d) => d.page === 2)!;
      // The bytes that differ: 1002 = 0x03ea, two bytes of the word.
      expect(deltaChanges(first, storePages)).toEqual([
        { offset: 0, before: new Uint8Array(2), after: new Uint8Array([0xea, 0x03]) },
      ]);
    } finally {
      await again.close();
    }
  }, 120_000);

  test('a page version only a journal refers to survives garbage collection of other commits', async () => {
    const { vm, path } = await storeVm();
    let s = vm.session({ journal: true });
    const bytecode = await wat(contractWat(BODY, { memory: '(memory (export "memory") 2)' }));
    const id = s.deploy(bytecode, { owner: OWNER }, 1_000_000n).contractId as ContractId;
    const base = await s.commit();
    s = vm.session({ base, journal: true });
    // Two bumps: the page after the first exists only in this journal (the state has the second).
    s.callRaw(id, 'bump', new Uint8Array(0), GAS);
    s.callRaw(id, 'bump', new Uint8Array(0), GAS);
    const kept = await s.commit('kept');
    const other = vm.session({ base });
    other.callRaw(id, 'write', u32(1), GAS);
    const doomed = await other.commit('doomed');
    await vm.deleteCommit(doomed);
    const store = vm.store as unknown as {
      collectGarbage(o: { compact?: boolean }): Promise<unknown>;
    };
    await store.collectGarbage({ compact: true });
    await vm.close();

    const again = await createVm({ store: path });
    try {
      const journal = again.journal(kept as Root)!;
      const firstBump = journal.calls[0].steps
        .flatMap((st) => st.deltas)
        .find((d) => d.page === 1)!;
      const changes = deltaChanges(firstBump, { page: (h) => again.store.getPage(h) });
      expect(changes).toEqual([
        { offset: 0, before: new Uint8Array([0]), after: new Uint8Array([1]) },
      ]);
    } finally {
      await again.close();
    }
  });

  test('journals stored before page references (format 1, JSON with hex) still read and replay', () => {
    const contract = 'ab'.repeat(32);
    const legacy = {
      format: 1,
      journal: {
        base: null,
        calls: [
          {
            index: 0,
            kind: 'call',
            contract,
            fn: 'f',
            arg: { $bytes: '' },
            gasLimit: { $u64: '1000' },
            gasSpent: { $u64: '12' },
            steps: [
              {
                kind: 'exit',
                depth: 0,
                contract,
                fn: 'f',
                gas: { $u64: '12' },
                deltas: [
                  {
                    contract,
                    page: 0,
                    changes: [{ offset: 4, before: { $bytes: '00' }, after: { $bytes: '2a' } }],
                  },
                ],
                events: [],
                debug: [],
              },
            ],
            micros: 1,
          },
        ],
      },
    };
    const journal: Journal = decodeJournal(new TextEncoder().encode(JSON.stringify(legacy)));
    const none: PageSource = { page: () => undefined };
    const page = pageAt(
      journal,
      { call: 0, step: 0 },
      contract as ContractId,
      0,
      new Uint8Array(65536),
      none,
    );
    expect(page[4]).toBe(0x2a);
    expect(journal.calls[0].gasSpent).toBe(12n);
  });
});
