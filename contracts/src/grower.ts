// grower: a byte vector on the persistent heap, spoken to in a raw protocol (no rkyv). Each append
// grows memory by the appended size (64 KiB in the tests), as the Rust contract's Vec does.
import { A, ARGBUF_LEN, checkTempHeap, palloc, panic, prealloc } from '../sdk';
export { A } from '../sdk';

/** [len: u32][bytes: u32 address] */
const STATE: usize = memory.data(8, 4);

function appendArg(len: u32): void {
  const old = load<u32>(STATE);
  let data = load<u32>(STATE, 4);
  data = data == 0 ? <u32>palloc(len, 1) : <u32>prealloc(data, old, old + len, 1);
  memory.copy(data + old, A, len);
  store<u32>(STATE, old + len);
  store<u32>(STATE, data, 4);
}

/** Appends `A[0..arg_len]`; returns nothing. */
export function append(arg_len: u32): u32 {
  appendArg(arg_len);
  checkTempHeap();
  return 0;
}

export function append_and_panic(arg_len: u32): u32 {
  appendArg(arg_len);
  panic('isded');
  return unreachable();
}

/** Argument: u32 LE offset ‖ u32 LE length; result: those bytes of the vector. */
export function view(arg_len: u32): u32 {
  if (arg_len != 8) panic('Bad arguments');
  const offset = load<u32>(A);
  const len = load<u32>(A, 4);
  const size = load<u32>(STATE);
  // Rust's slice bounds checks, in evaluation order: `buf[..len]`, `state[offset..]`, `[..len]`.
  if (len > ARGBUF_LEN)
    panic(
      'range end index ' +
        len.toString() +
        ' out of range for slice of length ' +
        ARGBUF_LEN.toString(),
    );
  if (offset > size)
    panic(
      'range start index ' +
        offset.toString() +
        ' out of range for slice of length ' +
        size.toString(),
    );
  if (len > size - offset)
    panic(
      'range end index ' +
        len.toString() +
        ' out of range for slice of length ' +
        (size - offset).toString(),
    );
  memory.copy(A, load<u32>(STATE, 4) + offset, len);
  return len;
}

/** Result: the vector's length as u32 LE. */
export function len(arg_len: u32): u32 {
  store<u32>(A, load<u32>(STATE));
  return 4;
}
