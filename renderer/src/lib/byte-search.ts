/**
 * Searching contract memory for bytes or text. Memory arrives in chunks (written pages, in
 * address order); a match may straddle two contiguous chunks, so the searcher keeps the last
 * `needle.length - 1` bytes of the previous chunk when the next one continues it.
 */
import { bytesFromHex, hexProblem } from './hex';

export type SearchMode = 'hex' | 'text';

export function parseNeedle(
  text: string,
  mode: SearchMode,
): { ok: true; value: Uint8Array } | { ok: false; error: string } {
  if (text.length === 0) return { ok: false, error: 'type something to search for' };
  if (mode === 'text') return { ok: true, value: new TextEncoder().encode(text) };
  const problem = hexProblem(text);
  if (problem !== undefined) return { ok: false, error: problem };
  const value = bytesFromHex(text);
  return value.length === 0 ? { ok: false, error: 'type at least one byte' } : { ok: true, value };
}

function indexesOf(haystack: Uint8Array, needle: Uint8Array, from: number): number[] {
  const out: number[] = [];
  const first = needle[0];
  const last = haystack.length - needle.length;
  outer: for (
    let i = haystack.indexOf(first, from);
    i !== -1 && i <= last;
    i = haystack.indexOf(first, i + 1)
  ) {
    for (let k = 1; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    out.push(i);
  }
  return out;
}

export interface Searcher {
  /** Feed the next chunk (ascending offsets); returns the new match offsets. */
  feed(offset: number, bytes: Uint8Array): number[];
  readonly matches: number[];
  /** True once `limit` matches were found: the caller can stop reading. */
  readonly full: boolean;
}

export function createSearcher(needle: Uint8Array, limit = 1000): Searcher {
  const matches: number[] = [];
  let tail = new Uint8Array(0);
  let tailEnd = -1;
  return {
    matches,
    get full() {
      return matches.length >= limit;
    },
    feed(offset, bytes) {
      if (matches.length >= limit || needle.length === 0) return [];
      const carry = tailEnd === offset ? tail : new Uint8Array(0);
      const joined = new Uint8Array(carry.length + bytes.length);
      joined.set(carry);
      joined.set(bytes, carry.length);
      const base = offset - carry.length;
      const found = indexesOf(joined, needle, 0)
        .map((i) => base + i)
        .slice(0, limit - matches.length);
      matches.push(...found);
      const keep = Math.min(needle.length - 1, joined.length);
      tail = joined.slice(joined.length - keep);
      tailEnd = offset + bytes.length;
      return found;
    },
  };
}

/** The match at or after `cursor` (wrapping), for "find next"; -1 when there are none. */
export function nextMatch(matches: readonly number[], cursor: number, backwards = false): number {
  if (matches.length === 0) return -1;
  if (backwards) {
    for (let i = matches.length - 1; i >= 0; i--) if (matches[i] < cursor) return i;
    return matches.length - 1;
  }
  for (let i = 0; i < matches.length; i++) if (matches[i] > cursor) return i;
  return 0;
}
