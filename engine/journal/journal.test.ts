import { describe, expect, test } from 'vitest';
import { call, deploy, LIMIT, newVm, t, bytecode, OWNER } from '../../tests/scenarios/support';
import { encode } from '../rkyv';
import { decodeJournal, encodeJournal } from './codec';
import { deltaChanges, pageAt, stepsWriting } from './replay';
import type { PageSource } from './page-spill';
import { failedCallGasSpent } from '../vm/failed-call-gas';
import type { Session } from '../vm/session';

/** A session's journal pages, as the API reads them. */
const sessionPages = (s: Session): PageSource => ({ page: (h) => s.journalPages([h])[0] });

describe('call journal', () => {
  test('records every call, its frame boundaries and the bytes each segment changed', async () => {
    const vm = await newVm();
    const s = vm.session({ journal: true });
    const counter = deploy(s, 'counter');
    const center = deploy(s, 'callcenter');
    call(s, center, 'increment_counter', t.contractId, counter, t.unit);
    const journal = s.journal()!;
    expect(journal.calls.map((c) => [c.kind, c.fn])).toEqual([
      ['deploy', ''],
      ['deploy', ''],
      ['call', 'increment_counter'],
    ]);
    const icc = journal.calls[2];
    expect(icc.steps.map((st) => [st.kind, st.depth, st.contract, st.fn])).toEqual([
      ['enter', 0, center, 'increment_counter'],
      ['enter', 1, counter, 'increment'],
      ['exit', 1, counter, 'increment'],
      ['exit', 0, center, 'increment_counter'],
    ]);
    expect(icc.steps[2].ran).toBe(counter);
    expect(icc.steps[1].ran).toBe(center);
    // The counter's own segment changed its value from 0xfc to 0xfd.
    const counterDeltas = icc.steps[2].deltas.filter((d) => d.contract === counter);
    const bytes = counterDeltas.flatMap((d) =>
      deltaChanges(d, sessionPages(s)).map((c) => [c.before[0], c.after[0]]),
    );
    expect(bytes).toContainEqual([0xfc, 0xfd]);
    expect(icc.gasSpent).toBeGreaterThan(0n);
    expect(icc.steps[3].gas).toBe(icc.gasSpent);
  });

  test('a failed inter-contract call: its exit step carries the error and the revert', async () => {
    const vm = await newVm();
    const s = vm.session({ journal: true });
    const eventer = deploy(s, 'eventer');
    const reverter = deploy(s, 'event_reverter');
    const center = deploy(s, 'callcenter');
    call(
      s,
      center,
      'delegate_query_with_event',
      t.tuple(t.contractId, t.string, t.bytes),
      [reverter, 'emit_then_panic', encode(t.contractId, eventer)],
      t.result(t.bytes, t.contractError),
    );
    const steps = s.journal()!.calls.at(-1)!.steps;
    const failed = steps.find((st) => st.kind === 'exit' && st.error !== undefined)!;
    expect(failed.contract).toBe(reverter);
    expect(failed.error!.code).toBe('Panic');
    // The eventer's write inside the failed subtree is undone in the same step: net before = after.
    const eventerDelta = steps.flatMap((st) => st.deltas).filter((d) => d.contract === eventer);
    expect(eventerDelta.length).toBeGreaterThan(0);
    const emitted = steps.flatMap((st) => st.events);
    expect(emitted.map((e) => [e.topic, e.reverted])).toEqual([
      ['callcenter-before', false],
      ['number', true],
      ['callcenter-after', false],
    ]);
  });

  test('replaying deltas reproduces the memory at every step; the journal survives its commit', async () => {
    const vm = await newVm();
    const s = vm.session({ journal: true });
    const { contractId: counter } = s.deploy(bytecode('counter'), { owner: OWNER }, LIMIT);
    for (let i = 0; i < 3; i++) call(s, counter, 'increment', t.unit, null, t.unit);
    const journal = s.journal()!;
    const root = await s.commit();
    const stored = vm.journal(root)!;
    expect(encodeJournal(stored)).toEqual(encodeJournal(journal));
    expect(decodeJournal(encodeJournal(journal)).calls).toHaveLength(4);

    // Every page the journal touched, replayed to the end, equals the committed page.
    const zero = new Uint8Array(65536);
    const last = { call: journal.calls.length - 1, step: journal.calls.at(-1)!.steps.length - 1 };
    // The session is closed: its page versions are now the store's pages.
    const stores: PageSource = { page: (h) => vm.store.getPage(h) };
    for (const page of [0, 1]) {
      expect(pageAt(journal, last, counter, page, zero, stores)).toEqual(
        vm.pageBytes(root, counter, page),
      );
    }
    const writers = stepsWriting(journal, counter, 1);
    expect(writers.length).toBeGreaterThanOrEqual(3);
  });

  test('a failing top-level call is recorded with its error and leaves no memory change', async () => {
    const vm = await newVm();
    const s = vm.session({ journal: true });
    const id = deploy(s, 'fallible_counter');
    let thrown: unknown;
    try {
      call(s, id, 'increment', t.bool, true, t.unit);
    } catch (e) {
      thrown = e;
    }
    expect((thrown as Error).message).toContain('Incremental panic');
    const failed = s.journal()!.calls.at(-1)!;
    expect(failed.error?.code).toBe('Panic');
    // No receipt, yet gas was spent: the same figure as the error's, short of the limit.
    expect(failed.gasSpent).toBe(failedCallGasSpent(thrown));
    expect(failed.gasSpent).toBeGreaterThan(0n);
    expect(failed.gasSpent).toBeLessThan(LIMIT);
    // The increment it made before panicking is kept as a reverted write (0xfc → 0xfd).
    const reverted = failed.steps.at(-1)!.reverted ?? [];
    const bytes = reverted.flatMap((d) =>
      deltaChanges(d, sessionPages(s)).map((c) => [c.before[0], c.after[0]]),
    );
    expect(bytes).toContainEqual([0xfc, 0xfd]);
    const zero = new Uint8Array(65536);
    const before = { call: failed.index, step: -1 };
    const after = { call: failed.index, step: failed.steps.length - 1 };
    const pages = sessionPages(s);
    for (const page of [0, 1])
      expect(pageAt(s.journal()!, after, id, page, zero, pages)).toEqual(
        pageAt(s.journal()!, before, id, page, zero, pages),
      );
  });
});
