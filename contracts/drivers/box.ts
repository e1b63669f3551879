// Data-driver of the box sample (contracts/src/box.ts): an Option<i16> set and read.
import { decodeWith, DRIVER_VERSION, encodeInput, putString, schema } from './lib/abi';
export { alloc, dealloc, init, get_last_error } from './lib/abi';

const FUNCTIONS: StaticArray<string> = ['set|i16|()', 'get|()|Option<i16>'];
const EVENTS: StaticArray<string> = [];

export function encode_input_fn(f: usize, fl: u32, j: usize, jl: u32, o: usize, s: u32): i32 {
  return encodeInput(FUNCTIONS, f, fl, j, jl, o, s);
}
export function decode_input_fn(f: usize, fl: u32, r: usize, rl: u32, o: usize, s: u32): i32 {
  return decodeWith(FUNCTIONS, 1, 'fn_name', f, fl, r, rl, o, s);
}
export function decode_output_fn(f: usize, fl: u32, r: usize, rl: u32, o: usize, s: u32): i32 {
  return decodeWith(FUNCTIONS, 2, 'fn_name', f, fl, r, rl, o, s);
}
export function decode_event(t: usize, tl: u32, r: usize, rl: u32, o: usize, s: u32): i32 {
  return decodeWith(EVENTS, 1, 'event', t, tl, r, rl, o, s);
}
export function get_schema(o: usize, s: u32): i32 {
  return putString(o, s, schema('box', FUNCTIONS, EVENTS));
}
export function get_version(o: usize, s: u32): i32 {
  return putString(o, s, DRIVER_VERSION);
}
