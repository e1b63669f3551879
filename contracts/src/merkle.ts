// merkle: a dusk-merkle sparse tree of height 17 and arity 4 whose leaves are blake3(u64 LE) and whose
// inner nodes are blake3 of their four children, an absent child counting as 32 zero bytes (so an
// empty subtree is the zero hash at every level). Nodes live on the persistent heap and cache their
// hash, so `root` is constant-time.
import {
  argChecked,
  argUnit,
  byteArrayDebug,
  debug,
  palloc,
  panic,
  retBytes,
  retUnit,
} from '../sdk';
import { blake3 } from '../sdk/blake3';
export { A } from '../sdk';

const HEIGHT: u32 = 17;
const ARITY: u32 = 4;
/** Node: hash (32 bytes) ‖ 4 child addresses (u32, 0 = absent). Leaves use the hash only. */
const NODE_SIZE: usize = 48;
const CHILDREN: usize = 32;

/** Address of the root node, 0 while the tree is empty. */
const ROOT: usize = memory.data(4, 4);
const ZERO: usize = memory.data(32, 8);
const SCRATCH: usize = memory.data(128, 8);
const LEAF: usize = memory.data(8, 8);

function capacity(): u64 {
  return (<u64>1) << (2 * HEIGHT);
}

function child(node: usize, index: u32): usize {
  const at = node + CHILDREN + index * 4;
  let c = <usize>load<u32>(at);
  if (c == 0) {
    c = palloc(NODE_SIZE, 8);
    store<u32>(at, <u32>c);
  }
  return c;
}

/** node.hash := blake3(child hashes), absent children contributing the zero hash. */
function rehash(node: usize): void {
  for (let i: u32 = 0; i < ARITY; i++) {
    const c = <usize>load<u32>(node + CHILDREN + i * 4);
    memory.copy(SCRATCH + i * 32, c == 0 ? ZERO : c, 32);
  }
  blake3(SCRATCH, 128, node);
}

function insertLeaf(position: u64, value: u64): void {
  if (position >= capacity())
    panic(
      'Position ' + position.toString() + " is out of the tree's capacity " + capacity().toString(),
    );
  let root = <usize>load<u32>(ROOT);
  if (root == 0) {
    root = palloc(NODE_SIZE, 8);
    store<u32>(ROOT, <u32>root);
  }
  const path = new StaticArray<usize>(HEIGHT);
  let node = root;
  for (let depth: u32 = 0; depth < HEIGHT; depth++) {
    path[depth] = node;
    const index = <u32>((position >> (2 * (HEIGHT - depth - 1))) & (ARITY - 1));
    node = child(node, index);
  }
  store<u64>(LEAF, value);
  blake3(LEAF, 8, node);
  for (let depth = <i32>HEIGHT - 1; depth >= 0; depth--) rehash(path[depth]);
}

/** Argument: `(u64 position, u64 value)`. */
export function insert(arg_len: u32): u32 {
  const root = argChecked(arg_len, '(88)');
  insertLeaf(load<u64>(root), load<u64>(root, 8));
  return retUnit();
}

/** Result: `[u8; 32]`, the root (32 zero bytes when empty). */
export function root(arg_len: u32): u32 {
  argUnit(arg_len);
  const node = <usize>load<u32>(ROOT);
  const hash = node == 0 ? ZERO : node;
  debug(byteArrayDebug(hash, 32));
  return retBytes(hash, 32);
}
