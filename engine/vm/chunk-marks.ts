/**
 * Which 1 KiB chunks of a contract's memory were written since their page was last hashed: two
 * u32 words of bits per page (64 chunks). Only hashing reads them (state-computation.ts), to
 * update a page's hash from its written chunks; a chunk marked needlessly (a write that was
 * reverted, a page marked whole) only costs hashing it again, a chunk written but not marked
 * would make the hash wrong, so every writer of contract memory marks what it writes.
 */
import { PAGE_SIZE } from './host-abi';

const CHUNK_SIZE = 1024;

export class ChunkMarks {
  private words = new Uint32Array(0);

  /** The chunk `chunk` (memory offset / 1024) was written. */
  mark(chunk: number): void {
    const word = chunk >>> 5;
    if (word >= this.words.length) this.grow(word);
    this.words[word] |= 1 << (chunk & 31);
  }

  /** Bytes [offset, offset + length) were written. */
  markRange(offset: number, length: number): void {
    if (length <= 0) return;
    const last = Math.floor((offset + length - 1) / CHUNK_SIZE);
    for (let chunk = Math.floor(offset / CHUNK_SIZE); chunk <= last; chunk++) this.mark(chunk);
  }

  /** The whole page was written. */
  markPage(page: number): void {
    this.markRange(page * PAGE_SIZE, PAGE_SIZE);
  }

  /** Page `page`'s marks: chunks 0–31 (`low`) and 32–63 (`high`), as bits. */
  low(page: number): number {
    return this.words[2 * page] ?? 0;
  }

  high(page: number): number {
    return this.words[2 * page + 1] ?? 0;
  }

  /** The page was hashed: its chunks are unmarked. */
  clear(page: number): void {
    if (2 * page < this.words.length) {
      this.words[2 * page] = 0;
      this.words[2 * page + 1] = 0;
    }
  }

  private grow(word: number): void {
    // Pages come in pairs of words; double to keep growth rare.
    const next = new Uint32Array(Math.max(2 * this.words.length, (word + 2) & ~1, 64));
    next.set(this.words);
    this.words = next;
  }
}
