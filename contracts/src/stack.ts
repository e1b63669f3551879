// stack: a LIFO of i32 on the persistent heap (nstack in the Rust original).
import { argChecked, argUnit, prealloc, ret, retU32, retUnit, vI32, vNone, vSome } from '../sdk';
export { A } from '../sdk';

/** [len: u32][capacity: u32][elements: u32 address] */
const STATE: usize = memory.data(12, 4);

export function push(arg_len: u32): u32 {
  const elem = load<i32>(argChecked(arg_len, '4'));
  const len = load<u32>(STATE);
  let cap = load<u32>(STATE, 4);
  let data = load<u32>(STATE, 8);
  if (len == cap) {
    const grown = cap == 0 ? 4 : cap * 2;
    data = <u32>prealloc(data, cap * 4, grown * 4, 4);
    cap = grown;
    store<u32>(STATE, cap, 4);
    store<u32>(STATE, data, 8);
  }
  store<i32>(data + len * 4, elem);
  store<u32>(STATE, len + 1);
  return retUnit();
}

export function pop(arg_len: u32): u32 {
  argUnit(arg_len);
  const len = load<u32>(STATE);
  if (len == 0) return ret(vNone('4'));
  store<u32>(STATE, len - 1);
  return ret(vSome(vI32(load<i32>(load<u32>(STATE, 8) + (len - 1) * 4))));
}

export function len(arg_len: u32): u32 {
  argUnit(arg_len);
  return retU32(load<u32>(STATE));
}
