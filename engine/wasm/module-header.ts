/**
 * Whether bytes start as a WebAssembly binary module does (`\0asm`, version 1) and, when they do
 * not, what was found instead: deploying a text file, a `.wat`, a native binary or an empty file
 * then says so with the first bytes and the size, instead of failing somewhere later.
 */

/** `\0asm` and version 1, little-endian. */
export const WASM_HEADER: readonly number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
/** Bytes shown of what a non-module starts with. */
const SHOWN = 8;

export interface NotWasm {
  message: string;
  details: {
    problem: 'not-wasm';
    size: number;
    start: string;
    expected: string;
    looksLike: string;
  };
}

const hexBytes = (bytes: ArrayLike<number>): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

const printable = (b: number): boolean => b >= 0x20 && b < 0x7f;

/** The shown bytes as text, `.` for what does not print: `"hello th"`. */
const asText = (bytes: Uint8Array): string =>
  JSON.stringify(Array.from(bytes, (b) => (printable(b) ? String.fromCharCode(b) : '.')).join(''));

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** A guess at what the bytes are, from their first bytes (files are named by users). */
function looksLike(bytes: Uint8Array): string {
  const text = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart();
  if (text.startsWith('(module') || text.startsWith('(component'))
    return 'WebAssembly text (.wat): compile it to a binary .wasm first';
  if (startsWith(bytes, [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]))
    return 'a WebAssembly component, not a core module';
  if (startsWith(bytes, WASM_HEADER.slice(0, 4)))
    return `WebAssembly of another binary version (${hexBytes(bytes.subarray(4, 8))})`;
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return 'a native ELF executable or library';
  if (startsWith(bytes, [0x4d, 0x5a])) return 'a Windows executable';
  if (startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe])) return 'a macOS executable';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'a zip archive';
  if (startsWith(bytes, [0x1f, 0x8b])) return 'gzip-compressed data: decompress it first';
  if (text.startsWith('{') || text.startsWith('[')) return 'JSON text';
  const head = bytes.subarray(0, 64);
  if (head.every((b) => printable(b) || b === 0x0a || b === 0x0d || b === 0x09)) return 'text';
  return 'unknown data';
}

/** Why `bytes` are not a WebAssembly binary module, or undefined when their header is one. */
export function notWasmModule(bytes: Uint8Array): NotWasm | undefined {
  if (startsWith(bytes, WASM_HEADER)) return undefined;
  const size = bytes.length;
  const start = bytes.subarray(0, SHOWN);
  const expected = `${hexBytes(WASM_HEADER)} ("\\0asm", version 1)`;
  const details = {
    problem: 'not-wasm' as const,
    size,
    start: hexBytes(start),
    expected,
    looksLike: size === 0 ? 'nothing' : looksLike(bytes),
  };
  const sizeText = `${size.toLocaleString('en-US')} byte${size === 1 ? '' : 's'}`;
  const found =
    size === 0
      ? 'it is empty (0 bytes)'
      : startsWith(bytes, WASM_HEADER.slice(0, Math.min(size, WASM_HEADER.length)))
        ? `it ends after ${sizeText}, inside the 8-byte header ${expected}`
        : `${sizeText} starting ${details.start} (${asText(start)}), where a module starts ${expected}${details.looksLike === 'unknown data' ? '' : `; it looks like ${details.looksLike}`}`;
  return { message: `not a WebAssembly module: ${found}`, details };
}
