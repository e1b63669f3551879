/**
 * The imports a contract may use (spec §3.2), with their wasm signatures for wasm32 and wasm64.
 * Imports are matched by name only (the module name is ignored, as in piecrust). `caller` has
 * two accepted signatures: `() -> i32` (uplink ≥ 0.16) and `() -> ()` (older uplink, where the
 * host always writes 32 bytes at `A`).
 */
import { I32, I64, type FuncType, type ValType } from '../wasm/module';

// The sizes live in core/ (every layer reads them); the VM's own files keep importing them here.
export { ARGBUF_LEN, MAX_PAGES_32, MAX_PAGES_64, PAGE_SIZE } from '../core/abi';

export type HostImportName =
  | 'c'
  | 'hq'
  | 'hd'
  | 'emit'
  | 'feed'
  | 'caller'
  | 'callstack'
  | 'limit'
  | 'spent'
  | 'panic'
  | 'owner'
  | 'self_id'
  | 'hdebug';

type Sig = [params: ValType[], results: ValType[]];

/** `P` stands for a pointer: i32 in wasm32 modules, i64 in wasm64 modules. */
const P = -1;

const SIGNATURES: Record<HostImportName, Sig[]> = {
  c: [[[P, P, I32, I32, I64], [I32]]],
  hq: [[[P, I32, I32], [I32]]],
  hd: [[[P, I32], [I32]]],
  emit: [[[P, I32, I32], []]],
  feed: [[[I32], []]],
  caller: [
    [[], [I32]],
    [[], []],
  ],
  callstack: [[[], [I32]]],
  limit: [[[], [I64]]],
  spent: [[[], [I64]]],
  panic: [[[I32], []]],
  owner: [[[P], [I32]]],
  self_id: [[[], []]],
  hdebug: [[[I32], []]],
};

export function isHostImportName(name: string): name is HostImportName {
  return Object.prototype.hasOwnProperty.call(SIGNATURES, name);
}

function resolve(types: ValType[], is64: boolean): ValType[] {
  return types.map((t) => (t === P ? (is64 ? I64 : I32) : t));
}

function sameTypes(a: ValType[], b: ValType[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/** Index of the accepted signature `type` matches, or -1. */
export function matchHostSignature(name: HostImportName, type: FuncType, is64: boolean): number {
  return SIGNATURES[name].findIndex(
    ([params, results]) =>
      sameTypes(resolve(params, is64), type.params) && sameTypes(results, type.results),
  );
}

export function expectedHostSignature(name: HostImportName, is64: boolean): FuncType {
  const [params, results] = SIGNATURES[name][0];
  return { params: resolve(params, is64), results };
}
