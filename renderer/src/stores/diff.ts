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
  SessionInfo,
  StateRef,
  StepPoint,
} from '../../../engine/api/types';
import { bytesOfHex, createHexDiffModel, type HexDiffModel } from '../diff/hex-diff-model';
import { apiClient } from '../api/instance';
import { requestNavigation } from '../graph/navigate';
import { errorText, useCommitStore } from './commits';

export interface PageRef {
  contract: ContractIdHex;
  page: number;
}

export interface PageDiffData {
  before: Uint8Array;
  after: Uint8Array;
  model: HexDiffModel;
}

/** A journal step that wrote the open page, with names from the journal when it could be read. */
export interface WriterStep {
  point: StepPoint;
  callFn?: string;
  stepKind?: 'enter' | 'exit';
  stepFn?: string;
  contract?: ContractIdHex;
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

  const writers = shallowRef<WriterStep[] | null>(null);
  const writersError = ref<string | null>(null);

  /**
   * Whose journal explains the change: the live session when one side is a session, else the
   * later of the two commits (its journal holds the calls made since its own parent).
   */
  const journalSource = computed<JournalSource | null>(() => {
    const a = from.value;
    const b = to.value;
    if (a === null || b === null) return null;
    if ('session' in b) return { session: b.session };
    if ('session' in a) return { session: a.session };
    const ta = commits.byRoot.get(a.commit)?.createdAt ?? 0;
    const tb = commits.byRoot.get(b.commit)?.createdAt ?? 0;
    return { commit: ta > tb ? a.commit : b.commit };
  });

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

  async function openPage(contract: ContractIdHex, pageNumber: number): Promise<void> {
    const a = from.value;
    const b = to.value;
    if (a === null || b === null) return;
    const id = ++pageGeneration;
    page.value = { contract, page: pageNumber };
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
    const source = journalSource.value;
    const current = page.value;
    if (source === null || current === null) return;
    try {
      const api = apiClient();
      const [points, journal] = await Promise.all([
        api.stepsWritingPage({ ...source, contract: current.contract, page: current.page }),
        api.journal(source).catch(() => null), // names only: the list works without them
      ]);
      if (id !== pageGeneration) return;
      writers.value = points.map((point) => {
        const call = journal?.[point.call];
        const step = call?.steps[point.step];
        return {
          point,
          callFn: call?.fn,
          stepKind: step?.kind,
          stepFn: step?.fn,
          contract: step?.contract,
        };
      });
    } catch (e) {
      if (id === pageGeneration) writersError.value = errorText(e);
    }
  }

  /** Asks the app to show the Steps view at a step that wrote the open page. */
  function openStep(point: StepPoint): void {
    const source = journalSource.value;
    if (source === null) return;
    requestNavigation({
      view: 'steps',
      source,
      point,
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
    journalSource,
    totals,
    compare,
    swap,
    openPage,
    loadWriters,
    openStep,
    loadSessions,
    reset,
  };
});
