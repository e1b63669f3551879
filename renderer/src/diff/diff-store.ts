/**
 * useDiffStore: the comparison the Diff view shows — two states (two commits, or a session and
 * its base commit), the contracts that differ with their changed pages, the page picked for the
 * side-by-side hex view (decoded once into the hex-diff row model), and the journal steps that
 * wrote that page. Responses that arrive after the user moved on are dropped.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type {
  ContractDiffView,
  ContractIdHex,
  JournalSource,
  PageWriters,
  PageWriterStep,
  SessionInfo,
  StateRef,
} from '../../../engine/api/types';
import { changedPageOrder, indexOfPage, neighbourPage } from './change-order';
import { bytesOfHex, createHexDiffModel, type HexDiffModel } from './hex-diff-model';
import { apiClient } from '../api/instance';
import { useNavigationStore } from '../common/navigation-store';
import { errorText, useCommitStore } from '../graph/commit-store';

export interface PageRef {
  contract: ContractIdHex;
  page: number;
}

export interface PageDiffData {
  before: Uint8Array;
  after: Uint8Array;
  model: HexDiffModel;
}

/** Which side of the diff the "written by" list follows. */
export type DiffSide = 'from' | 'to';

/** A journal step that wrote the open page, and the journal it is in. */
export interface WriterStep extends PageWriterStep {
  source: JournalSource;
}

export function sameRef(a: StateRef | null, b: StateRef | null): boolean {
  if (a === null || b === null) return a === b;
  return 'commit' in a
    ? 'commit' in b && a.commit === b.commit
    : 'session' in b && a.session === b.session;
}

export const useDiffStore = defineStore('diff', () => {
  const commits = useCommitStore();
  const from = ref<StateRef | null>(null);
  const to = ref<StateRef | null>(null);
  const contracts = shallowRef<ContractDiffView[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const sessions = shallowRef<SessionInfo[]>([]);

  const page = ref<PageRef | null>(null);
  const pageData = shallowRef<PageDiffData | null>(null);
  const pageLoading = ref(false);
  const pageError = ref<string | null>(null);

  /**
   * The steps that wrote the open page on the side the user follows: the journals from that
   * side back to the commit both sides share (the engine walks the lineage).
   */
  const writers = shallowRef<PageWriters | null>(null);
  const writersError = ref<string | null>(null);
  /** The side "written by" follows: the one where the page's contract is, else "to". */
  const writerSide = ref<DiffSide>('to');

  /** Which change of the page opened last the panel starts at. */
  const landingAt = ref<'first' | 'last'>('first');
  /** Every changed page, in the order listed: next/previous change go on across them. */
  const pageOrder = computed(() => changedPageOrder(contracts.value));
  const pagePosition = computed(() => ({
    index: indexOfPage(pageOrder.value, page.value),
    count: pageOrder.value.length,
  }));

  /** Past the open page's first or last change: the changed page before or after it. */
  function openNeighbour(direction: 1 | -1): Promise<void> | undefined {
    const next = neighbourPage(pageOrder.value, page.value, direction);
    if (next === undefined) return undefined;
    return openPage(next.contract, next.page, direction === 1 ? 'first' : 'last');
  }

  const totals = computed(() => {
    let added = 0;
    let removed = 0;
    let changed = 0;
    for (const c of contracts.value) {
      added += c.pagesAdded.length;
      removed += c.pagesRemoved.length;
      changed += c.pagesChanged.length;
    }
    return { added, removed, changed };
  });

  // Each request remembers the generation it was made in; a newer request makes it stale.
  let diffGeneration = 0;
  let pageGeneration = 0;

  async function compare(
    a: StateRef,
    b: StateRef,
    options: { openFirstPage?: boolean } = {},
  ): Promise<void> {
    const id = ++diffGeneration;
    pageGeneration++;
    from.value = a;
    to.value = b;
    contracts.value = [];
    page.value = null;
    pageData.value = null;
    writers.value = null;
    loading.value = true;
    error.value = null;
    try {
      const result = await apiClient().diff({ from: a, to: b });
      if (id !== diffGeneration) return;
      contracts.value = result;
      const first = result.find(
        (c) => c.pagesChanged.length + c.pagesAdded.length + c.pagesRemoved.length > 0,
      );
      if (options.openFirstPage !== false && first !== undefined) {
        const firstPage = [...first.pagesChanged, ...first.pagesAdded, ...first.pagesRemoved].sort(
          (x, y) => x - y,
        )[0];
        void openPage(first.contract, firstPage);
      }
    } catch (e) {
      if (id === diffGeneration) error.value = errorText(e);
    } finally {
      if (id === diffGeneration) loading.value = false;
    }
  }

  function swap(): Promise<void> | undefined {
    if (from.value === null || to.value === null) return undefined;
    return compare(to.value, from.value);
  }

  /**
   * Open a changed page; `landing` is the change the page panel starts at: its first, or its
   * last when "previous change" came back to it from the page after.
   */
  async function openPage(
    contract: ContractIdHex,
    pageNumber: number,
    landing: 'first' | 'last' = 'first',
  ): Promise<void> {
    const a = from.value;
    const b = to.value;
    if (a === null || b === null) return;
    const id = ++pageGeneration;
    page.value = { contract, page: pageNumber };
    landingAt.value = landing;
    // A contract on one side only was written on that side.
    const status = contracts.value.find((c) => c.contract === contract)?.status;
    writerSide.value = status === 'removed' ? 'from' : 'to';
    pageLoading.value = true;
    pageError.value = null;
    writers.value = null;
    writersError.value = null;
    try {
      const diff = await apiClient().pageDiff({ from: a, to: b, contract, page: pageNumber });
      if (id !== pageGeneration) return;
      const before = bytesOfHex(diff.before);
      const after = bytesOfHex(diff.after);
      pageData.value = { before, after, model: createHexDiffModel(before, after, diff.ranges) };
      void loadWriters(id);
    } catch (e) {
      if (id === pageGeneration) pageError.value = errorText(e);
    } finally {
      if (id === pageGeneration) pageLoading.value = false;
    }
  }

  async function loadWriters(id = pageGeneration): Promise<void> {
    const a = from.value;
    const b = to.value;
    const current = page.value;
    if (a === null || b === null || current === null) return;
    const side = writerSide.value;
    writers.value = null;
    writersError.value = null;
    try {
      const found = await apiClient().pageWriters({
        from: a,
        to: b,
        side,
        contract: current.contract,
        page: current.page,
      });
      if (id === pageGeneration && side === writerSide.value) writers.value = found;
    } catch (e) {
      if (id === pageGeneration && side === writerSide.value) writersError.value = errorText(e);
    }
  }

  /** Follow the other side's writers. */
  function showWritersOf(side: DiffSide): Promise<void> | undefined {
    if (side === writerSide.value) return undefined;
    writerSide.value = side;
    return loadWriters();
  }

  /** Asks the app to show the Steps view at a step that wrote the open page. */
  function openStep(writer: WriterStep): void {
    void useNavigationStore().handle({
      view: 'steps',
      source: writer.source,
      point: writer.point,
      contract: page.value?.contract,
      page: page.value?.page,
    });
  }

  /** Forgets the comparison (its states belong to a store file that is no longer open). */
  function reset(): void {
    diffGeneration++;
    pageGeneration++;
    from.value = null;
    to.value = null;
    contracts.value = [];
    page.value = null;
    pageData.value = null;
    writers.value = null;
    loading.value = false;
    pageLoading.value = false;
    error.value = null;
  }

  watch(
    () => commits.workspaceEpoch,
    () => {
      reset();
      void loadSessions();
    },
  );

  async function loadSessions(): Promise<void> {
    try {
      sessions.value = await apiClient().listSessions();
    } catch (e) {
      error.value = errorText(e);
    }
  }

  return {
    from,
    to,
    contracts,
    loading,
    error,
    sessions,
    page,
    pageData,
    pageLoading,
    pageError,
    writers,
    writersError,
    writerSide,
    landingAt,
    pagePosition,
    totals,
    compare,
    swap,
    openPage,
    openNeighbour,
    loadWriters,
    showWritersOf,
    openStep,
    loadSessions,
    reset,
  };
});
