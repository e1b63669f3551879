// Folded stacks: the lines sum to gasSpent, names with ';' stay one frame, and the parser reads
// our output (and other tools' quirks: CRLF, blank lines) back, naming the line it cannot read.
import { expect, test } from 'vitest';
import { buildProfile, callerProfile } from '../testing/sample-profiles';
import { FOLDED_SEMICOLON, parseFolded, profileFromFolded, toFolded } from './folded';
import type { ProfileNode } from './profile-tree';

test("the lines' gas sums to the call's gasSpent exactly, one line per path with self gas", () => {
  const profile = callerProfile();
  const text = toFolded(profile);
  const stacks = parseFolded(text);
  expect(stacks.reduce((n, s) => n + s.gas, 0n)).toBe(profile.gasSpent);
  // No zero lines (func[17] and the deepest fib spent nothing themselves) and no path twice.
  expect(text).not.toMatch(/ 0$/m);
  expect(text).not.toContain('func[17]');
  const paths = stacks.map((s) => s.frames.join(';'));
  expect(new Set(paths).size).toBe(paths.length);
  // The two functions named alike under one parent are one line with both their gas (25 + 5).
  expect(stacks.find((s) => s.frames.at(-1)?.startsWith('<counter::State'))?.gas).toBe(30n);
});

test('a line reads root first, through the inter-contract call, to the host charge', () => {
  const lines = toFolded(callerProfile()).split('\n');
  expect(lines).toContain(
    'caller.call_counter;caller::Caller::call_counter;dusk_core::abi::call<u64, ()>;' +
      'counter.increment;counter::Counter::increment;dusk_core::abi::emit<counter::Incremented>;' +
      '[host emit] 300',
  );
});

test("a ';' in a name is written as U+FF1B and read back as ';', keeping the frame count", () => {
  const profile = callerProfile();
  const text = toFolded(profile);
  const line = text.split('\n').find((l) => l.includes('[u8'))!;
  expect(line.endsWith(`;<[u8${FOLDED_SEMICOLON} 32] as core::fmt::Debug>::fmt 230`)).toBe(true);
  // flamegraph.pl and inferno split frames on ';': the line must have exactly its 6 frames.
  expect(line.split(';')).toHaveLength(6);
  const [stack] = parseFolded(line);
  expect(stack.frames.at(-1)).toBe('<[u8; 32] as core::fmt::Debug>::fmt');
});

test('a line break in a name does not break the line; an empty name is a frame of its own', () => {
  const profile = buildProfile([
    'contract',
    'counter.increment',
    1n,
    1,
    [
      ['function', 'two\r\nlines', 2n, 1],
      ['function', '', 3n, 1],
    ],
  ]);
  expect(toFolded(profile)).toBe(
    'counter.increment 1\ncounter.increment;two lines 2\ncounter.increment;[unnamed] 3\n',
  );
});

test('profileFromFolded rebuilds the tree: same totals per path, kinds guessed, calls unknown', () => {
  const profile = callerProfile();
  const back = profileFromFolded(toFolded(profile));
  expect(back.gasSpent).toBe(profile.gasSpent);
  expect(back.root.name).toBe('caller.call_counter');
  expect(back.root.kind).toBe('contract');
  const totals = (node: ProfileNode, prefix = ''): Map<string, bigint> => {
    const here = `${prefix}/${node.name}`;
    const map = new Map([[here, node.total]]);
    for (const c of node.children)
      for (const [k, v] of totals(c, here)) map.set(k, (map.get(k) ?? 0n) + v);
    return map;
  };
  // Paths that spent nothing are not in the file, so compare the ones that did.
  const expected = new Map([...totals(profile.root)].filter(([, v]) => v > 0n));
  expect(totals(back.root)).toEqual(expected);
  const emit = back.root.children[0].children[1].children[0].children[0].children[1].children[0];
  expect(emit).toMatchObject({ name: '[host emit]', kind: 'host', self: 300n, calls: 0 });
});

test('CRLF, blank lines, tabs and repeated paths are read; lines with different roots get "all"', () => {
  const text = 'a;b 5\r\n\r\n   \r\na;b\t7\r\nc 1\r\n';
  expect(parseFolded(text)).toEqual([
    { frames: ['a', 'b'], gas: 5n, line: 1 },
    { frames: ['a', 'b'], gas: 7n, line: 4 },
    { frames: ['c'], gas: 1n, line: 5 },
  ]);
  const profile = profileFromFolded(text);
  expect(profile.root).toMatchObject({ name: 'all', total: 13n, self: 0n });
  expect(profile.root.children.map((c) => [c.name, c.total])).toEqual([
    ['a', 12n],
    ['c', 1n],
  ]);
  expect(profile.root.children[0].children[0]).toMatchObject({ name: 'b', self: 12n });
});

test('malformed lines are refused with their line number and what is wrong', () => {
  expect(() => parseFolded('a;b 1\nnocount\n')).toThrow(
    'folded line 2: "nocount" has no gas count after the frames',
  );
  expect(() => parseFolded('\n\na;b 1.5')).toThrow(
    'folded line 3: the gas count "1.5" is not a whole number',
  );
  expect(() => parseFolded('a;b -4')).toThrow(
    'folded line 1: the gas count "-4" is not a whole number',
  );
  expect(() => parseFolded('a;;b 4')).toThrow('folded line 1: frame 2 of "a;;b" is empty');
});

test('a profile that does not add up is refused, not written', () => {
  const profile = callerProfile();
  profile.gasSpent += 1n;
  expect(() => toFolded(profile)).toThrow(
    `cannot write folded stacks: the profile does not add up:\nroot total ${profile.root.total} ≠ the call's gasSpent ${profile.gasSpent}`,
  );
});
