// micro: no rkyv at all. Stores the argument *length* and returns the previous one as the result
// length (so the host reads that many bytes of the argument buffer).
export { A } from '../sdk';

const VALUE: usize = memory.data<u32>([42]);

export function change(to: u32): u32 {
  const previous = load<u32>(VALUE);
  store<u32>(VALUE, to);
  return previous;
}
