/** Merkle openings of memory pages against the state root (spec §6.4). */
import { blake3 } from '../hash/blake3';
import { verifyOpening, type Opening } from '../merkle/sparse-tree';

export interface PageOpening {
  /** Opening of the contract's leaf in the contracts tree (its root is the state root). */
  tree: Opening;
  /** Opening of the page's leaf in the contract's page tree. */
  inner: Opening;
}

export interface MemoryPage {
  index: number;
  bytes: Uint8Array;
  opening: PageOpening;
}

/** piecrust's `PageOpening::verify`. */
export function verifyPageOpening(opening: PageOpening, page: Uint8Array): boolean {
  return (
    verifyOpening(opening.inner, blake3(page)) && verifyOpening(opening.tree, opening.inner.root)
  );
}
