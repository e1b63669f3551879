// spec §9.13, §9.15, §9.19, §9.25, §9.27 (everest, fibonacci, merkle, stack, vector)
import { describe, expect, test } from 'vitest';
import { encode } from '../../engine/rkyv';
import { call, deploy, newVm, t } from './support';

describe('everest', () => {
  test('EVEREST-1 height', async () => {
    const s = (await newVm()).session({ meta: { height: encode(t.u64, 29_000n) } });
    const id = deploy(s, 'everest');
    expect(call(s, id, 'get_height', t.unit, null, t.option(t.u64))).toBe(29_000n);
  });

  test('EVEREST-2 meta_data_optionality', async () => {
    const s = (await newVm()).session();
    const id = deploy(s, 'everest');
    expect(call(s, id, 'get_height', t.unit, null, t.option(t.u64))).toBeNull();
  });

  test('metadata set during a session applies to later calls', async () => {
    const s = (await newVm()).session();
    const id = deploy(s, 'everest');
    expect(s.setMeta('height', encode(t.u64, 7n))).toBeUndefined();
    expect(call(s, id, 'get_height', t.unit, null, t.option(t.u64))).toBe(7n);
    s.removeMeta('height');
    expect(call(s, id, 'get_height', t.unit, null, t.option(t.u64))).toBeNull();
  });
});

describe('fibonacci', () => {
  test('FIB-1', async () => {
    const s = (await newVm()).session();
    const id = deploy(s, 'fibonacci');
    expect([0, 1, 2, 3, 4].map((n) => call(s, id, 'nth', t.u32, n, t.u64))).toEqual([
      1n,
      1n,
      2n,
      3n,
      5n,
    ]);
  });
});

describe('merkle', () => {
  test('MERKLE-1 merkle_root (roots without the exact-gas bound): empty root, then 8 distinct roots', async () => {
    const s = (await newVm()).session();
    const id = deploy(s, 'merkle');
    expect(call(s, id, 'root', t.unit, null, t.array(t.u8, 32))).toEqual(new Uint8Array(32));
    const roots = new Set<string>();
    [42n, 0xbeefn, 0xf00n, 0xba5n, 314n, 7297n, 1n, 0n].forEach((leaf, i) => {
      call(s, id, 'insert', t.tuple(t.u64, t.u64), [BigInt(i), leaf], t.unit);
      roots.add(Buffer.from(call(s, id, 'root', t.unit, null, t.array(t.u8, 32))).toString('hex'));
    });
    expect(roots.size).toBe(8);
  });
});

describe('stack and vector', () => {
  test('STACK-1 push_pop', async () => {
    const s = (await newVm()).session();
    const id = deploy(s, 'stack');
    call(s, id, 'push', t.i32, 42, t.unit);
    expect(call(s, id, 'len', t.unit, null, t.u32)).toBe(1);
    expect(call(s, id, 'pop', t.unit, null, t.option(t.i32))).toBe(42);
    expect(call(s, id, 'len', t.unit, null, t.u32)).toBe(0);
  });

  test('STACK-2 multi_push_pop', async () => {
    const s = (await newVm()).session();
    const id = deploy(s, 'stack');
    for (let i = 0; i < 16; i++) {
      call(s, id, 'push', t.i32, i, t.unit);
      expect(call(s, id, 'len', t.unit, null, t.u32)).toBe(i + 1);
    }
    for (let i = 15; i >= 0; i--) {
      expect(call(s, id, 'pop', t.unit, null, t.option(t.i32))).toBe(i);
      expect(call(s, id, 'len', t.unit, null, t.u32)).toBe(i);
    }
    expect(call(s, id, 'pop', t.unit, null, t.option(t.i32))).toBeNull();
  });

  test('VEC-1 vector_push_pop', async () => {
    const s = (await newVm()).session();
    const id = deploy(s, 'vector');
    for (let i = 0; i < 128; i++) call(s, id, 'push', t.i16, i, t.unit);
    for (let i = 127; i >= 0; i--)
      expect(call(s, id, 'pop', t.unit, null, t.option(t.i16))).toBe(i);
    expect(call(s, id, 'pop', t.unit, null, t.option(t.i16))).toBeNull();
  });
});
