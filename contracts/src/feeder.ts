// feeder: feeds numbers to the host's feeder channel.
import { argChecked, feed, feedRaw, retUnit, vU32 } from '../sdk';
export { A } from '../sdk';

const SCRATCH: usize = memory.data(4, 4);

/** Argument: `u32` n; feeds rkyv `i: u32` for i in 0..n. */
export function feed_num(arg_len: u32): u32 {
  const n = load<u32>(argChecked(arg_len, '4'));
  for (let i: u32 = 0; i < n; i++) feed(vU32(i));
  return retUnit();
}

/** Same through `feed_raw` with `i.to_le_bytes()`. */
export function feed_num_raw(arg_len: u32): u32 {
  const n = load<u32>(argChecked(arg_len, '4'));
  for (let i: u32 = 0; i < n; i++) {
    store<u32>(SCRATCH, i);
    feedRaw(SCRATCH, 4);
  }
  return retUnit();
}
