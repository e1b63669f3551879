/**
 * Hand-built gas profiles for the format and diff tests, shaped like what the profiler produces
 * for a real Rust contract: a contract frame, nested functions with demangled names (`::`,
 * spaces, `<T as Trait>`, `[u8; 32]` with its semicolon), host charges as leaves, an
 * inter-contract call with its own functions, recursion, a name that two functions of one contract
 * share, and a function both contracts link.
 * Totals are computed from the self gas, so every profile here adds up (checkProfile is empty).
 */
import type { CallProfile, ProfileNode, ProfileNodeKind } from '../profile/profile-tree';

export const CALLER_ID = 'a1'.repeat(32);
export const COUNTER_ID = 'c0'.repeat(32);

const CONTRACT_IDS: Record<string, string> = { caller: CALLER_ID, counter: COUNTER_ID };

export type Spec = [
  kind: ProfileNodeKind,
  name: string,
  self: bigint,
  calls: number,
  children?: Spec[],
];

/** A node tree from `[kind, name, self, calls, children]`, totals summed, contracts inherited. */
export function buildNode(spec: Spec, contract?: string): ProfileNode {
  const [kind, name, self, calls, children = []] = spec;
  // A contract frame names its contract in `name` (`counter.increment`); the id comes from the map.
  const own = kind === 'contract' ? CONTRACT_IDS[name.split('.')[0]] : contract;
  const built = children.map((c) => buildNode(c, own));
  const total = self + built.reduce((n, c) => n + c.total, 0n);
  return {
    kind,
    name,
    ...(kind === 'host' ? {} : { contract: own }),
    self,
    total,
    calls,
    children: built,
  };
}

export function buildProfile(spec: Spec, gasLimit = 1_000_000n): CallProfile {
  const root = buildNode(spec);
  return { root, gasSpent: root.total, gasLimit };
}

/**
 * `caller.call_counter`: the caller's code, an `hq` host charge, then `counter.increment` through
 * `dusk_core::abi::call`, whose own functions emit an event, format a `[u8; 32]` and recurse.
 */
export function callerProfile({
  incrementSelf = 800n,
  withDebugFmt = true,
  incrementExtra = [],
}: {
  /** The self gas of `counter::Counter::increment`. */
  incrementSelf?: bigint;
  /** Whether `increment` formats a `[u8; 32]` (230 gas). */
  withDebugFmt?: boolean;
  /** More callees of `increment`, after the others. */
  incrementExtra?: Spec[];
} = {}): CallProfile {
  return buildProfile([
    'contract',
    'caller.call_counter',
    15n,
    1,
    [
      [
        'function',
        'caller::Caller::call_counter',
        420n,
        1,
        [
          ['host', '[host hq]', 60n, 2],
          [
            'function',
            'dusk_core::abi::call<u64, ()>',
            95n,
            1,
            [
              [
                'contract',
                'counter.increment',
                10n,
                1,
                [
                  [
                    'function',
                    'counter::Counter::increment',
                    incrementSelf,
                    1,
                    [
                      ...(withDebugFmt
                        ? [['function', '<[u8; 32] as core::fmt::Debug>::fmt', 230n, 1] as Spec]
                        : []),
                      [
                        'function',
                        'dusk_core::abi::emit<counter::Incremented>',
                        40n,
                        1,
                        [['host', '[host emit]', 300n, 1]],
                      ],
                      [
                        'function',
                        'counter::fib',
                        50n,
                        1,
                        [
                          [
                            'function',
                            'counter::fib',
                            70n,
                            2,
                            [['function', 'counter::fib', 0n, 4]],
                          ],
                        ],
                      ],
                      ['function', 'core::ptr::drop_in_place<alloc::vec::Vec<u8>>', 12n, 3],
                      ['function', 'dlmalloc::dlmalloc::Dlmalloc<A>::malloc', 33n, 2],
                      ...incrementExtra,
                    ],
                  ],
                ],
              ],
            ],
          ],
          // Two functions the legacy demangler gives the same name (the hash is dropped): they stay
          // two nodes in the model but are one path in the formats.
          ['function', '<counter::State as core::default::Default>::default', 25n, 1],
          ['function', '<counter::State as core::default::Default>::default', 5n, 1],
          ['function', 'func[17]', 0n, 1],
          // The allocator is linked into every contract: same name, another contract's code.
          ['function', 'dlmalloc::dlmalloc::Dlmalloc<A>::malloc', 18n, 1],
        ],
      ],
    ],
  ]);
}
