import { describe, expect, it } from 'vitest';
import { alignOf, sizeOf, tupleOffsets } from './layout';
import { parseType } from './type-names';

describe('archived layouts (spec §7.3)', () => {
  it.each([
    ['()', 0, 1],
    ['bool', 1, 1],
    ['i16', 2, 2],
    ['f32', 4, 4],
    ['u64', 8, 8],
    ['[u8; 33]', 33, 1],
    ['[u32; 3]', 12, 4],
    ['ContractId', 32, 1],
    ['String', 8, 4],
    ['Vec<u64>', 8, 4],
    ['Option<()>', 1, 1],
    ['Option<i16>', 4, 2],
    ['Option<i32>', 8, 4],
    ['Option<u64>', 16, 8],
    ['Option<ContractId>', 33, 1],
    ['Option<[u8; 33]>', 34, 1],
    ['ContractError', 12, 4],
    ['Result<(), ContractError>', 16, 4],
    ['Result<bool, ContractError>', 16, 4],
    ['Result<Vec<u8>, ContractError>', 16, 4],
    ['Result<u64, u8>', 16, 8],
  ])('%s is %i/%i', (name, size, align) => {
    const type = parseType(name);
    expect([sizeOf(type), alignOf(type)]).toEqual([size, align]);
  });

  it.each([
    ['(i64, i64)', [0, 8], 16, 8],
    ['(u64, u64, u64, u64, u64)', [0, 8, 16, 24, 32], 40, 8],
    ['(i32, i32)', [0, 4], 8, 4],
    ['(String, Vec<u8>)', [0, 8], 16, 4],
    ['(ContractId, String, Vec<u8>)', [0, 32, 40], 48, 4],
    ['(ContractId, u64)', [0, 32], 40, 8],
    ['(ContractId, String)', [0, 32], 40, 4],
    ['(ContractId, i32)', [0, 32], 36, 4],
    ['(ContractId, i32, i32, i32)', [0, 32, 36, 40], 44, 4],
    ['(u8, u32, u8)', [0, 4, 8], 12, 4],
  ])('tuple %s', (name, offsets, size, align) => {
    const type = parseType(name);
    if (type.kind !== 'tuple') throw new Error('not a tuple');
    expect(tupleOffsets(type)).toEqual(offsets);
    expect([sizeOf(type), alignOf(type)]).toEqual([size, align]);
  });
});
