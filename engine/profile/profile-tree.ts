/**
 * A gas profile of one call (issue 13): for every contract frame of the call tree, the tree of
 * WebAssembly function invocations inside it, merged by path (the same function called from the
 * same place twice is one node with `calls: 2`), with self and total gas. Host charges and
 * inter-contract calls are nodes of their own, so nothing is unaccounted: the root's `total`
 * equals the call's `gasSpent` exactly (checked by `checkProfile`).
 *
 * This file is the shared model: the profiler builds it (profiler.ts), the formats write it
 * (folded.ts, speedscope.ts), the API and the app show it.
 */

export type ProfileNodeKind =
  /** A contract frame: the call of `fn` on `contract` (the root, and each inter-contract call). */
  | 'contract'
  /** A WebAssembly function of the frame's contract. */
  | 'function'
  /** Gas a host function charged (`[host emit]`, `[host hq]`…), a leaf. */
  | 'host';

export interface ProfileNode {
  kind: ProfileNodeKind;
  /**
   * What a person reads: `counter.increment` for a contract frame (name or short id, then the
   * function), the demangled function name (`dusk_stake_contract::state::StakeState::stake`,
   * else the export name, else `func[N]`) for a function, `[host emit]` for a host charge.
   */
  name: string;
  /** Contract frames and functions: the contract (hex id) whose code this is. */
  contract?: string;
  /** Functions: the index in the contract's original module (before instrumentation). */
  funcIndex?: number;
  /** Gas spent in this node itself, not in its children. */
  self: bigint;
  /** Gas spent in this node and its children: `self + Σ children.total`. */
  total: bigint;
  /** Times this node was entered along this path. */
  calls: number;
  children: ProfileNode[];
}

export interface CallProfile {
  /** The contract frame of the call (kind 'contract'). */
  root: ProfileNode;
  /** The call's gas spent, as its result says (`root.total` must equal it). */
  gasSpent: bigint;
  gasLimit: bigint;
}

/** Names a function of a contract's original module: demangled name, export name, `func[N]`. */
export type FunctionNamer = (funcIndex: number) => string;

/** What is wrong with a profile's sums, one line per problem (empty when it adds up). */
export function checkProfile(profile: CallProfile): string[] {
  const problems: string[] = [];
  const walk = (node: ProfileNode, path: string): void => {
    const here = path === '' ? node.name : `${path};${node.name}`;
    const sum = node.children.reduce((n, c) => n + c.total, 0n);
    if (node.total !== node.self + sum)
      problems.push(`${here}: total ${node.total} ≠ self ${node.self} + children ${sum}`);
    if (node.self < 0n) problems.push(`${here}: self ${node.self} < 0`);
    for (const child of node.children) walk(child, here);
  };
  walk(profile.root, '');
  if (profile.root.total !== profile.gasSpent)
    problems.push(`root total ${profile.root.total} ≠ the call's gasSpent ${profile.gasSpent}`);
  return problems;
}
