/**
 * useCommitStore: the commit graph of the open workspace, the page's one list of commits (the
 * workspace store's pickers are a view of it). It loads `commitGraph()`, stays live
 * on `commitCreated` / `commitsChanged` / `workspaceChanged` (routed here by app/event-router.ts;
 * events arriving together are applied in one batch), derives the lane layout, and holds what the user picked: up to two commits
 * (the first shows its details; two can be diffed) and a contract to highlight.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type {
  ApiEvents,
  CommitNode,
  ContractIdHex,
  RootHex,
  SessionInfo,
} from '../../../engine/api/types';
import { apiClient } from '../api/instance';
import { layoutLanes } from './lane-layout';
import { useNavigationStore } from '../common/navigation-store';

export interface ContractUsage {
  contract: ContractIdHex;
  commits: number;
}

export type CommitAction = 'deleting' | 'finalizing' | 'opening';

export function errorText(e: unknown): string {
  if (e instanceof Error)
    return 'code' in e && typeof e.code === 'string' ? `${e.message} (${e.code})` : e.message;
  return String(e);
}

export const useCommitStore = defineStore('commits', () => {
  const nodes = shallowRef<readonly CommitNode[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** Picked roots in order, at most two: the first shows its details, two can be diffed. */
  const selection = ref<RootHex[]>([]);
  const contractFilter = ref<ContractIdHex | null>(null);
  /** Bumped when another store file is opened: what referred to the old one is stale. */
  const workspaceEpoch = ref(0);
  /** Actions in flight per root (a delete waits until no session holds the commit). */
  const pending = ref<Record<RootHex, CommitAction>>({});

  const layout = computed(() => layoutLanes(nodes.value));
  const byRoot = computed(() => new Map(nodes.value.map((n) => [n.root, n])));
  const selectedNodes = computed(() => selection.value.flatMap((r) => byRoot.value.get(r) ?? []));

  const contracts = computed<ContractUsage[]>(() => {
    const counts = new Map<ContractIdHex, number>();
    for (const n of nodes.value)
      for (const c of n.contractsTouched) counts.set(c, (counts.get(c) ?? 0) + 1);
    return [...counts]
      .map(([contract, commits]) => ({ contract, commits }))
      .sort((a, b) => b.commits - a.commits || (a.contract < b.contract ? -1 : 1));
  });

  /** Per layout row: 1 when the commit touched the filtered contract; null without a filter. */
  const matches = computed<Uint8Array | null>(() => {
    const contract = contractFilter.value;
    if (contract === null) return null;
    const rows = layout.value.commits;
    const out = new Uint8Array(rows.length);
    for (let row = 0; row < rows.length; row++)
      if (rows[row].node.contractsTouched.includes(contract)) out[row] = 1;
    return out;
  });
  const matchRows = computed(() => {
    const m = matches.value;
    if (m === null) return [];
    const rows: number[] = [];
    m.forEach((v, row) => v === 1 && rows.push(row));
    return rows;
  });

  // ---------------------------------------------------------------- loading and live updates

  let created: CommitNode[] = [];
  let changes: Array<ApiEvents['commitsChanged']> = [];
  let flushQueued = false;

  function flush(): void {
    flushQueued = false;
    let next = [...nodes.value];
    if (created.length > 0) {
      // The list stays in the order commits arrived, which the lane layout keeps lanes stable
      // by: a commit already listed (its state committed again, under another label) is
      // updated where it is; only new ones are appended.
      const fresh = new Map(created.map((n) => [n.root, n]));
      next = next.map((n) => {
        const update = fresh.get(n.root);
        if (update === undefined) return n;
        fresh.delete(n.root);
        return update;
      });
      next.push(...fresh.values());
    }
    for (const change of changes) {
      if (change.reason === 'deleted') next = next.filter((n) => n.root !== change.root);
      else next = next.map((n) => (n.root === change.root ? { ...n, finalized: true } : n));
    }
    created = [];
    changes = [];
    nodes.value = next;
    pruneSelection();
  }

  function queue(): void {
    if (flushQueued) return;
    flushQueued = true;
    queueMicrotask(flush);
  }

  function pruneSelection(): void {
    // Nothing picked: no map of every root to build (100k commits: ~100 ms at first render).
    if (selection.value.length === 0) return;
    const known = byRoot.value;
    if (selection.value.some((r) => !known.has(r)))
      selection.value = selection.value.filter((r) => known.has(r));
  }

  let loads = 0;
  let inFlight: Promise<void> | null = null;

  /** Fetches the whole graph; when loads overlap, only the latest one's answer is kept. */
  function load(): Promise<void> {
    const mine = ++loads;
    loading.value = true;
    const run = (async () => {
      try {
        const graph = await apiClient().commitGraph();
        if (mine !== loads) return;
        nodes.value = graph;
        error.value = null;
        loaded.value = true;
        pruneSelection();
      } catch (e) {
        if (mine === loads) error.value = errorText(e);
      } finally {
        if (mine === loads) {
          loading.value = false;
          inFlight = null;
        }
      }
    })();
    inFlight = run;
    return run;
  }

  /** Loads unless the list is loaded or loading (it is then kept live by the events). */
  function ensureLoaded(): Promise<void> {
    if (inFlight !== null) return inFlight;
    return loaded.value ? Promise.resolve() : load();
  }

  // Pushed events, routed here by app/event-router.ts (the one subscriber to the API's events).

  function onCommitCreated(node: CommitNode): void {
    created.push(node);
    queue();
  }

  function onCommitsChanged(change: ApiEvents['commitsChanged']): void {
    changes.push(change);
    queue();
  }

  /** Another store file is open (opened here or elsewhere): what referred to the old one goes. */
  function onWorkspaceChanged(): Promise<void> {
    selection.value = [];
    contractFilter.value = null;
    workspaceEpoch.value++;
    return load();
  }

  // ---------------------------------------------------------------- selection

  /** Plain pick: this commit alone. Additive pick (Shift/Ctrl): toggle it, keeping at most two. */
  function select(root: RootHex, additive = false): void {
    const current = selection.value;
    if (!additive) selection.value = [root];
    else if (current.includes(root)) selection.value = current.filter((r) => r !== root);
    else selection.value = [...current.slice(-1), root];
  }

  function clearSelection(): void {
    selection.value = [];
  }

  // ---------------------------------------------------------------- actions

  async function withPending<T>(
    root: RootHex,
    action: CommitAction,
    run: () => Promise<T>,
  ): Promise<T> {
    pending.value = { ...pending.value, [root]: action };
    try {
      const result = await run();
      error.value = null;
      return result;
    } catch (e) {
      error.value = errorText(e);
      throw e;
    } finally {
      const { [root]: _done, ...rest } = pending.value;
      pending.value = rest;
    }
  }

  /** Opens a session on the commit and asks the app to show it (its calls view). */
  async function openSession(root: RootHex): Promise<SessionInfo> {
    const node = byRoot.value.get(root);
    if (node?.finalized === true)
      throw new Error('a finalized commit cannot be the base of a session');
    const session = await withPending(root, 'opening', () =>
      apiClient().openSession({ base: root }),
    );
    void useNavigationStore().handle({ view: 'calls', session: session.id });
    return session;
  }

  /** A commit this page made: listed now, not only when its event arrives. */
  function noteCreated(node: CommitNode): void {
    created.push(node);
    flush();
  }

  async function deleteCommit(root: RootHex): Promise<void> {
    await withPending(root, 'deleting', () => apiClient().deleteCommit({ root }));
    changes.push({ reason: 'deleted', root });
    flush();
  }

  async function finalizeCommit(root: RootHex): Promise<void> {
    await withPending(root, 'finalizing', () => apiClient().finalizeCommit({ root }));
    changes.push({ reason: 'finalized', root });
    flush();
  }

  return {
    nodes,
    loaded,
    loading,
    error,
    selection,
    contractFilter,
    pending,
    workspaceEpoch,
    layout,
    byRoot,
    selectedNodes,
    contracts,
    matches,
    matchRows,
    load,
    ensureLoaded,
    onCommitCreated,
    onCommitsChanged,
    onWorkspaceChanged,
    noteCreated,
    select,
    clearSelection,
    openSession,
    deleteCommit,
    finalizeCommit,
  };
});
