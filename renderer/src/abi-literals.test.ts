/**
 * piecrust's ABI sizes reach the renderer with the engine's workspace info (common/abi.ts); no
 * production file writes one down, so none can drift from engine/core/abi.ts. Test files may
 * (they make up their own memories).
 */
import { expect, test } from 'vitest';

const SOURCES = import.meta.glob<string>(['./**/*.ts', './**/*.vue', '!./**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** 64 KiB written out in any of the ways it has been (65536, 65_536, 0x10000, 64 * 1024). */
const ABI_SIZE = /\b(65_?536|0x10000|64\s*\*\s*1024|1\s*<<\s*16|2\s*\*\*\s*16)\b/;

function filesWritingAbiSizes(sources: Record<string, string>): string[] {
  return Object.keys(sources).filter((path) => ABI_SIZE.test(sources[path]));
}

test('the check sees a literal page size', () => {
  expect(
    filesWritingAbiSizes({ './a.ts': 'const PAGE = 65536;', './b.vue': 'x * 0x10000' }),
  ).toEqual(['./a.ts', './b.vue']);
  expect(filesWritingAbiSizes({ './c.ts': 'const CHUNK = 16 * 1024; // 655360' })).toEqual([]);
});

test('no production file of the renderer writes an ABI size down', () => {
  expect(Object.keys(SOURCES).length).toBeGreaterThan(50);
  expect(filesWritingAbiSizes(SOURCES)).toEqual([]);
});
