/**
 * The `name` custom section (WebAssembly spec, appendix "Name section"): the module's name
 * (subsection 0) and its functions' names (subsection 1), which toolchains keep for debugging and
 * we show in backtraces and profiles. Other subsections (locals, labels, types…) are skipped.
 *
 * A contract is hostile input and its custom sections are not validated by anyone (V8 ignores a
 * broken one): this reader never throws. It keeps what parsed cleanly before the first fault
 * (a truncated vector, a name that is not UTF-8, an index out of order, a count larger than the
 * bytes could hold) and drops the rest of that subsection.
 */
import { ByteReader } from './binary';
import type { WasmModule } from './module';

export const NAME_SECTION = 'name';
const MODULE_NAME = 0;
const FUNCTION_NAMES = 1;

export interface NameSection {
  /** The module's own name, if the section gives one. */
  moduleName?: string;
  /** Function index (imports first) → name. */
  functionNames: Map<number, string>;
}

/** The names in a module's first `name` custom section (none when it has no such section). */
export function moduleNames(m: WasmModule): NameSection {
  const section = m.customSections.find((s) => s.name === NAME_SECTION);
  return section === undefined ? { functionNames: new Map() } : readNameSection(section.bytes);
}

/** Read the payload of a `name` section (the bytes after the section's own name). */
export function readNameSection(bytes: Uint8Array): NameSection {
  const out: NameSection = { functionNames: new Map() };
  const r = new ByteReader(bytes);
  try {
    let lastId = -1;
    while (!r.atEnd) {
      const id = r.u8();
      const size = r.u32();
      const end = r.pos + size;
      if (end > bytes.length) return out;
      // Subsections come once each, in increasing order; a repeat is not trusted.
      if (id <= lastId) return out;
      lastId = id;
      const sub = new ByteReader(bytes, r.pos, end);
      if (id === MODULE_NAME) out.moduleName = sub.name();
      else if (id === FUNCTION_NAMES) readNameMap(sub, out.functionNames);
      r.pos = end;
    }
  } catch {
    // A malformed section: keep what was read before the fault.
  }
  return out;
}

/** A name map: a vector of (index, name), indices strictly increasing. */
function readNameMap(r: ByteReader, into: Map<number, string>): void {
  // A huge count costs nothing: every entry reads at least two bytes, the end stops the loop.
  const count = r.u32();
  let last = -1;
  for (let i = 0; i < count; i++) {
    const index = r.u32();
    if (index <= last) return;
    last = index;
    into.set(index, r.name());
  }
}
