// The data-driver ABI (engine/driver/README.md) for our AssemblyScript drivers: allocation, the
// `[u32 LE length][payload]` output protocol, the last error, and the four conversions driven by
// a driver's table of functions ("name|input type|output type") and events ("topic|data type").
import { codecError, decodeRkyv, encodeJson } from './codec';

export const DRIVER_VERSION = '0.1.0';

let lastError: string = '';

// What the driver covers, set once by its entry file (`describeDriver`, run at instantiation).
let contractName: string = '';
let functionTable: StaticArray<string> = [];
let eventTable: StaticArray<string> = [];

/**
 * Declare the driver's contract and tables: functions as "name|input type|output type", events
 * as "topic|data type" (types named as in codec.ts). Every ABI export below answers from them.
 */
export function describeDriver(
  contract: string,
  functions: StaticArray<string>,
  events: StaticArray<string>,
): void {
  contractName = contract;
  functionTable = functions;
  eventTable = events;
}

export function alloc(len: u32): usize {
  return heap.alloc(len);
}

export function dealloc(ptr: usize, _len: u32): void {
  heap.free(ptr);
}

export function init(): void {}

/** Write `len` bytes from `src` as the output; only the length header when they do not fit. */
export function put(out: usize, size: u32, src: usize, len: u32): i32 {
  store<u32>(out, len);
  if (<u64>len + 4 <= <u64>size) memory.copy(out + 4, src, len);
  return 0;
}

export function putString(out: usize, size: u32, text: string): i32 {
  const bytes = String.UTF8.encode(text);
  return put(out, size, changetype<usize>(bytes), bytes.byteLength);
}

export function get_last_error(out: usize, size: u32): i32 {
  return putString(out, size, lastError);
}

function fail(message: string): i32 {
  lastError = message;
  return 1;
}

/** Field `index` (0 name, 1 input, 2 output) of `name`'s entry, or null when not covered. */
function lookup(table: StaticArray<string>, name: string, index: i32): string | null {
  for (let i = 0; i < table.length; i++) {
    const parts = table[i].split('|');
    if (parts[0] == name) return parts[index];
  }
  return null;
}

function text(ptr: usize, len: u32): string {
  return String.UTF8.decodeUnsafe(ptr, len);
}

export function encodeInput(
  table: StaticArray<string>,
  fnPtr: usize,
  fnLen: u32,
  jsonPtr: usize,
  jsonLen: u32,
  out: usize,
  size: u32,
): i32 {
  const name = text(fnPtr, fnLen);
  const type = lookup(table, name, 1);
  if (type == null) return fail(`Unsupported("fn_name ${name}")`);
  const bytes = encodeJson(type, text(jsonPtr, jsonLen));
  if (bytes == null) return fail(codecError);
  return put(out, size, changetype<usize>(bytes), bytes.byteLength);
}

/** decode_input_fn (index 1), decode_output_fn (index 2), decode_event (events table, index 1). */
export function decodeWith(
  table: StaticArray<string>,
  index: i32,
  what: string,
  namePtr: usize,
  nameLen: u32,
  rkyvPtr: usize,
  rkyvLen: u32,
  out: usize,
  size: u32,
): i32 {
  const name = text(namePtr, nameLen);
  const type = lookup(table, name, index);
  if (type == null) return fail(`Unsupported("${what} ${name}")`);
  const json = decodeRkyv(type, rkyvPtr, rkyvLen);
  if (json == null) return fail(codecError);
  return putString(out, size, json);
}

/**
 * The schema: `{"contract", "version", "functions": [{"name","input","output"}],
 * "events": [{"topic","data"}]}`, types named as in codec.ts.
 */
export function schema(
  contract: string,
  functions: StaticArray<string>,
  events: StaticArray<string>,
): string {
  let fns = '';
  for (let i = 0; i < functions.length; i++) {
    const p = functions[i].split('|');
    if (i > 0) fns += ',';
    fns += `{"name":"${p[0]}","input":"${p[1]}","output":"${p[2]}"}`;
  }
  let evs = '';
  for (let i = 0; i < events.length; i++) {
    const p = events[i].split('|');
    if (i > 0) evs += ',';
    evs += `{"topic":"${p[0]}","data":"${p[1]}"}`;
  }
  return `{"contract":"${contract}","version":"${DRIVER_VERSION}","functions":[${fns}],"events":[${evs}]}`;
}

// ------------------------------------------------------------------ the ABI's exports

export function encode_input_fn(f: usize, fl: u32, j: usize, jl: u32, o: usize, s: u32): i32 {
  return encodeInput(functionTable, f, fl, j, jl, o, s);
}
export function decode_input_fn(f: usize, fl: u32, r: usize, rl: u32, o: usize, s: u32): i32 {
  return decodeWith(functionTable, 1, 'fn_name', f, fl, r, rl, o, s);
}
export function decode_output_fn(f: usize, fl: u32, r: usize, rl: u32, o: usize, s: u32): i32 {
  return decodeWith(functionTable, 2, 'fn_name', f, fl, r, rl, o, s);
}
export function decode_event(t: usize, tl: u32, r: usize, rl: u32, o: usize, s: u32): i32 {
  return decodeWith(eventTable, 1, 'event', t, tl, r, rl, o, s);
}
export function get_schema(o: usize, s: u32): i32 {
  return putString(o, s, schema(contractName, functionTable, eventTable));
}
export function get_version(o: usize, s: u32): i32 {
  return putString(o, s, DRIVER_VERSION);
}
