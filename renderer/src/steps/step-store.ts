/**
 * Stepping through a journal: a live session's or a commit's. The timeline (lib/step-nav) turns
 * the journal into points; the cursor is an index into it. For the point under the cursor the
 * store loads the step's detail and, for each page it changed, the bytes of the rows around the
 * changes before and after the step (step-pages.ts), so the view can show changed bytes in
 * context. A journal is
 * fetched as its call list without steps, and the steps of the calls shown or stepped to in
 * pieces (journal-pieces.ts): a session of 10,000 calls opens and jumps without its every step.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type {
  ApiError,
  JournalCallView,
  JournalSource,
  StepDetail,
  StepPoint,
} from '../../../engine/api/types';
import { apiClient } from '../api/instance';
import { toApiError } from '../common/lib/error-words';
import {
  indexOfPoint,
  move as moveIndex,
  pointOf,
  timelineOf,
  type BuiltTimeline,
  type Move,
} from './step-nav';
import { useSessionStore } from '../workspace/session-store';
import { mergePiece, pieceRange, piecesMissing } from './journal-pieces';
import { loadPageBytes, rowsQuery, shownPages, type PageBytes } from './step-pages';

/** 'auto' follows the active session (or its base commit while it has no calls yet). */
export type SourceChoice = 'auto' | JournalSource;

/** Moves closer together than this are a drag: the detail waits this long for the last one. */
const DETAIL_SETTLE_MS = 40;

function sameSource(a: JournalSource | null, b: JournalSource | null): boolean {
  if (a === null || b === null) return a === b;
  return 'session' in a
    ? 'session' in b && a.session === b.session
    : 'commit' in b && a.commit === b.commit;
}

export const useStepStore = defineStore('steps', () => {
  const sessions = useSessionStore();
  const choice = ref<SourceChoice>('auto');
  const journal = shallowRef<JournalCallView[]>([]);
  /** The source the loaded journal came from. */
  const loadedSource = shallowRef<JournalSource | null>(null);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  const index = ref(0);
  const detail = shallowRef<StepDetail | null>(null);
  const detailLoading = ref(false);
  const detailError = ref<ApiError | null>(null);
  const pages = shallowRef<PageBytes[]>([]);
  /**
   * The point `detail` and `pages` are of. While the cursor's point loads they still hold the
   * last one's, so the view can keep (hidden) what it shows and patch it in place.
   */
  const detailPoint = shallowRef<StepPoint | null>(null);
  /** A page to bring forward in the detail (set when the Diff view sends us here). */
  const focusPage = ref<{ contract: string; page: number } | null>(null);
  let detailSeq = 0;
  /** When the last step detail was asked for (performance.now()), to tell a drag from a jump. */
  let lastDetailAsk = -Infinity;
  /**
   * Pieces fetched or being fetched for the current list, by `from:to`: a live session's last
   * piece is asked for again once the session has recorded more calls into it.
   */
  let piecesLoading = new Map<string, Promise<void>>();
  /** Bumped whenever the list is replaced: a piece fetched for an older list is dropped. */
  let listGeneration = 0;
  /**
   * The call whose step detail is loading, and the merges of pieces holding it that arrived
   * meanwhile: such a piece is merged with the detail, in the same render. A jump then shows its
   * rows, the step and its pages in one frame, and the detail's requests do not wait behind the
   * rendering of the piece (measured as step_jump_ms, bench/scale-session.ts).
   */
  let detailCall: number | null = null;
  let heldMerges: Array<() => void> = [];
  let pendingPoint: StepPoint | null = null;
  let loadsStarted = 0;
  /** Loads started up to this count began before the pending point was asked for. */
  let pendingAfter = 0;

  const source = computed<JournalSource | null>(() => {
    if (choice.value !== 'auto') return choice.value;
    const s = sessions.activeSession;
    if (s === null) return null;
    if (s.calls === 0 && s.base !== null) return { commit: s.base };
    return { session: s.id };
  });

  /** The last timeline built: a piece merged in rebuilds only its calls' points (timelineOf). */
  let built: BuiltTimeline | undefined;
  const timeline = computed(() => {
    built = timelineOf(journal.value, built);
    return built.entries;
  });
  const current = computed(() => timeline.value[index.value] ?? null);
  const currentCall = computed(() =>
    current.value === null ? null : (journal.value[current.value.call] ?? null),
  );

  /** The loaded session's `recreations` when its journal was fetched (see newCallsFrom). */
  let loadedRecreations = 0;

  /**
   * Where a reload of the loaded live journal starts: past the calls it has when the session
   * only recorded more (a long session's reload then costs its new calls, not its history); 0
   * when its calls were replaced: the session was re-created since (its calls may be others,
   * as many or more), or it has fewer.
   */
  function newCallsFrom(src: JournalSource): number {
    if (!('session' in src)) return 0;
    const info = sessions.sessions.find((s) => s.id === src.session);
    const have = journal.value.length;
    if (info === undefined) return have;
    return info.recreations !== loadedRecreations || info.calls < have ? 0 : have;
  }

  async function load(): Promise<void> {
    const src = source.value;
    if (src === null) {
      journal.value = [];
      loadedSource.value = null;
      return;
    }
    const fresh = !sameSource(src, loadedSource.value);
    const from = fresh || error.value !== null ? 0 : newCallsFrom(src);
    const recreations =
      'session' in src
        ? (sessions.sessions.find((s) => s.id === src.session)?.recreations ?? 0)
        : 0;
    const known = journal.value;
    const started = ++loadsStarted;
    loading.value = true;
    error.value = null;
    try {
      // The call list only: each call's steps come in pieces, when shown (ensureCalls).
      const calls = await apiClient().journal(
        from === 0 ? { ...src, steps: false } : { ...src, from, steps: false },
      );
      if (!sameSource(src, source.value)) return; // the source changed while loading
      const wasAtEnd = index.value >= timeline.value.length - 1;
      // New to the view now, not when this load began: of two loads that began before the
      // journal was first shown, the later must not open it at the end over where the first
      // landed (a point asked for meanwhile).
      const shownFirst = !sameSource(src, loadedSource.value);
      journal.value =
        from === 0 ? calls : [...known.slice(0, from), ...calls.filter((c) => c.index >= from)];
      if (from === 0) {
        listGeneration++;
        piecesLoading = new Map();
      }
      loadedSource.value = src;
      loadedRecreations = recreations;
      const t = timeline.value;
      const point = pendingPoint;
      if (point !== null && started <= pendingAfter && !t.some((e) => e.call === point.call)) {
        // Fetched before the point was asked for, and without its call: fetch again.
        queueMicrotask(() => void load());
      } else if (point !== null) {
        index.value = indexOfPoint(t, point);
        pendingPoint = null;
      } else if (shownFirst || wasAtEnd) {
        // New journals open at the end: the state as it is now, ready to step back.
        index.value = Math.max(0, t.length - 1);
      }
      await loadDetail();
    } catch (e) {
      error.value = toApiError(e);
      journal.value = [];
      loadedSource.value = src;
    } finally {
      loading.value = false;
    }
  }

  /**
   * Fetch the steps of calls `first`..`last` (inclusive) that the list has without them, a piece
   * at a time; resolves when they are in. Each piece is asked for once per list.
   */
  async function ensureCalls(first: number, last: number): Promise<void> {
    const src = loadedSource.value;
    if (src === null) return;
    const generation = listGeneration;
    const waits = piecesMissing(journal.value, first, last).map((piece) => {
      const { from, to } = pieceRange(piece, journal.value.length);
      const key = `${from}:${to}`;
      const known = piecesLoading.get(key);
      if (known !== undefined) return known;
      const fetched = apiClient()
        .journal({ ...src, from, to })
        .then((calls) => {
          const merge = () => {
            if (generation === listGeneration && sameSource(src, loadedSource.value))
              journal.value = mergePiece(journal.value, calls);
          };
          if (detailCall === null || detailCall < from || detailCall >= to) return merge();
          return new Promise<void>((resolve) =>
            heldMerges.push(() => {
              merge();
              resolve();
            }),
          );
        })
        .catch(() => {
          // Asked again next time it is needed; its rows stay pending meanwhile.
          if (generation === listGeneration) piecesLoading.delete(key);
        });
      piecesLoading.set(key, fetched);
      return fetched;
    });
    await Promise.all(waits);
  }

  /** Merge the pieces held for the detail that was loading (see detailCall). */
  function mergeHeld(): void {
    detailCall = null;
    const merges = heldMerges;
    heldMerges = [];
    for (const merge of merges) merge();
  }

  async function loadDetail(): Promise<void> {
    const seq = ++detailSeq;
    const entry = current.value;
    const src = loadedSource.value;
    detailError.value = null;
    mergeHeld(); // the last detail's are not held any longer
    if (entry !== null && src !== null && entry.step >= 0) detailCall = entry.call;
    // The call's own steps (its detail shows them) and those of its neighbours, to step through.
    if (entry !== null) void ensureCalls(entry.call - 1, entry.call + 1);
    if (entry === null || src === null || entry.step < 0) {
      detail.value = null;
      pages.value = [];
      detailPoint.value = null;
      return;
    }
    detailLoading.value = true;
    try {
      // Slider drags fire many moves: only the last one's detail matters. A move after a pause
      // (a jump, a click) asks at once; one right after another waits to see if more follow.
      const now = performance.now();
      const rapid = now - lastDetailAsk < DETAIL_SETTLE_MS;
      lastDetailAsk = now;
      if (rapid) await new Promise((r) => setTimeout(r, DETAIL_SETTLE_MS));
      if (seq !== detailSeq) return;
      // The detail comes with its shown pages' bytes (one request: step_jump_ms,
      // bench/scale-session.ts, waited for a second one in a row before).
      const d = await apiClient().stepDetail({
        ...src,
        call: entry.call,
        step: entry.step,
        rows: rowsQuery(focusPage.value),
      });
      if (seq !== detailSeq) return;
      // The detail and its pages' bytes are shown together, in one render: a jump then costs the
      // page one frame for them, not one for the detail and another for its pages (each frame
      // delays the next reply; measured as step_jump_ms, bench/scale-session.ts).
      const point = pointOf(entry);
      const loaded = await loadPageBytes(
        src,
        point,
        shownPages(d, focusPage.value),
        sessions.nameOf,
        d.rows,
      );
      if (seq !== detailSeq) return;
      detail.value = d;
      pages.value = loaded;
      detailPoint.value = point;
    } catch (e) {
      if (seq === detailSeq) {
        detail.value = null;
        pages.value = [];
        detailPoint.value = null;
        detailError.value = toApiError(e);
      }
    } finally {
      if (seq === detailSeq) {
        detailLoading.value = false;
        mergeHeld();
      }
    }
  }

  function goTo(i: number): void {
    const n = timeline.value.length;
    if (n === 0) return;
    const next = Math.max(0, Math.min(n - 1, i));
    if (next === index.value && detail.value !== null) return;
    index.value = next;
    void loadDetail();
  }

  function move(how: Move): void {
    goTo(moveIndex(timeline.value, index.value, how));
  }

  function setChoice(next: SourceChoice): void {
    choice.value = next;
  }

  /** Show a point of a journal (from the Diff or Graph view, or a call in the Calls view). */
  function goToPoint(
    point: StepPoint,
    src?: JournalSource,
    page?: { contract: string; page: number },
  ): void {
    focusPage.value = page ?? null;
    pendingAfter = loadsStarted;
    if (src !== undefined && !sameSource(src, source.value)) {
      pendingPoint = point;
      choice.value = src;
      return; // the source watcher loads it
    }
    // A live session's journal may have grown since it was loaded (a script step just ran):
    // a call it does not hold yet is fetched first.
    const known = timeline.value.some((e) => e.call === point.call);
    if (loadedSource.value === null || loading.value || !known) {
      pendingPoint = point;
      if (!loading.value) void load();
      return;
    }
    goTo(indexOfPoint(timeline.value, point));
  }

  // Reload when the source changes, and when the followed session records calls.
  watch(source, (next, before) => {
    if (!sameSource(next, before)) void load();
  });
  watch(
    () => {
      const src = source.value;
      if (src === null || !('session' in src)) return null;
      const info = sessions.sessions.find((s) => s.id === src.session);
      return info === undefined
        ? null
        : { session: src.session, calls: info.calls, recreations: info.recreations };
    },
    (now, before) => {
      // Only other calls in the same session (more, or replaced by a re-creation): a new source
      // is the watcher above's to load (two loads of one new source would both open at the
      // end, losing a point asked for).
      if (
        now !== null &&
        now.session === before?.session &&
        (now.calls !== before.calls || now.recreations !== before.recreations)
      )
        void load();
    },
  );
  // A chosen session that ended: fall back to following the active one.
  watch(
    () => sessions.sessions.map((s) => s.id).join(','),
    () => {
      const c = choice.value;
      if (c !== 'auto' && 'session' in c && !sessions.sessions.some((s) => s.id === c.session))
        choice.value = 'auto';
    },
  );

  return {
    choice,
    journal,
    loadedSource,
    loading,
    error,
    index,
    detail,
    detailPoint,
    detailLoading,
    detailError,
    pages,
    focusPage,
    source,
    timeline,
    current,
    currentCall,
    load,
    loadDetail,
    ensureCalls,
    goTo,
    move,
    setChoice,
    goToPoint,
  };
});
