// box: an `Option<Box<i16>>`, `None` until the first `set` allocates the box on the persistent heap;
// later sets overwrite the boxed value in place.
import { argChecked, argUnit, FRAME, palloc, ret, retUnit, vI16, vNone, vSome } from '../sdk';
export { A } from '../sdk';

/** Address of the box, 0 for `None`. */
const BOX: usize = memory.data(4, 4);

export function set(arg_len: u32): u32 {
  const x = load<i16>(argChecked(arg_len, '2'));
  let box = load<u32>(BOX);
  // The Rust contract's `match self.a.as_mut()` leaves the old `Option<Box>` on its stack (page 0), so
  // setting the same value twice still changes page 0 (ROOT-3 depends on it).
  store<u32>(FRAME, box);
  if (box == 0) {
    box = <u32>palloc(2, 2);
    store<u32>(BOX, box);
  }
  store<i16>(box, x);
  return retUnit();
}

/** `Option<i16>`. */
export function get(arg_len: u32): u32 {
  argUnit(arg_len);
  const box = load<u32>(BOX);
  return ret(box == 0 ? vNone('2') : vSome(vI16(load<i16>(box))));
}
