import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ContractId } from '../core/ids';
import { decode } from './decode';
import { encode } from './encode';
import { parseType } from './type-names';
import {
  isUnit,
  t,
  typeEquals,
  type ArrayType,
  type ContractErrorValue,
  type Prim,
  type RkyvValue,
  type ValueOf,
} from './types';

describe('descriptor builders', () => {
  it('are immutable data that compare structurally', () => {
    expect(Object.isFrozen(t.vec(t.u8))).toBe(true);
    expect(JSON.parse(JSON.stringify(t.option(t.array(t.u8, 33))))).toEqual({
      kind: 'option',
      some: { kind: 'array', item: { kind: 'u8' }, length: 33 },
    });
    expect(typeEquals(t.tuple(t.u8, t.string), t.tuple(t.u8, t.string))).toBe(true);
    expect(typeEquals(t.tuple(t.u8), t.u8)).toBe(false);
    expect(typeEquals(t.array(t.u8, 32), t.array(t.u8, 33))).toBe(false);
    expect(isUnit(t.tuple())).toBe(true);
    expect(() => t.array(t.u8, -1)).toThrow(RangeError);
  });

  it('type JS values from descriptors', () => {
    const _tuple = t.tuple(t.contractId, t.string, t.bytes);
    const _result = t.result(t.bool, t.contractError);
    const _ids = t.vec(t.contractId);
    const _maybeUnit = t.option(t.unit);
    expectTypeOf(decode(t.u64, new Uint8Array(8))).toEqualTypeOf<bigint>();
    expectTypeOf(decode(t.option(t.i16), new Uint8Array(4))).toEqualTypeOf<number | null>();
    expectTypeOf(decode(parseType('u8'), new Uint8Array(1))).toEqualTypeOf<RkyvValue>();
    expectTypeOf<ValueOf<typeof _maybeUnit>>().toEqualTypeOf<{ some: null } | null>();
    expectTypeOf<ValueOf<typeof t.bytes>>().toEqualTypeOf<Uint8Array>();
    expectTypeOf<ValueOf<ArrayType<Prim<'u8'>>>>().toEqualTypeOf<Uint8Array>();
    expectTypeOf<ValueOf<typeof _ids>>().toEqualTypeOf<ContractId[]>();
    expectTypeOf<ValueOf<typeof _tuple>>().toEqualTypeOf<[ContractId, string, Uint8Array]>();
    expectTypeOf<ValueOf<typeof _result>>().toEqualTypeOf<
      { ok: boolean } | { err: ContractErrorValue }
    >();
    // @ts-expect-error u64 values are bigints
    expect(() => encode(t.u64, 5)).toThrow(/u64 expects a bigint/);
  });
});
