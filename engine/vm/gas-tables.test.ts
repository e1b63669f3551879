// The two gas tables (spec §4.1, §4.3): `head` (piecrust 0.32) and `0.19` (piecrust 0.19.0),
// chosen per VM or per session, recorded with every commit and recorded call. Figures are the
// table's operator costs plus ENTRY (1) per function invocation, written out term by term.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { contractWat, wat } from '../testing/wat';
import { createVm, type Vm } from './vm';
import type { ContractId } from '../core/ids';
import type { Session } from './session';
import type { GasTableName } from '../core/gas-tables';

const ENTRY = 1n;
const OWNER = new Uint8Array(32);
const NONE = new Uint8Array(0);
const GAS = 1_000_000n;

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// s32: i32.store; s64: i64.store; v128: v128.store; emit: a 5-byte topic and 3 bytes of data;
// query: the host query "priced".
const BODY = `
  (func (export "s32") (param i32) (result i32) (i32.store (i32.const 8) (i32.const 1)) (i32.const 0))
  (func (export "s64") (param i32) (result i32) (i64.store (i32.const 8) (i64.const 1)) (i32.const 0))
  (func (export "v128") (param i32) (result i32) (v128.store (i32.const 16) (v128.const i64x2 1 2)) (i32.const 0))
  (func (export "emit") (param i32) (result i32) (call $emit (i32.const 100) (i32.const 5) (i32.const 3)) (i32.const 0))
  (func (export "query") (param i32) (result i32) (drop (call $hq (i32.const 200) (i32.const 6) (i32.const 0))) (i32.const 0))
  (data (i32.const 100) "topic")
  (data (i32.const 200) "priced")`;
const IMPORTS = `(import "env" "emit" (func $emit (param i32 i32 i32)))
  (import "env" "hq" (func $hq (param i32 i32 i32) (result i32)))`;
const QUERY_PRICE = 1000n;

async function setUp(vmTable?: GasTableName): Promise<{ vm: Vm; bytecode: Uint8Array }> {
  const vm = await createVm(vmTable === undefined ? {} : { gasTable: vmTable });
  vm.registerHostQuery('priced', { price: () => QUERY_PRICE, execute: () => new Uint8Array(0) });
  return { vm, bytecode: await wat(contractWat(BODY, { imports: IMPORTS })) };
}

function deployed(
  vm: Vm,
  bytecode: Uint8Array,
  table?: GasTableName,
): { s: Session; id: ContractId } {
  const s = vm.session(table === undefined ? {} : { gasTable: table });
  return { s, id: s.deploy(bytecode, { owner: OWNER }, GAS).contractId };
}

const gasOf = (s: Session, id: ContractId, fn: string): bigint =>
  s.callRaw(id, fn, NONE, GAS).gasSpent;

describe('gas tables', () => {
  test('head: stores 16/32/64, emit 4 per byte, host queries their price', async () => {
    const { vm, bytecode } = await setUp();
    const { s, id } = deployed(vm, bytecode);
    expect(s.gasTable.name).toBe('head');
    expect(gasOf(s, id, 's32')).toBe(ENTRY + 2n + 16n + 1n);
    expect(gasOf(s, id, 's64')).toBe(ENTRY + 2n + 32n + 1n);
    expect(gasOf(s, id, 'v128')).toBe(ENTRY + 2n + 64n + 1n);
    // entry, three consts, call, 4 × (5 + 3) bytes, i32.const
    expect(gasOf(s, id, 'emit')).toBe(ENTRY + 3n + 1n + 4n * 8n + 1n);
    // entry, three consts, call, the price, drop (0), i32.const
    expect(gasOf(s, id, 'query')).toBe(ENTRY + 3n + 1n + QUERY_PRICE + 1n);
  });

  test('0.19: every operator 1, emit and host queries free', async () => {
    const { vm, bytecode } = await setUp();
    const { s, id } = deployed(vm, bytecode, '0.19');
    expect(s.gasTable.name).toBe('0.19');
    for (const fn of ['s32', 's64', 'v128']) expect(gasOf(s, id, fn)).toBe(ENTRY + 2n + 1n + 1n);
    expect(gasOf(s, id, 'emit')).toBe(ENTRY + 3n + 1n + 1n);
    expect(gasOf(s, id, 'query')).toBe(ENTRY + 3n + 1n + 1n);
  });

  test("a VM's table is its sessions' default; a session may pick the other", async () => {
    const { vm, bytecode } = await setUp('0.19');
    const flat = deployed(vm, bytecode);
    const head = deployed(vm, bytecode, 'head');
    // The same bytecode metered both ways in one VM, call after call.
    for (let i = 0; i < 2; i++) {
      expect(gasOf(flat.s, flat.id, 's64')).toBe(ENTRY + 2n + 1n + 1n);
      expect(gasOf(head.s, head.id, 's64')).toBe(ENTRY + 2n + 32n + 1n);
    }
  });

  test('the table is recorded with every commit and recorded call, and survives a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gas-tables-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'store.pis');
    const { bytecode } = await setUp();
    let vm = await createVm({ store: path });
    const roots: string[] = [];
    for (const table of ['head', '0.19'] as const) {
      const s = vm.session({ gasTable: table, journal: true });
      const id = s.deploy(bytecode, { owner: OWNER }, GAS).contractId;
      // Different writes: two distinct states, two commits.
      s.callRaw(id, table === 'head' ? 's32' : 'v128', NONE, GAS);
      expect(s.journal()!.calls.map((c) => c.gasTable)).toEqual([table, table]);
      roots.push(await s.commit());
    }
    await vm.close();
    vm = await createVm({ store: path });
    cleanups.push(() => vm.close());
    expect(roots.map((r) => vm.store.getCommit(r as never)?.gasTable)).toEqual(['head', '0.19']);
    const journal = vm.journal(roots[1] as never)!;
    expect(journal.gasTable).toBe('0.19');
    expect(journal.calls[1].gasSpent).toBe(ENTRY + 2n + 1n + 1n);
    // A session on a commit goes on in the commit's table, unless it asks for another.
    const inherits = vm.session({ base: roots[1] as never });
    expect(inherits.gasTable.name).toBe('0.19');
    inherits.close();
    const again = vm.session({ base: roots[1] as never, gasTable: 'head' });
    expect(again.gasTable.name).toBe('head');
    again.close();
  });
});
