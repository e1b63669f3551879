// Lengths a contract passes to host functions are checked against the maximum memory (4 GiB), not
// the current one (spec §3.2): a name of nearly 4 GiB is legal. Such a name is validated where it
// lies, never copied (it took 13–48 s and 4.2 GB): it names nothing, as in piecrust.
import { describe, expect, test } from 'vitest';
import { isPiecrustError } from '../core/errors';
import { contractWat, wat } from '../testing/wat';
import { CONTRACT_ERROR_UNKNOWN } from './call-errors';
import { createVm } from './vm';

const OWNER = new Uint8Array(32);
const HUGE = 0xf000_0000; // 3.75 GiB: past the 2-page memory, within the 4 GiB maximum

const BODY = `
  (func (export "c_long") (param i32) (result i32)
    (i32.store (i32.const 0)
      (call $c (i32.const 0) (i32.const 64) (i32.const ${HUGE}) (i32.const 0) (i64.const 1000)))
    (i32.const 4))
  (func (export "hd_long") (param i32) (result i32)
    (i32.store (i32.const 0) (call $hd (i32.const 64) (i32.const ${HUGE}))) (i32.const 4))
  (func (export "hq_long") (param i32) (result i32)
    (drop (call $hq (i32.const 64) (i32.const ${HUGE}) (i32.const 0))) (i32.const 0))
  (func (export "c_long_bad_utf8") (param i32) (result i32)
    (i32.store8 (i32.const 100) (i32.const 255))
    (drop (call $c (i32.const 0) (i32.const 64) (i32.const ${HUGE}) (i32.const 0) (i64.const 1000)))
    (i32.const 0))`;
const IMPORTS = `(import "env" "c" (func $c (param i32 i32 i32 i32 i64) (result i32)))
  (import "env" "hd" (func $hd (param i32 i32) (result i32)))
  (import "env" "hq" (func $hq (param i32 i32 i32) (result i32)))`;

async function setUp() {
  const vm = await createVm();
  vm.registerHostQuery('q', { execute: () => 0 });
  const s = vm.session({ meta: { m: new Uint8Array([1]) } });
  const bytecode = await wat(contractWat(BODY, { imports: IMPORTS }));
  const id = s.deploy(bytecode, { owner: OWNER }, 1_000_000n).contractId;
  return { s, id, self: Buffer.from(id, 'hex') };
}

const i32At0 = (data: Uint8Array) => Buffer.from(data).readInt32LE(0);

describe('host functions given a name of nearly 4 GiB', () => {
  test('c: the name names no export of the callee: Unknown, its limit charged', async () => {
    const { s, id, self } = await setUp();
    // The callee is the contract itself: its id goes at A = 0 with the argument.
    const r = s.callRaw(id, 'c_long', self, 1_000_000n);
    expect(i32At0(r.data)).toBe(CONTRACT_ERROR_UNKNOWN);
    expect(r.callTree.children).toEqual([]); // the failed frame is pruned
  });

  test('hd: no such metadata (0); hq: no such host query', async () => {
    const { s, id } = await setUp();
    expect(i32At0(s.callRaw(id, 'hd_long', new Uint8Array(0), 1_000_000n).data)).toBe(0);
    let error: unknown;
    try {
      s.callRaw(id, 'hq_long', new Uint8Array(0), 1_000_000n);
    } catch (e) {
      error = e;
    }
    expect(isPiecrustError(error, 'MissingHostQuery')).toBe(true);
    expect((error as Error).message).toBe(`Missing host query: (a name of ${HUGE} bytes)`);
  });

  test('its UTF-8 is still checked where it lies in memory', async () => {
    const { s, id, self } = await setUp();
    expect(() => s.callRaw(id, 'c_long_bad_utf8', self, 1_000_000n)).toThrow('Utf8');
  });

  test('the host is not given names longer than a contract may look up', async () => {
    const vm = await createVm();
    const long = 'x'.repeat((1 << 20) + 1);
    expect(() => vm.registerHostQuery(long, { execute: () => 0 })).toThrow(
      `a host query name of ${(1 << 20) + 1} bytes is longer than the ${1 << 20} bytes a name may have`,
    );
    expect(() => vm.session().setMeta(long, new Uint8Array(0))).toThrow('a metadata name of');
  });
});
