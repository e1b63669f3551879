/** Just enough of the wasm binary format to check the contract ABI (types, imports, exports…). */
export interface FuncType {
  params: number[];
  results: number[];
}
export interface Import {
  name: string;
  kind: number;
  type?: FuncType;
}
export interface Export {
  name: string;
  kind: number;
  index: number;
}
export interface Global {
  type: number;
  mutable: boolean;
}
export interface ModuleInfo {
  types: FuncType[];
  imports: Import[];
  /** Types of all functions, imported first. */
  funcs: FuncType[];
  memories: { is64: boolean }[];
  globals: Global[];
  exports: Export[];
  hasStart: boolean;
}

export const KIND = { func: 0, table: 1, memory: 2, global: 3 } as const;
export const I32 = 0x7f;
export const I64 = 0x7e;

export function readModule(bytes: Uint8Array): ModuleInfo {
  let pos = 8;
  const uleb = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[pos++]!;
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(b & 0x80)) return result;
    }
  };
  const name = (): string => {
    const len = uleb();
    const s = new TextDecoder().decode(bytes.subarray(pos, pos + len));
    pos += len;
    return s;
  };
  const limits = (): { is64: boolean } => {
    const flags = bytes[pos++]!;
    uleb();
    if (flags & 1) uleb();
    return { is64: (flags & 4) !== 0 };
  };
  const skipInit = (): void => {
    while (bytes[pos++] !== 0x0b);
  };
  const info: ModuleInfo = {
    types: [],
    imports: [],
    funcs: [],
    memories: [],
    globals: [],
    exports: [],
    hasStart: false,
  };
  while (pos < bytes.length) {
    const id = bytes[pos++]!;
    const size = uleb();
    const end = pos + size;
    if (id === 1) {
      for (let n = uleb(); n > 0; n--) {
        pos++; // 0x60
        const params = Array.from({ length: uleb() }, () => bytes[pos++]!);
        const results = Array.from({ length: uleb() }, () => bytes[pos++]!);
        info.types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = uleb(); n > 0; n--) {
        name();
        const field = name();
        const kind = bytes[pos++]!;
        if (kind === KIND.func) {
          const type = info.types[uleb()]!;
          info.imports.push({ name: field, kind, type });
          info.funcs.push(type);
        } else if (kind === KIND.table) {
          pos++;
          limits();
          info.imports.push({ name: field, kind });
        } else if (kind === KIND.memory) {
          info.memories.push(limits());
          info.imports.push({ name: field, kind });
        } else {
          info.globals.push({ type: bytes[pos]!, mutable: bytes[pos + 1] === 1 });
          pos += 2;
          info.imports.push({ name: field, kind });
        }
      }
    } else if (id === 3) {
      for (let n = uleb(); n > 0; n--) info.funcs.push(info.types[uleb()]!);
    } else if (id === 5) {
      for (let n = uleb(); n > 0; n--) info.memories.push(limits());
    } else if (id === 6) {
      for (let n = uleb(); n > 0; n--) {
        info.globals.push({ type: bytes[pos]!, mutable: bytes[pos + 1] === 1 });
        pos += 2;
        skipInit();
      }
    } else if (id === 7) {
      for (let n = uleb(); n > 0; n--)
        info.exports.push({ name: name(), kind: bytes[pos++]!, index: uleb() });
    } else if (id === 8) {
      info.hasStart = true;
    }
    pos = end;
  }
  return info;
}
