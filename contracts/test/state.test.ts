/**
 * Contract state against the mock host: counters and initializers, the persistent-heap contracts
 * (box, stack, vector, grower, merkle) and the wat fixtures that exercise memory.
 */
import { blake3 } from 'hash-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, failure, i64At, id, idArg, u32At, wasm } from './harness';
import { MockHost, hex } from './mock-host';
import { bool, encode, i16, i32, Reader, tuple, u32, u64, u8 } from './rkyv';

beforeAll(ensureBuilt);

describe('counters', () => {
  it('counter reads 0xfc and increments (COUNTER-1/2)', () => {
    const vm = new MockHost();
    const counter = vm.deploy(wasm('counter'));
    expect(i64At(vm.call(counter, 'read_value'))).toBe(0xfcn);
    vm.call(counter, 'increment');
    expect(i64At(vm.call(counter, 'read_value'))).toBe(0xfdn);
  });

  it('fallible_counter panics with the exact message and reverts (COUNTER-4)', () => {
    const vm = new MockHost();
    const c = vm.deploy(wasm('fallible_counter'));
    vm.call(c, 'increment', encode(bool(false)));
    const err = failure(() => vm.call(c, 'increment', encode(bool(true))));
    expect([err.kind, err.detail]).toEqual(['Panic', 'Incremental panic']);
    expect(i64At(vm.call(c, 'read_value'))).toBe(0xfdn);
    expect(failure(() => vm.call(c, 'increment', Uint8Array.of(2))).detail).toMatch(
      /^Argument should correctly deserialize: check bytes error: check failed for bool/,
    );
  });

  it('counter_float starts at 252.0 (FLOAT-1)', () => {
    const vm = new MockHost();
    const c = vm.deploy(wasm('counter_float'));
    expect(Buffer.from(vm.call(c, 'read_value')).readDoubleLE(0)).toBe(252);
    vm.call(c, 'increment');
    expect(Buffer.from(vm.call(c, 'read_value')).readDoubleLE(0)).toBe(253);
  });

  it('double_counter keeps its increment when the call fails (DEPLOY-2)', () => {
    const vm = new MockHost();
    const dc = vm.deploy(wasm('double_counter'), { id: id(1) });
    const values = (): string => hex(vm.call(dc, 'read_values'));
    expect(values()).toBe('fc00000000000000cf00000000000000');
    const r = vm.call(dc, 'increment_left_and_call', idArg(id(255)));
    expect(new Reader(r).contractError(0)).toBe('DoesNotExist');
    expect(values()).toBe('fd00000000000000cf00000000000000');
  });

  it('c_example increments and reads a counter through wasm64 calls (COUNTER-3, VALID-1/2)', () => {
    const vm = new MockHost();
    const counter = vm.deploy(wasm('counter'));
    const c = vm.deploy(wasm('c_example'));
    expect(i64At(vm.call(c, 'increment_and_read', counter))).toBe(0xfdn);
    expect(failure(() => vm.call(c, 'out_of_bounds')).kind).toBe('MemoryAccessOutOfBounds');
    expect(vm.call(c, 'not_out_of_bounds').length).toBe(0);
  });

  it('initializer and empty_initializer run init once (INIT-1/3)', () => {
    const vm = new MockHost();
    const init = vm.deploy(wasm('initializer'), { init: encode(u8(0xab)) });
    expect(hex(vm.call(init, 'read_value'))).toBe('ab');
    vm.call(init, 'increment');
    expect(hex(vm.call(init, 'read_value'))).toBe('ac');
    expect(failure(() => vm.call(init, 'init', encode(u8(0xaa)))).kind).toBe('InitalizationError');
    const empty = vm.deploy(wasm('empty_initializer'));
    expect(hex(vm.call(empty, 'read_value'))).toBe('10');
  });
});

describe('persistent heap contracts', () => {
  it('box: setting the same value twice still changes page 0, like Rust stack residue (ROOT-3)', () => {
    const vm = new MockHost();
    const box = vm.deploy(wasm('box'));
    vm.call(box, 'set', encode(i16(0x11)));
    const page0 = vm.contracts.get(hex(box))!.memory.slice(0, 65536);
    vm.call(box, 'set', encode(i16(0x11)));
    expect(hex(vm.call(box, 'get'))).toBe('01001100');
    expect(hex(vm.contracts.get(hex(box))!.memory.slice(0, 65536))).not.toBe(hex(page0));
  });

  it('stack and vector are LIFOs (STACK-1/2, VEC-1)', () => {
    const vm = new MockHost();
    const stack = vm.deploy(wasm('stack'));
    for (let i = 0; i < 16; i++) {
      vm.call(stack, 'push', encode(i32(i)));
      expect(u32At(vm.call(stack, 'len'))).toBe(i + 1);
    }
    for (let i = 15; i >= 0; i--)
      expect(hex(vm.call(stack, 'pop'))).toBe(hex(encode(tuple(u32(1), i32(i)))));
    expect(hex(vm.call(stack, 'pop'))).toBe('0000000000000000');
    const vector = vm.deploy(wasm('vector'));
    for (let i = 0; i < 128; i++) vm.call(vector, 'push', encode(i16(i)));
    for (let i = 127; i >= 0; i--)
      expect(hex(vm.call(vector, 'pop'))).toBe(hex(encode(tuple(u8(1), i16(i)))));
    expect(hex(vm.call(vector, 'pop'))).toBe('00000000');
  });

  it('grower appends 64 KiB per call, growing memory a page each time (GROW-1/2)', () => {
    const vm = new MockHost();
    const g = vm.deploy(wasm('grower'));
    const initial = vm.memoryLength(g);
    vm.call(g, 'append', new Uint8Array(65536).fill(7));
    const afterFirst = vm.memoryLength(g);
    expect(afterFirst).toBeGreaterThan(initial);
    vm.call(g, 'append', new Uint8Array(65536).fill(8));
    expect(vm.memoryLength(g) - afterFirst).toBe(65536);
    expect(
      failure(() => vm.call(g, 'append_and_panic', new Uint8Array(65536).fill(9))).detail,
    ).toBe('isded');
    expect(u32At(vm.call(g, 'len'))).toBe(131072);
    const view = (offset: number, len: number) =>
      vm.call(g, 'view', Uint8Array.from([...encode(u32(offset)), ...encode(u32(len))]));
    expect(view(65530, 12)).toEqual(Uint8Array.from([7, 7, 7, 7, 7, 7, 8, 8, 8, 8, 8, 8]));
    expect(failure(() => vm.call(g, 'view', new Uint8Array(4))).detail).toBe('Bad arguments');
    expect(failure(() => view(131070, 4)).detail).toBe(
      'range end index 4 out of range for slice of length 2',
    );
  });

  it('merkle roots match a reference dusk-merkle tree (MERKLE-1)', async () => {
    const vm = new MockHost();
    const m = vm.deploy(wasm('merkle'));
    expect(hex(vm.call(m, 'root'))).toBe('00'.repeat(32));
    const leaves = [42n, 0xbeefn, 0xf00n, 0xba5n, 314n, 7297n, 1n, 0n];
    const reference = new Map<number, bigint>();
    const roots = new Set<string>();
    for (const [i, leaf] of leaves.entries()) {
      vm.call(m, 'insert', encode(tuple(u64(i), u64(leaf))));
      reference.set(i, leaf);
      const root = hex(vm.call(m, 'root'));
      expect(root).toBe(await referenceRoot(reference));
      roots.add(root);
    }
    expect(roots.size).toBe(8);
    expect(vm.debugLog.at(-1)).toMatch(/^\[(\d+, ){31}\d+\]$/);
  });
});

/** dusk-merkle root for H = 17, A = 4: absent subtrees are zero hashes; leaves are blake3(v LE). */
async function referenceRoot(leaves: Map<number, bigint>): Promise<string> {
  let level = new Map<number, Uint8Array>();
  for (const [pos, v] of leaves) level.set(pos, Buffer.from(await blake3(encode(u64(v))), 'hex'));
  for (let h = 0; h < 17; h++) {
    const next = new Map<number, Uint8Array>();
    for (const parent of new Set([...level.keys()].map((p) => Math.floor(p / 4)))) {
      const children = [0, 1, 2, 3].map((i) => level.get(parent * 4 + i) ?? new Uint8Array(32));
      next.set(parent, Buffer.from(await blake3(Buffer.concat(children)), 'hex'));
    }
    level = next;
  }
  return hex(level.get(0) ?? new Uint8Array(32));
}

describe('wat fixtures', () => {
  it('grow: grows up to the declared maximum, then panics', () => {
    const vm = new MockHost();
    const g = vm.deploy(wasm('grow'));
    expect(u32At(vm.call(g, 'grow', encode(u32(1))))).toBe(2);
    expect(failure(() => vm.call(g, 'grow', encode(u32(3)))).detail).toBe('memory.grow failed');
    expect(vm.memoryLength(g)).toBe(2 * 65536);
  });

  it('pages: writes one byte into each chosen page', () => {
    const vm = new MockHost();
    const p = vm.deploy(wasm('pages'));
    vm.call(p, 'write', encode(u32(3)));
    vm.call(p, 'write_many', encode(tuple(u32(5), u32(2))));
    const memory = vm.contracts.get(hex(p))!.memory;
    expect(memory.length).toBe(7 * 65536);
    expect([3, 5, 6].map((page) => memory[page * 65536 + 65535])).toEqual([4, 6, 7]);
  });

  it('bad_return and nan return what they claim', () => {
    const vm = new MockHost();
    expect(failure(() => vm.call(vm.deploy(wasm('bad_return')), 'too_long')).kind).toBe(
      'RuntimeError',
    );
    expect(vm.call(vm.deploy(wasm('nan')), 'nan').length).toBe(12);
  });

  it('oob_pointer: the host rejects a topic past 4 GiB; a plain store past memory traps', () => {
    const vm = new MockHost();
    const o = vm.deploy(wasm('oob_pointer'));
    expect(failure(() => vm.call(o, 'emit_oob')).kind).toBe('MemoryAccessOutOfBounds');
    expect(failure(() => vm.call(o, 'store_oob')).kind).toBe('RuntimeError');
  });
});
