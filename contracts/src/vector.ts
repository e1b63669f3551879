// vector: a `Vec<i16>` used as a LIFO, on the persistent heap.
import { argChecked, argUnit, prealloc, ret, retUnit, vI16, vNone, vSome } from '../sdk';
export { A } from '../sdk';

/** [len: u32][capacity: u32][elements: u32 address] */
const STATE: usize = memory.data(12, 4);

export function push(arg_len: u32): u32 {
  const elem = load<i16>(argChecked(arg_len, '2'));
  const len = load<u32>(STATE);
  let cap = load<u32>(STATE, 4);
  let data = load<u32>(STATE, 8);
  if (len == cap) {
    const grown = cap == 0 ? 4 : cap * 2;
    data = <u32>prealloc(data, cap * 2, grown * 2, 2);
    cap = grown;
    store<u32>(STATE, cap, 4);
    store<u32>(STATE, data, 8);
  }
  store<i16>(data + len * 2, elem);
  store<u32>(STATE, len + 1);
  return retUnit();
}

export function pop(arg_len: u32): u32 {
  argUnit(arg_len);
  const len = load<u32>(STATE);
  if (len == 0) return ret(vNone('2'));
  store<u32>(STATE, len - 1);
  return ret(vSome(vI16(load<i16>(load<u32>(STATE, 8) + (len - 1) * 2))));
}
