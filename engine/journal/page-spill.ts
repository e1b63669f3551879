/**
 * The page versions a session's journal refers to, content-addressed: each distinct 64 KiB page
 * is kept once, under the BLAKE3 of its bytes (the key the commit store uses for pages, so a
 * committed journal's pages join the store's pages and share them). Up to `budget` bytes stay in
 * memory; the rest go to a temporary file, so a call that writes 256 MiB costs the journal a
 * file, not 256 MiB of memory (before: ~90 bytes of memory per byte written, as hex in JSON).
 *
 * Ownership: one per recording session; `close` (the session's end) removes the file.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesToHex } from '../core/ids';
import { blake3 } from '../hash/blake3';

/** Page contents by hash: a session's spill, or the commit store's pages. */
export interface PageSource {
  page(hash: string): Uint8Array | undefined;
}

/** Pages kept in memory before they go to the file: enough for every ordinary call. */
export const DEFAULT_SPILL_BUDGET = 32 << 20;

export class PageSpill implements PageSource {
  private readonly memory = new Map<string, Uint8Array>();
  private readonly onDisk = new Map<string, { offset: number; length: number }>();
  private inMemory = 0;
  private file: { dir: string; fd: number; length: number } | undefined;
  private closed = false;

  constructor(private readonly budget = DEFAULT_SPILL_BUDGET) {}

  /** Keep `bytes` (copied) and return their hash; a page kept already is not kept twice. */
  put(bytes: Uint8Array): string {
    const hash = bytesToHex(blake3(bytes));
    this.putAs(hash, bytes);
    return hash;
  }

  /** Keep `bytes` under a hash the caller computed already. */
  putAs(hash: string, bytes: Uint8Array): void {
    if (this.closed) throw new Error('the journal pages are closed');
    if (this.memory.has(hash) || this.onDisk.has(hash)) return;
    if (this.inMemory + bytes.length <= this.budget) {
      this.memory.set(hash, bytes.slice());
      this.inMemory += bytes.length;
      return;
    }
    const file = this.openFile();
    const offset = file.length;
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(file.fd, bytes, written, bytes.length - written, offset + written);
    }
    file.length += bytes.length;
    this.onDisk.set(hash, { offset, length: bytes.length });
  }

  page(hash: string): Uint8Array | undefined {
    const inMemory = this.memory.get(hash);
    if (inMemory !== undefined) return inMemory;
    const at = this.onDisk.get(hash);
    if (at === undefined || this.file === undefined) return undefined;
    const out = new Uint8Array(at.length);
    let read = 0;
    while (read < at.length) {
      const n = readSync(this.file.fd, out, read, at.length - read, at.offset + read);
      if (n === 0) throw new Error(`journal page ${hash} is cut short in ${this.file.dir}`);
      read += n;
    }
    return out;
  }

  has(hash: string): boolean {
    return this.memory.has(hash) || this.onDisk.has(hash);
  }

  /** Every hash kept. */
  hashes(): string[] {
    return [...this.memory.keys(), ...this.onDisk.keys()];
  }

  /** Bytes kept in memory and in the file (for tests and the bench). */
  stats(): { memoryBytes: number; fileBytes: number; pages: number } {
    return {
      memoryBytes: this.inMemory,
      fileBytes: this.file?.length ?? 0,
      pages: this.memory.size + this.onDisk.size,
    };
  }

  /** Drop everything and remove the file. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.memory.clear();
    this.onDisk.clear();
    if (this.file !== undefined) {
      closeSync(this.file.fd);
      rmSync(this.file.dir, { recursive: true, force: true });
      this.file = undefined;
    }
  }

  private openFile(): { dir: string; fd: number; length: number } {
    if (this.file === undefined) {
      const dir = mkdtempSync(join(tmpdir(), 'piecrust-journal-'));
      this.file = { dir, fd: openSync(join(dir, 'pages'), 'w+'), length: 0 };
    }
    return this.file;
  }
}
