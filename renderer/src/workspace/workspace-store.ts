/**
 * The open store (workspace): its path, the recent list, the commits a session can be opened on
 * (newest first, a view of the commit store's one list) and the gas tables the engine meters
 * with. Opening or creating a store replaces everything; the form keeps the typed path when that
 * fails.
 */
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type {
  ApiError,
  CommitNode,
  GasTables,
  RootHex,
  WorkspaceInfo,
} from '../../../engine/api/types';
import { apiClient } from '../api/instance';
import { receiveAbi } from '../common/abi';
import { useCommitStore } from '../graph/commit-store';
import { labelsText } from '../common/lib/commit-labels';
import { toApiError } from '../common/lib/error-words';
import { shortId } from '../common/lib/hex';

export type WorkspaceTask = 'load' | 'open' | 'create' | 'close';

export const useWorkspaceStore = defineStore('workspace', () => {
  const info = ref<WorkspaceInfo | null>(null);
  const recent = ref<string[]>([]);
  /** The tables sessions can meter with, and the engine's default (null until it answers). */
  const gasTables = ref<GasTables | null>(null);
  const graph = useCommitStore();
  /** Commits for the "open session on" pickers, newest first. */
  const commits = computed(() => [...graph.nodes].sort((a, b) => b.createdAt - a.createdAt));
  const pathDraft = ref('');
  const task = ref<WorkspaceTask | null>(null);
  const error = ref<ApiError | null>(null);
  const connected = ref(false);

  // Every workspace info carries the engine's ABI sizes; the renderer reads them in common/abi.ts.
  watch(info, (next) => next !== null && receiveAbi(next.abi), { flush: 'sync' });

  const isMemory = computed(() => info.value === null || info.value.path === ':memory:');
  const commitByRoot = computed(() => graph.byRoot);

  /** A commit by its labels ("left, right"), by its short root without one; null is genesis. */
  function commitLabel(root: RootHex | null): string {
    if (root === null) return 'genesis';
    const node = commitByRoot.value.get(root);
    const labels = node === undefined ? '' : labelsText(node);
    return labels !== '' ? labels : shortId(root);
  }

  const refreshCommits = (): Promise<void> => graph.load();

  async function load(): Promise<void> {
    task.value = 'load';
    try {
      const api = apiClient();
      const [ws, rec, tables] = await Promise.all([
        api.workspace(),
        api.recentWorkspaces(),
        api.gasTables(),
      ]);
      info.value = ws;
      recent.value = rec;
      gasTables.value = tables;
      connected.value = true;
      error.value = null;
      await refreshCommits();
    } catch (e) {
      connected.value = false;
      error.value = toApiError(e);
    } finally {
      task.value = null;
    }
  }

  async function run(kind: 'open' | 'create', path: string): Promise<boolean> {
    const trimmed = path.trim();
    if (trimmed === '') {
      error.value = { code: 'InvalidInput', message: 'type the path of a store file', details: {} };
      return false;
    }
    task.value = kind;
    error.value = null;
    try {
      const api = apiClient();
      info.value =
        kind === 'open'
          ? await api.openWorkspace({ path: trimmed })
          : await api.newWorkspace({ path: trimmed });
      pathDraft.value = '';
      recent.value = await api.recentWorkspaces();
      // The commit list follows the workspaceChanged event the engine pushes for this switch.
      return true;
    } catch (e) {
      error.value = toApiError(e);
      return false;
    } finally {
      task.value = null;
    }
  }

  const open = (path = pathDraft.value): Promise<boolean> => run('open', path);
  const create = (path = pathDraft.value): Promise<boolean> => run('create', path);

  async function close(): Promise<void> {
    task.value = 'close';
    error.value = null;
    try {
      // The commit list follows the workspaceChanged event the engine pushes for this switch.
      info.value = await apiClient().closeWorkspace();
    } catch (e) {
      error.value = toApiError(e);
    } finally {
      task.value = null;
    }
  }

  // ------------------------------------------------------------ pushed events

  /** Info and recent here; the event router reloads the commit list. */
  function onWorkspaceChanged(next: WorkspaceInfo): void {
    info.value = next;
    void apiClient()
      .recentWorkspaces()
      .then((r) => (recent.value = r))
      .catch(() => undefined);
  }

  /** The commit counts in the info changed (a commit was made, deleted or finalized). */
  function refreshInfo(): void {
    void apiClient()
      .workspace()
      .then((w) => (info.value = w))
      .catch(() => undefined);
  }

  /** A commit made here: listed at once (an equal root is one commit), before its event. */
  function onCommitCreated(node: CommitNode): void {
    graph.noteCreated(node);
    refreshInfo();
  }

  function setConnected(value: boolean): void {
    connected.value = value;
  }

  return {
    info,
    recent,
    gasTables,
    commits,
    pathDraft,
    task,
    error,
    connected,
    isMemory,
    commitByRoot,
    commitLabel,
    load,
    open,
    create,
    close,
    refreshCommits,
    onWorkspaceChanged,
    onCommitCreated,
    refreshInfo,
    setConnected,
  };
});
