/**
 * Searching contract memory for bytes or text. Memory arrives in chunks (written pages, in
 * address order); a match may straddle two contiguous chunks, so each needle's searcher keeps the
 * last `needle.length - 1` bytes of the previous chunk when the next one continues it.
 *
 * Text has more than one byte form: Rust contracts keep strings as UTF-8, AssemblyScript (and
 * many contracts built with it) as UTF-16LE. "text" looks for both and each match says which
 * encoding it was found in.
 */
import { bytesFromHex, hexProblem } from '../common/lib/hex';

/** `text` searches UTF-8 and UTF-16LE at once; `utf8` and `utf16le` one of them. */
export type SearchMode = 'hex' | 'text' | 'utf8' | 'utf16le';
export type NeedleEncoding = 'hex' | 'UTF-8' | 'UTF-16LE';

export interface Needle {
  encoding: NeedleEncoding;
  bytes: Uint8Array;
}

export interface SearchMatch {
  offset: number;
  /** Bytes matched: the needle's length in the encoding it was found in. */
  length: number;
  encoding: NeedleEncoding;
}

/** UTF-16LE code units, as AssemblyScript stores a `string` (unpaired surrogates kept as they are). */
export function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 * i] = unit & 0xff;
    out[2 * i + 1] = unit >> 8;
  }
  return out;
}

/** The byte sequences to look for: one for hex or a single encoding, two for `text`. */
export function parseNeedles(
  text: string,
  mode: SearchMode,
): { ok: true; value: Needle[] } | { ok: false; error: string } {
  if (text.length === 0) return { ok: false, error: 'type something to search for' };
  const utf8: Needle = { encoding: 'UTF-8', bytes: new TextEncoder().encode(text) };
  const utf16: Needle = { encoding: 'UTF-16LE', bytes: utf16le(text) };
  if (mode === 'text') return { ok: true, value: [utf8, utf16] };
  if (mode === 'utf8') return { ok: true, value: [utf8] };
  if (mode === 'utf16le') return { ok: true, value: [utf16] };
  const problem = hexProblem(text);
  if (problem !== undefined) return { ok: false, error: problem };
  const bytes = bytesFromHex(text);
  return bytes.length === 0
    ? { ok: false, error: 'type at least one byte' }
    : { ok: true, value: [{ encoding: 'hex', bytes }] };
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

/** One needle's matches in a stream of chunks, up to `limit`. */
function needleSearcher(
  needle: Uint8Array,
  limit: number,
): (offset: number, bytes: Uint8Array) => number[] {
  let count = 0;
  let tail = new Uint8Array(0);
  let tailEnd = -1;
  return (offset, bytes) => {
    if (count >= limit || needle.length === 0) return [];
    const carry = tailEnd === offset ? tail : new Uint8Array(0);
    const joined = new Uint8Array(carry.length + bytes.length);
    joined.set(carry);
    joined.set(bytes, carry.length);
    const base = offset - carry.length;
    const found = indexesOf(joined, needle, 0)
      .map((i) => base + i)
      .slice(0, limit - count);
    count += found.length;
    const keep = Math.min(needle.length - 1, joined.length);
    tail = joined.slice(joined.length - keep);
    tailEnd = offset + bytes.length;
    return found;
  };
}

export interface Searcher {
  /** Feed the next chunk (ascending offsets); returns the new matches. */
  feed(offset: number, bytes: Uint8Array): SearchMatch[];
  /** Every match so far, by offset; one per offset. */
  readonly matches: SearchMatch[];
  /** True once `limit` matches were found: the caller can stop reading. */
  readonly full: boolean;
}

/**
 * Looks for every needle at once. Two needles matching at one offset (a one-character text is
 * `61` in UTF-8 and `61 00` in UTF-16LE) make one match, the longer: it covers the other.
 * When any needle reaches `limit` it has `limit` distinct offsets up to its last match, so the
 * first `limit` matches of all needles are complete up to there and the rest is cut.
 */
export function createSearcher(needles: readonly Needle[], limit = 1000): Searcher {
  const searchers = needles.map((n) => ({ ...n, find: needleSearcher(n.bytes, limit) }));
  let matches: SearchMatch[] = [];
  return {
    get matches() {
      return matches;
    },
    get full() {
      return matches.length >= limit;
    },
    feed(offset, bytes) {
      if (matches.length >= limit) return [];
      const found = searchers.flatMap((s) =>
        s
          .find(offset, bytes)
          .map((at) => ({ offset: at, length: s.bytes.length, encoding: s.encoding })),
      );
      if (found.length === 0) return [];
      const byOffset = new Map(matches.map((m) => [m.offset, m]));
      const fresh: SearchMatch[] = [];
      for (const m of found) {
        const known = byOffset.get(m.offset);
        if (known !== undefined && known.length >= m.length) continue;
        byOffset.set(m.offset, m);
        fresh.push(m);
      }
      matches = [...byOffset.values()].sort((a, b) => a.offset - b.offset).slice(0, limit);
      const kept = new Set(matches);
      return fresh.filter((m) => kept.has(m)).sort((a, b) => a.offset - b.offset);
    },
  };
}

/** The match at or after `cursor` (wrapping), for "find next"; -1 when there are none. */
export function nextMatch(
  matches: ReadonlyArray<{ offset: number }>,
  cursor: number,
  backwards = false,
): number {
  if (matches.length === 0) return -1;
  if (backwards) {
    for (let i = matches.length - 1; i >= 0; i--) if (matches[i].offset < cursor) return i;
    return matches.length - 1;
  }
  for (let i = 0; i < matches.length; i++) if (matches[i].offset > cursor) return i;
  return 0;
}
