// spec §9.11, §9.12, §9.14 (piecrust tests/event_reverter.rs, eventer.rs, feeder.rs)
import { describe, expect, test } from 'vitest';
import { decode } from '../../engine/rkyv';
import { call, deploy, expectError, LIMIT, newVm, receipt, t } from './support';
import { encode } from '../../engine/rkyv';

describe('events', () => {
  test('EVREV-1 reverted_icc_marks_events', async () => {
    const s = (await newVm()).session();
    const eventer = deploy(s, 'eventer');
    const reverter = deploy(s, 'event_reverter');
    const center = deploy(s, 'callcenter');
    expect(call(s, eventer, 'read_value', t.unit, null, t.u32)).toBe(0);
    const r = receipt(
      s,
      center,
      'delegate_query_with_event',
      t.tuple(t.contractId, t.string, t.bytes),
      [reverter, 'emit_then_panic', encode(t.contractId, eventer)],
      t.result(t.bytes, t.contractError),
    );
    expect(r.value).toEqual({ err: { panic: 'event reverter panic' } });
    expect(call(s, eventer, 'read_value', t.unit, null, t.u32)).toBe(0);
    expect(r.events.map((e) => [e.source, e.topic, e.reverted])).toEqual([
      [center, 'callcenter-before', false],
      [eventer, 'number', true],
      [center, 'callcenter-after', false],
    ]);
  });

  test('EVENT-1 vm_center_events (emit and emit_raw)', async () => {
    const s = (await newVm()).session();
    const eventer = deploy(s, 'eventer');
    for (const fn of ['emit_events', 'emit_events_raw']) {
      const r = receipt(s, eventer, fn, t.u32, 5, t.unit);
      expect(r.events).toHaveLength(5);
      r.events.forEach((e, i) => {
        expect(e.reverted).toBe(false);
        expect(e.source).toBe(eventer);
        expect(e.topic).toBe('number');
        expect(decode(t.u32, e.data)).toBe(i);
        expect(e.data.length).toBe(4);
      });
    }
  });

  test('EVENT-2 event_costs grow linearly with the data (4 gas per byte)', async () => {
    const s = (await newVm()).session();
    const eventer = deploy(s, 'eventer');
    call(s, eventer, 'emit_input', t.bytes, new Uint8Array(100).fill(1), t.tuple(t.u64, t.u64));
    const costs: bigint[] = [];
    for (let size = 4; size <= 40; size += 4) {
      const [before, after] = call(
        s,
        eventer,
        'emit_input',
        t.bytes,
        new Uint8Array(size).fill(1),
        t.tuple(t.u64, t.u64),
      );
      costs.push(after - before);
    }
    const diffs = costs.slice(1).map((c, i) => c - costs[i]);
    expect(new Set(diffs).size).toBe(1);
    expect(diffs[0]).toBeGreaterThanOrEqual(16n);
  });

  test('events of a failed top-level call are marked reverted and reach the next receipt', async () => {
    const s = (await newVm()).session();
    const reverter = deploy(s, 'event_reverter');
    const eventer = deploy(s, 'eventer');
    expectError(
      () => call(s, reverter, 'emit_then_panic', t.contractId, eventer, t.unit),
      'Panic',
      'event reverter panic',
    );
    const next = receipt(s, eventer, 'emit_events', t.u32, 1, t.unit);
    expect(next.events.map((e) => e.reverted)).toEqual([true, false]);
  });
});

describe('feeder', () => {
  test('FEED-1 feed (rkyv and raw)', async () => {
    const s = (await newVm()).session();
    const feeder = deploy(s, 'feeder');
    for (const fn of ['feed_num', 'feed_num_raw']) {
      const chunks: Uint8Array[] = [];
      s.feederCallRaw(feeder, fn, encode(t.u32, 10), LIMIT, (c) => chunks.push(c));
      expect(chunks.map((c) => decode(t.u32, c))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
  });

  test('FEED-2 feed_errors_when_normal_call', async () => {
    const s = (await newVm()).session();
    const feeder = deploy(s, 'feeder');
    expectError(() => call(s, feeder, 'feed_num', t.u32, 10, t.unit), 'MissingFeed');
  });

  test('FEED-3 feed_out_of_gas', async () => {
    const s = (await newVm()).session();
    const feeder = deploy(s, 'feeder');
    expectError(
      () => s.feederCallRaw(feeder, 'feed_num', encode(t.u32, 100), 1000n, () => {}),
      'OutOfGas',
    );
  });

  test('a feeder that throws pulls the feed', async () => {
    const s = (await newVm()).session();
    const feeder = deploy(s, 'feeder');
    expectError(
      () =>
        s.feederCallRaw(feeder, 'feed_num', encode(t.u32, 3), LIMIT, () => {
          throw new Error('receiver gone');
        }),
      'FeedPulled',
    );
  });
});
