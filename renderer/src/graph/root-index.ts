/**
 * Commit roots → their position in a list: an open-addressing table of Int32, hashed from a root's
 * first and last eight characters and checked against the whole root. Roots are BLAKE3 hashes,
 * so those characters are evenly spread; roots that share them (test fixtures like 'a'.repeat(64))
 * only probe further. Built for the lane layout, which looks up every commit and every parent:
 * at 100,000 commits a Map of 64-character keys took about twice as long (the roots of
 * scaleHistory parsed from JSON, both alternated in node).
 */
export interface RootIndex {
  /** Position of `root` in the list, or -1. */
  get(root: string): number;
}

function hashOf(root: string): number {
  let h = 0x811c9dc5; // FNV-1a
  const n = root.length;
  for (let i = 0; i < 8 && i < n; i++) h = Math.imul(h ^ root.charCodeAt(i), 16777619);
  for (let i = Math.max(8, n - 8); i < n; i++) h = Math.imul(h ^ root.charCodeAt(i), 16777619);
  return h ^ (h >>> 15);
}

/**
 * The index of `roots`' distinct values; `rootAt(i)` is the i-th root. `add` only admits a root
 * not yet present (the first occurrence wins) and says whether it did.
 */
export class RootTable implements RootIndex {
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  constructor(
    private readonly rootAt: (i: number) => string,
    expected: number,
  ) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** Admits position `i` (its root is `rootAt(i)`) unless that root is present; true when admitted. */
  add(i: number): boolean {
    if (2 * (this.count + 1) > this.slots.length) this.grow();
    const slot = this.find(this.rootAt(i));
    if (slot >= 0) return false;
    this.slots[-1 - slot] = i + 1;
    this.count++;
    return true;
  }

  get(root: string): number {
    const slot = this.find(root);
    return slot >= 0 ? this.slots[slot] - 1 : -1;
  }

  /** The slot holding `root`, or -1 - the empty slot where it would go. */
  private find(root: string): number {
    const { slots, mask } = this;
    for (let j = hashOf(root) & mask; ; j = (j + 1) & mask) {
      const v = slots[j];
      if (v === 0) return -1 - j;
      if (this.rootAt(v - 1) === root) return j;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.slots.length - 1;
    for (const v of old) {
      if (v === 0) continue;
      this.slots[-1 - this.find(this.rootAt(v - 1))] = v;
    }
  }
}
