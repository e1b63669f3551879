/**
 * An approximately least-recently-used cache bounded by the bytes it holds, so that a store's
 * memory stays the same however large its file grows. Two generations: new and re-used values
 * go to `young`; when it is full, `young` becomes `old` and the previous `old` is dropped. A
 * value survives while it is used at least once per generation. Unlike evicting from the
 * front of one Map (whose deleted slots V8 walks over until it rehashes: measured at 3 µs a
 * set), every operation is O(1).
 */
export class LruCache<V extends Uint8Array> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();
  private youngBytes = 0;

  constructor(
    private readonly maxBytes: number,
    /** Larger values are not cached at all: one of them would evict everything else. */
    private readonly maxEntryBytes = maxBytes / 4,
  ) {}

  get(key: string): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const old = this.old.get(key);
    if (old !== undefined) {
      this.old.delete(key);
      this.insert(key, old);
    }
    return old;
  }

  set(key: string, value: V): void {
    if (value.byteLength > this.maxEntryBytes) return;
    this.delete(key);
    this.insert(key, value);
  }

  delete(key: string): void {
    const young = this.young.get(key);
    if (young !== undefined) {
      this.young.delete(key);
      this.youngBytes -= young.byteLength;
    }
    this.old.delete(key);
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
    this.youngBytes = 0;
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  private insert(key: string, value: V): void {
    // Each generation holds at most half of the budget.
    if (this.youngBytes + value.byteLength > this.maxBytes / 2) {
      this.old = this.young;
      this.young = new Map();
      this.youngBytes = 0;
    }
    this.young.set(key, value);
    this.youngBytes += value.byteLength;
  }
}
