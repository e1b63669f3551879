/** piecrust's contract ABI (spec §3.1, §3.2 HEAD) as checks over a parsed module. */
import { type FuncType, I32, I64, KIND, type ModuleInfo } from './wasm-sections';

const P = I32; // a pointer in wasm32; replaced by i64 for wasm64
const SIGNATURES: Record<string, FuncType> = {
  c: { params: [P, P, I32, I32, I64], results: [I32] },
  hq: { params: [P, I32, I32], results: [I32] },
  hd: { params: [P, I32], results: [I32] },
  emit: { params: [P, I32, I32], results: [] },
  feed: { params: [I32], results: [] },
  caller: { params: [], results: [I32] },
  callstack: { params: [], results: [I32] },
  limit: { params: [], results: [I64] },
  spent: { params: [], results: [I64] },
  panic: { params: [I32], results: [] },
  owner: { params: [P], results: [I32] },
  self_id: { params: [], results: [] },
  hdebug: { params: [I32], results: [] },
};
/** Parameters that are pointers, per import: they become i64 in wasm64 modules. */
const POINTER_PARAMS: Record<string, number[]> = {
  c: [0, 1],
  hq: [0],
  hd: [0],
  emit: [0],
  owner: [0],
};

export const IMPORT_NAMES = Object.keys(SIGNATURES);

export function importSignature(name: string, is64: boolean): FuncType | undefined {
  const sig = SIGNATURES[name];
  if (!sig) return undefined;
  const params = sig.params.map((t, i) => (is64 && POINTER_PARAMS[name]?.includes(i) ? I64 : t));
  return { params, results: sig.results };
}

const sameType = (a: FuncType, b: FuncType): boolean =>
  a.params.join() === b.params.join() && a.results.join() === b.results.join();

/** Every way the module departs from the ABI, as short tags (empty = conforming). */
export function abiViolations(m: ModuleInfo): string[] {
  const out: string[] = [];
  if (m.memories.length !== 1) out.push(`memories:${m.memories.length}`);
  const memoryExport = m.exports.find((e) => e.kind === KIND.memory);
  if (!memoryExport) out.push('memory-not-exported');
  else if (memoryExport.name !== 'memory') out.push(`memory-export:${memoryExport.name}`);
  const is64 = m.memories[0]?.is64 ?? false;
  const a = m.exports.find((e) => e.name === 'A');
  if (!a || a.kind !== KIND.global) out.push('A-missing');
  else {
    const g = m.globals[a.index]!;
    if (g.mutable) out.push('A-mutable');
    if (g.type !== (is64 ? I64 : I32)) out.push('A-type');
  }
  for (const e of m.exports) {
    if (e.kind === KIND.func) {
      const t = m.funcs[e.index]!;
      if (!sameType(t, { params: [I32], results: [I32] })) out.push(`export-type:${e.name}`);
    } else if (e.name !== 'memory' && e.name !== 'A') {
      out.push(`extra-export:${e.name}`);
    }
  }
  if (m.hasStart) out.push('start');
  for (const i of m.imports) {
    const expected = i.kind === KIND.func ? importSignature(i.name, is64) : undefined;
    if (!expected) out.push(`import:${i.name}`);
    else if (!sameType(i.type!, expected)) out.push(`import-type:${i.name}`);
  }
  return out;
}

export function exportedFunctions(m: ModuleInfo): string[] {
  return m.exports.filter((e) => e.kind === KIND.func).map((e) => e.name);
}
