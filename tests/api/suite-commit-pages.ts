/**
 * The InspectorApi suite, continued (see suite.ts): the commit graph read in pieces
 * (`commitGraph({ after, limit })`), so that a client of a big history need not take every
 * commit in one answer. Without params it is the whole graph, as before.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ServiceOptions } from '../../engine/api/service';
import type { CommitNode, InspectorApi } from '../../engine/api/types';
import { rejection, type Connection } from './suite-support';

export function commitPageTests(connect: (options?: ServiceOptions) => Promise<Connection>): void {
  describe('the commit graph in pieces', () => commitPages(connect));
}

function commitPages(connect: (options?: ServiceOptions) => Promise<Connection>): void {
  let c: Connection;
  let api: InspectorApi;
  let all: CommitNode[];
  beforeAll(async () => {
    c = await connect();
    api = c.api;
    // A chain of 5 commits on a fresh in-memory workspace.
    const s = await api.openSession({});
    const deployed = await api.deploy({
      session: s.id,
      source: { kind: 'sample', name: 'counter' },
    });
    let head = (await api.commit({ session: s.id, label: 'c0' })).root;
    for (let i = 1; i < 5; i++) {
      const next = await api.openSession({ base: head });
      await api.call({ session: next.id, contract: deployed.contractId!, fn: 'increment' });
      head = (await api.commit({ session: next.id, label: `c${i}` })).root;
    }
    all = await api.commitGraph();
  });
  afterAll(async () => {
    await c.close();
  });

  test('pieces after the last root read, put together, are the whole graph in order', async () => {
    expect(all.map((n) => n.label)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    const pieces: CommitNode[][] = [];
    let after: string | undefined;
    for (;;) {
      const piece = await api.commitGraph({ ...(after === undefined ? {} : { after }), limit: 2 });
      if (piece.length === 0) break;
      pieces.push(piece);
      if (pieces.length > 10) throw new Error('over 10 pieces of 2: the limit is ignored');
      after = piece.at(-1)!.root;
    }
    expect(pieces.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pieces.flat()).toEqual(all);
    expect(await api.commitGraph({ after: all[2].root })).toEqual(all.slice(3));
    expect(await api.commitGraph({ limit: 1 })).toEqual(all.slice(0, 1));
  });

  test('an unknown after, or a limit below 1, is refused with the reason', async () => {
    const gone = 'ab'.repeat(32);
    expect(await rejection(api.commitGraph({ after: gone, limit: 2 }))).toMatchObject({
      code: 'InvalidInput',
      message: expect.stringContaining(`no commit ${gone}`),
    });
    expect(await rejection(api.commitGraph({ limit: 0 }))).toMatchObject({
      code: 'InvalidInput',
    });
  });
}
