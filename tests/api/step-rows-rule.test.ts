/**
 * The rows the engine sends with a step's detail (engine/api/step-rows.ts) are the rows the Steps
 * view shows (renderer/src/steps/byte-diff.ts): the view uses the bytes sent only when they cover
 * its rows, so the two rules must agree, or every jump asks `pageAtStep` again.
 */
import { describe, expect, test } from 'vitest';
import { changedRowsSpan, chosenPages } from '../../engine/api/step-rows';
import {
  SHOWN_ROWS,
  changedInRanges,
  contextRows,
  rowsSpan,
} from '../../renderer/src/steps/byte-diff';
import { receiveAbi } from '../../renderer/src/common/abi';
import { rowsQuery, shownPages } from '../../renderer/src/steps/step-pages';
import { TEST_ABI } from '../../renderer/testing/abi';

const PAGE = 65536;
const hex = (bytes: Uint8Array) => '0x' + Buffer.from(bytes).toString('hex');

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Changed ranges of a page: some bytes equal before and after (a range may hold such). */
function someChanges(next: () => number) {
  const changes = [];
  const clustered = next() < 0.5; // near each other, or anywhere in the page
  const origin = Math.floor(next() * PAGE);
  for (let n = 1 + Math.floor(next() * 40); n > 0; n--) {
    const length = 1 + Math.floor(next() * 24);
    const at = clustered ? origin + Math.floor(next() * 2000) : Math.floor(next() * PAGE);
    const offset = Math.min(PAGE - length, at);
    const before = Uint8Array.from({ length }, () => Math.floor(next() * 4));
    const after = before.map((b) => (next() < 0.6 ? b : b + 1));
    changes.push({ offset, before, after });
  }
  return changes;
}

describe("a step's rows: the engine's rule and the Steps view's", () => {
  test('the span sent is the span of the rows the view shows, change set after change set', () => {
    const next = random(7);
    for (let round = 0; round < 500; round++) {
      const changes = someChanges(next);
      const view = changes.map((c) => ({ ...c, before: hex(c.before), after: hex(c.after) }));
      const shown = rowsSpan(contextRows(changedInRanges(view), PAGE).rows);
      expect(changedRowsSpan(changes, SHOWN_ROWS, PAGE)).toEqual(shown);
    }
  });

  test('other row sizes, context and caps agree too', () => {
    const next = random(11);
    for (let round = 0; round < 300; round++) {
      const changes = someChanges(next);
      const view = changes.map((c) => ({ ...c, before: hex(c.before), after: hex(c.after) }));
      const rule = {
        // Sizes that divide the page (the engine keeps a last partial row within it; the view's
        // rows are 16 bytes).
        rowBytes: [1, 8, 16, 64, 256][Math.floor(next() * 5)],
        context: Math.floor(next() * 4),
        maxRows: 1 + Math.floor(next() * 40),
      };
      const { rowBytes, context, maxRows } = rule;
      const rows = contextRows(changedInRanges(view), PAGE, rowBytes, context, maxRows).rows;
      expect(changedRowsSpan(changes, rule, PAGE)).toEqual(rowsSpan(rows, rowBytes));
    }
  });

  test('a change whose bytes are all equal before and after shows no row, and none is sent', () => {
    const same = Uint8Array.of(1, 2, 3);
    expect(changedRowsSpan([{ offset: 40, before: same, after: same }], SHOWN_ROWS, PAGE)).toEqual({
      offset: 0,
      length: 0,
    });
  });

  test('the pages sent are the pages shown: the focused one first, as many as asked', () => {
    const deltas = [0, 3, 5, 9, 12, 14].map((page) => ({
      contract: page % 2 === 0 ? 'aa' : 'bb',
      page,
      changes: [{ offset: 8, before: '0x00', after: '0x01' }],
    }));
    const detail = { step: {} as never, deltas, reverted: [] };
    receiveAbi(TEST_ABI); // as the app has them from the workspace info
    for (const focus of [null, { contract: 'aa', page: 14 }, { contract: 'bb', page: 14 }]) {
      const query = rowsQuery(focus);
      const sent = chosenPages(deltas, query).map((d) => `${d.contract}:${d.page}`);
      const shown = shownPages(detail, focus).map((p) => `${p.delta.contract}:${p.delta.page}`);
      expect(sent).toEqual(shown);
    }
  });
});
