// spec §1.4 `feeder_call`: the typed feeder call (FEED-1 as piecrust's feeder.rs writes it,
// `session.feeder_call::<_, ()>(…)`), beside the raw one that events.test.ts covers.
import { describe, expect, test } from 'vitest';
import { decode } from '../../engine/rkyv';
import { deploy, expectError, LIMIT, newVm, t } from './support';

describe('Session.feederCall', () => {
  test('encodes the argument, decodes the result and hands fed chunks over during the call', async () => {
    const s = (await newVm()).session();
    const feeder = deploy(s, 'feeder');
    const chunks: Uint8Array[] = [];
    const r = s.feederCall(feeder, 'feed_num', t.u32, 10, t.unit, LIMIT, (c) => chunks.push(c));
    expect(r.value).toBeNull();
    expect(r.data).toEqual(new Uint8Array(0));
    expect(r.gasLimit).toBe(LIMIT);
    expect(r.gasSpent).toBeGreaterThan(0n);
    expect(chunks.map((c) => decode(t.u32, c))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    // `feed_raw` chunks arrive as the contract wrote them: 4 little-endian bytes, not rkyv.
    const raw: number[][] = [];
    s.feederCall(feeder, 'feed_num_raw', t.u32, 3, t.unit, LIMIT, (c) => raw.push([...c]));
    expect(raw).toEqual([
      [0, 0, 0, 0],
      [1, 0, 0, 0],
      [2, 0, 0, 0],
    ]);
  });

  test('the feed ends with the call: a later plain call has none', async () => {
    const s = (await newVm()).session();
    const feeder = deploy(s, 'feeder');
    s.feederCall(feeder, 'feed_num', t.u32, 1, t.unit, LIMIT, () => {});
    expectError(() => s.call(feeder, 'feed_num', t.u32, 1, t.unit, LIMIT), 'MissingFeed');
  });

  test('a result that does not decode is a ValidationError after the chunks were fed', async () => {
    const s = (await newVm()).session();
    const feeder = deploy(s, 'feeder');
    const chunks: Uint8Array[] = [];
    expectError(
      () => s.feederCall(feeder, 'feed_num', t.u32, 2, t.u64, LIMIT, (c) => chunks.push(c)),
      'ValidationError',
    );
    expect(chunks).toHaveLength(2);
  });
});
