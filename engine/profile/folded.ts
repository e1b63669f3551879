/**
 * Folded stacks, the flame-graph convention of Brendan Gregg's flamegraph.pl and inferno:
 * `frame;frame;frame <count>` per line, here the count being the gas spent in the last frame
 * itself. One line per distinct path, lines with no self gas left out, so the counts sum to the
 * call's `gasSpent` exactly.
 *
 * The format has no escaping: `;` separates frames and the last blank separates the count. Rust
 * names hold semicolons (`<[u8; 32] as core::fmt::Debug>::fmt`), so a `;` in a name is written as
 * `；` (U+FF1B FULLWIDTH SEMICOLON), which reads the same in a viewer, and read back as `;`; a line
 * break in a name becomes a blank. Names with blanks need nothing: only the last blank counts.
 */
import type { CallProfile, ProfileNode, ProfileNodeKind } from './profile-tree';
import { selfGasByPath } from './profile-paths';
import { assertProfileAddsUp } from './profile-sums';

/** What stands for `;` in a folded frame name. */
export const FOLDED_SEMICOLON = '\uFF1B';

/** A profile node's name as one folded frame: no `;`, no line break, never empty. */
export function foldedFrameName(name: string): string {
  if (name === '') return '[unnamed]';
  return name.replaceAll(';', FOLDED_SEMICOLON).replace(/[\r\n]+/g, ' ');
}

/**
 * The folded-stacks text of a profile, one `path gas\n` line per path with self gas; two nodes
 * with one name under one parent are one line (see selfGasByPath).
 */
export function toFolded(profile: CallProfile): string {
  assertProfileAddsUp(profile, 'write folded stacks');
  return selfGasByPath(profile.root, (node) => foldedFrameName(node.name))
    .map(({ frames, self }) => `${frames.join(';')} ${self}\n`)
    .join('');
}

/** One line of a folded file: its frames (names as they were, `；` read back as `;`) and gas. */
export interface FoldedStack {
  frames: string[];
  gas: bigint;
  /** 1-based line number in the text, for messages. */
  line: number;
}

/**
 * The lines of a folded-stacks text. Blank lines and CRLF endings are accepted; anything else
 * that is not `frame;frame <whole number>` is refused, naming the line.
 */
export function parseFolded(text: string): FoldedStack[] {
  const stacks: FoldedStack[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.replace(/[ \t\r]+$/, '');
    if (trimmed.trim() === '') return;
    // Greedy: the count is the last blank-separated word, the frames everything before it.
    const match = /^(.*)[ \t]+([^ \t]+)$/.exec(trimmed);
    if (match === null)
      throw new Error(`folded line ${line}: "${clip(trimmed)}" has no gas count after the frames`);
    const [, path, count] = match;
    if (!/^\d+$/.test(count))
      throw new Error(`folded line ${line}: the gas count "${clip(count)}" is not a whole number`);
    const frames = path.split(';');
    const empty = frames.findIndex((f) => f === '');
    if (empty >= 0)
      throw new Error(`folded line ${line}: frame ${empty + 1} of "${clip(path)}" is empty`);
    stacks.push({
      frames: frames.map((f) => f.replaceAll(FOLDED_SEMICOLON, ';')),
      gas: BigInt(count),
      line,
    });
  });
  return stacks;
}

/**
 * A profile from a folded file (for diffing an imported one): the stacks merged into a tree. A
 * folded file does not say what a frame is, how often it was entered, or the gas limit, so: the
 * root is a contract frame (a synthetic `all` when the lines start with different frames, as
 * flamegraph.pl draws it), `[host …]` frames are host charges, every other frame a function;
 * `calls` is 0 (unknown), and `gasLimit` is the gas spent.
 */
export function profileFromFolded(text: string): CallProfile {
  const stacks = parseFolded(text);
  const firsts = new Set(stacks.map((s) => s.frames[0]));
  const single = firsts.size === 1;
  const root = emptyNode('contract', single ? [...firsts][0] : 'all');
  const index = new Map<ProfileNode, Map<string, ProfileNode>>();
  for (const { frames, gas } of stacks) {
    let node = root;
    root.total += gas;
    for (const name of single ? frames.slice(1) : frames) {
      let children = index.get(node);
      if (children === undefined) index.set(node, (children = new Map()));
      let child = children.get(name);
      if (child === undefined) {
        child = emptyNode(/^\[host .*\]$/.test(name) ? 'host' : 'function', name);
        children.set(name, child);
        node.children.push(child);
      }
      child.total += gas;
      node = child;
    }
    node.self += gas;
  }
  return { root, gasSpent: root.total, gasLimit: root.total };
}

function emptyNode(kind: ProfileNodeKind, name: string): ProfileNode {
  return { kind, name, self: 0n, total: 0n, calls: 0, children: [] };
}

/** A line's text in a message, cut short: a folded file may hold very long lines. */
function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
