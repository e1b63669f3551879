/**
 * The lanes of the commit graph and how far up each one is taken: for the lane layout, "the
 * leftmost lane whose last occupant ends below this point" in O(log lanes), via a segment tree of
 * per-lane minima. Positions are the layout's half-rows of time (larger is newer).
 */
export class FreeLanes {
  /** Leaves from `capacity`: the end of each lane; unused leaves are +∞ (never free). */
  private tree = new Float64Array(2).fill(Infinity);
  private capacity = 1;
  private lanes = 0;

  get count(): number {
    return this.lanes;
  }

  /** Where lane `lane`'s last occupant ends. */
  end(lane: number): number {
    return this.tree[this.capacity + lane];
  }

  /**
   * The leftmost lane whose last occupant ends before `from` (a new lane when none does), now
   * taken up to `until`.
   */
  take(from: number, until: number): number {
    let lane = this.tree[1] < from ? this.leftmostBelow(from) : this.lanes;
    if (lane === this.lanes) {
      if (this.lanes === this.capacity) this.grow();
      lane = this.lanes++;
    }
    this.extend(lane, until);
    return lane;
  }

  /** Lane `lane` is now taken up to `until`. */
  extend(lane: number, until: number): void {
    let i = this.capacity + lane;
    this.tree[i] = until;
    for (i >>= 1; i >= 1; i >>= 1) this.tree[i] = Math.min(this.tree[2 * i], this.tree[2 * i + 1]);
  }

  private leftmostBelow(from: number): number {
    let i = 1;
    while (i < this.capacity) i = this.tree[2 * i] < from ? 2 * i : 2 * i + 1;
    return i - this.capacity;
  }

  private grow(): void {
    const old = this.tree;
    const oldCapacity = this.capacity;
    this.capacity *= 2;
    this.tree = new Float64Array(2 * this.capacity).fill(Infinity);
    this.tree.set(old.subarray(oldCapacity, 2 * oldCapacity), this.capacity);
    for (let i = this.capacity - 1; i >= 1; i--)
      this.tree[i] = Math.min(this.tree[2 * i], this.tree[2 * i + 1]);
  }
}
