import { describe, expect, test } from 'vitest';
import { notWasmModule, WASM_HEADER } from './module-header';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('what bytes that are not a WebAssembly module are', () => {
  test('a module header passes', () => {
    expect(notWasmModule(new Uint8Array([...WASM_HEADER, 0x01]))).toBeUndefined();
  });

  test('a text file: its size, its first bytes as hex and as text, and the header expected', () => {
    const bytes = text('hello, this is not wasm\n');
    const found = notWasmModule(bytes)!;
    expect(found.details).toMatchObject({
      problem: 'not-wasm',
      size: bytes.length,
      start: '68 65 6c 6c 6f 2c 20 74',
      looksLike: 'text',
    });
    expect(found.message).toBe(
      `not a WebAssembly module: ${bytes.length} bytes starting 68 65 6c 6c 6f 2c 20 74 ("hello, t"), where a module starts 00 61 73 6d 01 00 00 00 ("\\0asm", version 1); it looks like text`,
    );
  });

  test('an empty file, a truncated header, a .wat, a component and an ELF say what they are', () => {
    expect(notWasmModule(new Uint8Array(0))?.message).toBe(
      'not a WebAssembly module: it is empty (0 bytes)',
    );
    expect(notWasmModule(new Uint8Array([0x00, 0x61, 0x73]))?.message).toContain(
      'it ends after 3 bytes, inside the 8-byte header',
    );
    expect(notWasmModule(text('  (module (func))'))?.details.looksLike).toContain(
      'WebAssembly text (.wat)',
    );
    expect(
      notWasmModule(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]))?.details
        .looksLike,
    ).toBe('a WebAssembly component, not a core module');
    const elf = notWasmModule(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]));
    expect(elf?.message).toContain('8 bytes starting 7f 45 4c 46 02 01 01 00 (".ELF....")');
    expect(elf?.details.looksLike).toBe('a native ELF executable or library');
    expect(notWasmModule(new Uint8Array([1, 2, 3, 4, 5]))?.message).not.toContain('looks like');
  });
});
