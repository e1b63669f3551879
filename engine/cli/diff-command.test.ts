// `diff A B --bytes` on a real store file: byte ranges for added, removed and changed pages.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { tempDir } from '../testing/store-testing';
import { main } from './main';

/** pages.wat: `write(u32 page)` grows memory to reach `page`, sets its last byte to page + 1. */
const PAGES = new URL('../../contracts/build/pages.wasm', import.meta.url).pathname;
const SECOND = '11'.repeat(32);
/** pages.wat's data segment, at 65400 in page 0: there from deploy on. */
const PANIC_TEXT = { offset: 65400, hex: Buffer.from('memory.grow failed').toString('hex') };
const NO_TEXT = '00'.repeat(PANIC_TEXT.hex.length / 2);

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function cli(args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await main(args, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
  return { code, lines };
}

/**
 * Commit `a`: one pages contract with page 1 written. Commit `b` on it: page 3 written (a page
 * the contract's memory did not even reach in `a`), and a second pages contract with page 2.
 */
async function twoCommits(): Promise<string> {
  const { dir, remove } = tempDir('pi-cli-diff-');
  cleanups.push(remove);
  const script = join(dir, 'script.json');
  const write = (session: string, contract: string, page: number) => ({
    op: 'call',
    session,
    contract,
    fn: 'write',
    arg: { u32: page },
  });
  const steps = [
    { op: 'session', name: 'g', base: 'genesis' },
    { op: 'deploy', session: 'g', wasm: PAGES, name: 'first' },
    write('g', 'first', 1),
    { op: 'commit', session: 'g', name: 'a' },
    { op: 'session', name: 's', base: 'a' },
    write('s', 'first', 3),
    { op: 'deploy', session: 's', wasm: PAGES, name: 'second', contractId: `0x${SECOND}` },
    write('s', 'second', 2),
    { op: 'commit', session: 's', name: 'b' },
  ];
  writeFileSync(script, JSON.stringify({ version: 1, steps }));
  const store = join(dir, 'state.pis');
  const ran = await cli(['run', script, '--store', store]);
  expect(ran.lines.at(-1)).toBe(`${steps.length} passed, 0 failed`);
  return store;
}

type DiffLine = {
  contract: string;
  status: string;
  pages: { added: number[]; removed: number[]; changed: number[] };
  ranges: Array<{
    page: number;
    kind: string;
    ranges: Array<{ offset: number; before: string; after: string }>;
  }>;
};

async function jsonDiff(store: string, a: string, b: string): Promise<Map<string, DiffLine>> {
  const { code, lines } = await cli(['diff', a, b, '--store', store, '--bytes', '--json']);
  expect(code).toBe(0);
  const diffs = lines.map((l) => JSON.parse(l) as DiffLine);
  return new Map(diffs.map((d) => [d.status === 'changed' ? 'first' : 'second', d]));
}

describe('diff --bytes', () => {
  test('added pages (in an existing contract and in a new one) are compared with zeros', async () => {
    const store = await twoCommits();
    const diff = await jsonDiff(store, 'a', 'b');
    expect(diff.get('first')).toMatchObject({
      status: 'changed',
      pages: { added: [3], removed: [], changed: [0] },
      ranges: [
        // The argument buffer: the page argument 1 became 3.
        { page: 0, kind: 'changed', ranges: [{ offset: 0, before: '01', after: '03' }] },
        // Beyond the memory `a` had: read as zeros there.
        { page: 3, kind: 'added', ranges: [{ offset: 0x3ffff, before: '00', after: '04' }] },
      ],
    });
    expect(diff.get('second')).toMatchObject({
      contract: SECOND,
      status: 'added',
      pages: { added: [0, 2], removed: [], changed: [] },
      ranges: [
        {
          page: 0,
          kind: 'added',
          ranges: [
            { offset: 0, before: '00', after: '02' },
            { offset: PANIC_TEXT.offset, before: NO_TEXT, after: PANIC_TEXT.hex },
          ],
        },
        { page: 2, kind: 'added', ranges: [{ offset: 0x2ffff, before: '00', after: '03' }] },
      ],
    });

    const text = await cli(['diff', 'a', 'b', '--store', store, '--bytes']);
    expect(text.lines).toContain('          @0x3ffff  00 → 04  (added)');
    expect(text.lines).toContain('          @0x2ffff  00 → 03  (added)');
    expect(text.lines.find((l) => l.includes(SECOND))).toMatch(/^added .* added: 0, 2$/);
  });

  test('a reversed diff lists the same pages as removed, going back to zeros', async () => {
    const store = await twoCommits();
    const diff = await jsonDiff(store, 'b', 'a');
    expect(diff.get('first')!.ranges).toEqual([
      { page: 0, kind: 'changed', ranges: [{ offset: 0, before: '03', after: '01' }] },
      { page: 3, kind: 'removed', ranges: [{ offset: 0x3ffff, before: '04', after: '00' }] },
    ]);
    expect(diff.get('second')).toMatchObject({
      status: 'removed',
      pages: { added: [], removed: [0, 2], changed: [] },
      ranges: [
        {
          page: 0,
          kind: 'removed',
          ranges: [
            { offset: 0, before: '02', after: '00' },
            { offset: PANIC_TEXT.offset, before: PANIC_TEXT.hex, after: NO_TEXT },
          ],
        },
        { page: 2, kind: 'removed', ranges: [{ offset: 0x2ffff, before: '03', after: '00' }] },
      ],
    });
  });
});
