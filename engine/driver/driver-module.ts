/**
 * A data-driver's bytes checked against the driver ABI (README.md in this folder) and prepared
 * to run as untrusted code: metered by the engine's own instrumentation (wasm/instrument.ts),
 * which also turns its memory into an import, so its active data segments are applied by the
 * host at every instantiation (driver-instance.ts).
 */
import { PiecrustError } from '../core/errors';
import { DEFAULT_GAS_TABLE } from '../core/gas-tables';
import { GAS_TABLES } from '../wasm/gas-schedule';
import { instrumentModule } from '../wasm/instrument';
import { parseUserModule } from '../wasm/parse-user-module';
import {
  constExprValue,
  formatFuncType,
  funcTypeOf,
  I32,
  type FuncType,
  type WasmModule,
} from '../wasm/module';

const i32s = (n: number): number[] => Array<number>(n).fill(I32);
const fn = (params: number, results: number): FuncType => ({
  params: i32s(params),
  results: i32s(results),
});

/** Every function a driver exports, with the type the ABI gives it (wasm32). */
export const DRIVER_FUNCTIONS: Readonly<Record<string, FuncType>> = {
  alloc: fn(1, 1),
  dealloc: fn(2, 0),
  init: fn(0, 0),
  encode_input_fn: fn(6, 1),
  decode_input_fn: fn(6, 1),
  decode_output_fn: fn(6, 1),
  decode_event: fn(6, 1),
  get_schema: fn(2, 1),
  get_version: fn(2, 1),
  get_last_error: fn(2, 1),
};

export interface DriverDataSegment {
  offset: number;
  bytes: Uint8Array;
}

export interface DriverModule {
  /** The metered module: imports `__piecrust.{memory,touch,refill}`, exports `__pi_gas`. */
  readonly module: WebAssembly.Module;
  readonly minPages: number;
  readonly maxPages: number;
  readonly dataSegments: readonly DriverDataSegment[];
}

function invalid(message: string, details: Record<string, string | number> = {}): PiecrustError {
  return new PiecrustError('InvalidInput', `not a data-driver: ${message}`, details);
}

function sameType(a: FuncType, b: FuncType): boolean {
  return (
    a.params.length === b.params.length &&
    a.results.length === b.results.length &&
    a.params.every((p, i) => p === b.params[i]) &&
    a.results.every((r, i) => r === b.results[i])
  );
}

/** What is wrong with the exports, one phrase per export (empty when all are right). */
function exportProblems(m: WasmModule): string[] {
  const problems: string[] = [];
  const memory = m.exports.find((e) => e.name === 'memory');
  if (memory === undefined) problems.push('memory (missing)');
  else if (memory.kind !== 'memory') problems.push(`memory (a ${memory.kind}, not a memory)`);
  for (const [name, want] of Object.entries(DRIVER_FUNCTIONS)) {
    const e = m.exports.find((x) => x.name === name);
    if (e === undefined) {
      problems.push(`${name} (missing)`);
    } else if (e.kind !== 'func') {
      problems.push(`${name} (a ${e.kind}, not a function)`);
    } else {
      const type = funcTypeOf(m, e.index);
      if (type === undefined || !sameType(type, want))
        problems.push(
          `${name} (type ${type === undefined ? 'unknown' : formatFuncType(type)}, expected ${formatFuncType(want)})`,
        );
    }
  }
  return problems;
}

/** Validate and instrument a driver; throws `PiecrustError('InvalidInput')` saying what is wrong. */
export function loadDriverModule(bytes: Uint8Array): DriverModule {
  const m = parseUserModule(bytes, invalid);
  // A driver computes from its inputs alone: anything it imports would be host access we do
  // not give (w3sper.js instantiates drivers with an empty import object too).
  if (m.imports.length > 0) {
    const names = m.imports.map((i) => `${i.module}.${i.name} (${i.desc.kind})`);
    throw invalid(`a driver imports nothing, this one imports ${names.join(', ')}`, {
      imports: m.imports.length,
    });
  }
  const problems = exportProblems(m);
  if (problems.length > 0)
    throw invalid(`wrong or missing exports: ${problems.join('; ')}`, {
      problems: problems.length,
    });
  if (m.memories.length !== 1)
    throw invalid(`a driver defines exactly one memory, this one ${m.memories.length}`);
  const limits = m.memories[0];
  if (limits.is64 || limits.shared)
    throw invalid(`its memory is ${limits.is64 ? 'memory64' : 'shared'}; drivers are wasm32`);
  const minPages = Number(limits.min);
  const maxPages = Math.min(Number(limits.max ?? 65536n), 65536);
  const dataSegments: DriverDataSegment[] = [];
  for (const [i, d] of m.data.entries()) {
    if (d.mode !== 'active') continue;
    const offset = d.offset === undefined ? undefined : constExprValue(d.offset);
    if (offset === undefined) throw invalid(`data segment ${i} has a non-constant offset`);
    const start = Number(BigInt.asUintN(32, offset));
    if (start + d.bytes.length > minPages * 65536)
      throw invalid(
        `data segment ${i} (${d.bytes.length} bytes at ${start}) does not fit in the initial memory of ${minPages * 65536} bytes`,
      );
    dataSegments.push({ offset: start, bytes: d.bytes });
  }
  let module: WebAssembly.Module;
  try {
    const { bytes: metered } = instrumentModule(m, GAS_TABLES[DEFAULT_GAS_TABLE]);
    module = new WebAssembly.Module(new Uint8Array(metered));
  } catch (e) {
    throw invalid(`could not prepare it for metering: ${(e as Error).message}`);
  }
  return { module, minPages, maxPages, dataSegments };
}
