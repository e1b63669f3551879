import { describe, expect, test } from 'vitest';
import {
  commitName,
  deletedCommitText,
  survivingAncestor,
  type CommitLink,
} from './surviving-commit';

const node = (root: string, parent: string | null, label = ''): CommitLink => ({
  root,
  parent,
  label,
});
// a ← b ← c ← d, and e on its own.
const before = new Map(
  [node('a', null), node('b', 'a'), node('c', 'b'), node('d', 'c'), node('e', null)].map((n) => [
    n.root,
    n,
  ]),
);
const without = (...gone: string[]) => new Set([...before.keys()].filter((r) => !gone.includes(r)));

describe('the commit a view falls back to when its commit is deleted', () => {
  test('the parent when it survives, else the nearest surviving ancestor', () => {
    expect(survivingAncestor('d', before, without('d'))).toBe('c');
    expect(survivingAncestor('d', before, without('d', 'c'))).toBe('b');
    expect(survivingAncestor('d', before, without('d', 'c', 'b'))).toBe('a');
  });

  test('none when no ancestor survives, or the commit was a root, or unknown', () => {
    expect(survivingAncestor('b', before, without('a', 'b'))).toBeNull();
    expect(survivingAncestor('e', before, without('e'))).toBeNull();
    expect(survivingAncestor('zz', before, without())).toBeNull();
  });

  test('a cycle in a broken graph ends the walk', () => {
    const loop = new Map([
      ['x', { parent: 'y' }],
      ['y', { parent: 'x' }],
    ]);
    expect(survivingAncestor('x', loop, new Set())).toBeNull();
  });

  test('says which commit went and what is shown instead', () => {
    const gone = { root: '0x9af1c2d3e4f5', label: 'left' };
    expect(commitName(gone)).toBe('9af1c2d3 “left”');
    expect(commitName({ root: '0x1234567890', label: '' })).toBe('12345678');
    // A state committed twice under two labels is named by both.
    expect(commitName({ root: '0x9af1c2d3e4f5', label: 'left', labels: ['left', 'right'] })).toBe(
      '9af1c2d3 “left, right”',
    );
    expect(
      deletedCommitText(gone, {
        kind: 'commit',
        commit: node('0x1234abcd99', null, 'deployed'),
        parent: true,
      }),
    ).toBe('commit 9af1c2d3 “left” was deleted; showing its parent 1234abcd “deployed”.');
    expect(
      deletedCommitText(gone, {
        kind: 'commit',
        commit: node('0x1234abcd99', null),
        parent: false,
      }),
    ).toBe(
      'commit 9af1c2d3 “left” was deleted and its parent is gone too; showing its nearest surviving ancestor 1234abcd.',
    );
    expect(deletedCommitText(gone, { kind: 'live', session: 'scratch' })).toBe(
      'commit 9af1c2d3 “left” was deleted and none of its ancestors survives; showing the live session “scratch”.',
    );
    expect(deletedCommitText(gone, { kind: 'nothing' })).toBe(
      'commit 9af1c2d3 “left” was deleted and none of its ancestors survives: no memory to show.',
    );
  });
});
