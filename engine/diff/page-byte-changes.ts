/**
 * The bytes behind a contract's page diff: for every page added, removed or changed, the byte
 * ranges that differ, with their absolute memory offsets and their bytes on both sides.
 *
 * A page absent on one side is compared against an all-zero page: a page that was never written
 * reads as zeros (spec §11.11), so zeros are what the memory held there before the page was
 * added, and what it holds again on the side where the page is removed (a diff from a newer
 * commit to an older one, or against a branch without the contract). The absent side is never
 * read: it may lie beyond that side's memory length, or the contract may not exist there.
 */
import { bytesToHex } from '../core/ids';
import { PAGE_SIZE } from '../core/abi';
import { changedRanges } from './byte-ranges';
import type { ContractDiff } from './state-diff';

export type PageChangeKind = 'added' | 'removed' | 'changed';

export interface ChangedBytes {
  /** Offset of the first differing byte in the contract's memory. */
  offset: number;
  /** Hex of the bytes on the left (`from`) side. */
  before: string;
  /** Hex of the bytes on the right (`to`) side. */
  after: string;
}

export interface PageByteChanges {
  page: number;
  kind: PageChangeKind;
  ranges: ChangedBytes[];
}

/** Reads one page of the contract on one side of the diff (a state may answer asynchronously). */
export type PageReader = (side: 'before' | 'after', page: number) => Promise<Uint8Array>;

const ZERO_PAGE = new Uint8Array(PAGE_SIZE);

/** The changed byte ranges of every page in `pages`, ordered by page number. */
export async function pageByteChanges(
  pages: ContractDiff['pages'],
  read: PageReader,
): Promise<PageByteChanges[]> {
  const kinds: Array<[PageChangeKind, number[]]> = [
    ['added', pages.added],
    ['removed', pages.removed],
    ['changed', pages.changed],
  ];
  const out: PageByteChanges[] = [];
  // One page at a time: a diff of many pages holds only the two it compares.
  for (const [kind, list] of kinds) {
    for (const page of list) {
      const before = kind === 'added' ? ZERO_PAGE : await read('before', page);
      const after = kind === 'removed' ? ZERO_PAGE : await read('after', page);
      out.push({
        page,
        kind,
        ranges: changedRanges(before, after).map((r) => ({
          offset: page * PAGE_SIZE + r.start,
          before: bytesToHex(before.subarray(r.start, r.end)),
          after: bytesToHex(after.subarray(r.start, r.end)),
        })),
      });
    }
  }
  return out.sort((a, b) => a.page - b.page);
}
