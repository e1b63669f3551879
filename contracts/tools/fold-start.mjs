// AssemblyScript initialises its runtime's heap pointer (`~lib/rt/stub/offset`) in a start function,
// because `__heap_base` is only known after layout. piecrust runs a start function with zero gas, so
// such a module traps at every instantiation. This pass folds a start function that only assigns
// constants to globals into those globals' initialisers and drops the start section. Anything else in
// the start function (a top-level statement with side effects) is a build error.

const SECTION = { import: 2, global: 6, start: 8, code: 10 };

function readUleb(bytes, pos) {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const byte = bytes[pos++];
    result |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
    if ((byte & 0x80) === 0) return { value: result, pos };
  }
}

function readSleb(bytes, pos) {
  let result = 0n;
  let shift = 0n;
  let byte;
  do {
    byte = bytes[pos++];
    result |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
  } while (byte & 0x80);
  if (byte & 0x40) result -= 1n << shift;
  return { value: result, pos };
}

function uleb(n) {
  const out = [];
  let v = BigInt(n);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

function readName(bytes, pos) {
  const len = readUleb(bytes, pos);
  return Number(len.value) + len.pos;
}

function readLimits(bytes, pos) {
  const flags = bytes[pos++];
  pos = readUleb(bytes, pos).pos;
  if (flags & 1) pos = readUleb(bytes, pos).pos;
  return pos;
}

/** Splits a module into its sections: [{ id, start, end }] with content offsets. */
export function readSections(bytes) {
  const sections = [];
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos];
    const size = readUleb(bytes, pos + 1);
    const start = size.pos;
    const end = start + Number(size.value);
    sections.push({ id, headerStart: pos, start, end });
    pos = end;
  }
  return sections;
}

function countImports(bytes, section) {
  let funcs = 0;
  let globals = 0;
  if (!section) return { funcs, globals };
  let { value: count, pos } = readUleb(bytes, section.start);
  for (let i = 0n; i < count; i++) {
    pos = readName(bytes, pos);
    pos = readName(bytes, pos);
    const kind = bytes[pos++];
    if (kind === 0) {
      funcs++;
      pos = readUleb(bytes, pos).pos;
    } else if (kind === 1) {
      pos = readLimits(bytes, pos + 1);
    } else if (kind === 2) {
      pos = readLimits(bytes, pos);
    } else if (kind === 3) {
      globals++;
      pos += 2;
    } else {
      throw new Error(`unsupported import kind ${kind}`);
    }
  }
  return { funcs, globals };
}

/** Decodes the start function body into [{ global, initBytes }] or throws. */
function constantAssignments(bytes, codeSection, localIndex) {
  let { value: count, pos } = readUleb(bytes, codeSection.start);
  if (BigInt(localIndex) >= count) throw new Error('start function index out of range');
  for (let i = 0; i < localIndex; i++) {
    const size = readUleb(bytes, pos);
    pos = size.pos + Number(size.value);
  }
  const size = readUleb(bytes, pos);
  const end = size.pos + Number(size.value);
  pos = size.pos;
  const localGroups = readUleb(bytes, pos);
  if (localGroups.value !== 0n) throw new Error('start function has locals');
  pos = localGroups.pos;
  const assignments = [];
  while (pos < end - 1) {
    const constStart = pos;
    const opcode = bytes[pos++];
    if (opcode !== 0x41 && opcode !== 0x42)
      throw new Error(
        `start function does more than assign constants (opcode 0x${opcode.toString(16)})`,
      );
    pos = readSleb(bytes, pos).pos;
    const initBytes = bytes.subarray(constStart, pos);
    if (bytes[pos++] !== 0x24)
      throw new Error('start function does more than assign constants to globals');
    const global = readUleb(bytes, pos);
    pos = global.pos;
    assignments.push({ global: Number(global.value), initBytes });
  }
  if (bytes[end - 1] !== 0x0b) throw new Error('malformed start function body');
  return assignments;
}

function rewriteGlobals(bytes, section, importedGlobals, assignments) {
  const byIndex = new Map(assignments.map((a) => [a.global - importedGlobals, a.initBytes]));
  let { value: count, pos } = readUleb(bytes, section.start);
  const out = [...uleb(count)];
  for (let i = 0; i < Number(count); i++) {
    const type = bytes[pos];
    const mut = bytes[pos + 1];
    pos += 2;
    const initStart = pos;
    while (bytes[pos] !== 0x0b) pos++;
    pos++;
    out.push(type, mut);
    const replacement = byIndex.get(i);
    if (replacement) {
      out.push(...replacement, 0x0b);
      byIndex.delete(i);
    } else {
      out.push(...bytes.subarray(initStart, pos));
    }
  }
  if (byIndex.size) throw new Error('start function assigns an imported global');
  return Uint8Array.from(out);
}

/** Returns the module without its start function (unchanged if it has none). */
export function foldStart(input) {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const sections = readSections(bytes);
  const start = sections.find((s) => s.id === SECTION.start);
  if (!start) return bytes;
  const imports = countImports(
    bytes,
    sections.find((s) => s.id === SECTION.import),
  );
  const funcIndex = Number(readUleb(bytes, start.start).value);
  if (funcIndex < imports.funcs) throw new Error('start function is an import');
  const code = sections.find((s) => s.id === SECTION.code);
  const assignments = constantAssignments(bytes, code, funcIndex - imports.funcs);
  const globals = sections.find((s) => s.id === SECTION.global);
  const chunks = [bytes.subarray(0, 8)];
  for (const section of sections) {
    if (section === start) continue;
    if (section === globals) {
      const content = rewriteGlobals(bytes, section, imports.globals, assignments);
      chunks.push(Uint8Array.from([section.id, ...uleb(content.length)]), content);
    } else {
      chunks.push(bytes.subarray(section.headerStart, section.end));
    }
  }
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
