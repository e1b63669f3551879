/**
 * Sessions: the open ones (shown as tabs), which one is active, which are running a call, and the
 * gas of each session's last call. The Graph and Diff views read `activeSessionId` and `sessions` from here.
 * Committing ends a session (piecrust's commit consumes it); the store can continue in a new
 * session on the commit it produced (in the commit's gas table).
 *
 * The new-session form picks a gas table: the base commit's by default (a 0.19 history goes on in
 * 0.19), the engine's default on genesis; a table the user picks stays picked until a session opens.
 */
import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import type {
  ApiError,
  ApiEvents,
  CommitNode,
  GasTableName,
  RootHex,
  SessionInfo,
} from '../../../engine/api/types';
import { apiClient } from '../api/instance';
import { toApiError } from '../lib/error-words';
import { baseGasTable } from '../lib/gas-table';
import { without } from '../lib/records';
import { useUiStore } from './ui';
import { useWorkspaceStore } from './workspace';

export interface LastCall {
  fn: string;
  ok: boolean;
  gasSpent?: string;
  gasLimit: string;
  /** The table `gasSpent` is counted in. */
  gasTable?: GasTableName;
  errorCode?: string;
}

export interface RunningCall {
  fn: string;
  contract: string;
  since: number;
}

export const useSessionStore = defineStore('session', () => {
  const sessions = ref<SessionInfo[]>([]);
  const activeSessionId = ref<string | null>(null);
  const running = ref<Record<string, RunningCall>>({});
  const lastCall = ref<Record<string, LastCall>>({});
  const opening = ref(false);
  const error = ref<ApiError | null>(null);
  /** The new-session form, kept across failures; `gasTable` null: the base's (see draftGasTable). */
  const newDraft = reactive({
    name: '',
    base: null as RootHex | null,
    gasTable: null as GasTableName | null,
  });
  const commitDraft = reactive({ label: '', continueAfter: true });
  const committing = ref(false);
  const commitError = ref<ApiError | null>(null);

  const activeSession = computed(
    () => sessions.value.find((s) => s.id === activeSessionId.value) ?? null,
  );
  /** The table a session on the form's base gets unless one is picked. */
  const draftBaseGasTable = computed(() => {
    const workspace = useWorkspaceStore();
    return baseGasTable(newDraft.base, workspace.commitByRoot, workspace.gasTables?.default);
  });
  /** The table the form opens its session with. */
  const draftGasTable = computed(() => newDraft.gasTable ?? draftBaseGasTable.value);

  const activeRunning = computed(() =>
    activeSessionId.value === null ? undefined : running.value[activeSessionId.value],
  );

  function upsert(info: SessionInfo): void {
    const i = sessions.value.findIndex((s) => s.id === info.id);
    // Replace one element: keyed lists re-render only that row.
    if (i >= 0) sessions.value[i] = info;
    else sessions.value.push(info);
  }

  function removeLocal(id: string): void {
    const i = sessions.value.findIndex((s) => s.id === id);
    if (i < 0) return;
    sessions.value.splice(i, 1);
    running.value = without(running.value, id);
    if (activeSessionId.value === id) {
      const next = sessions.value[Math.min(i, sessions.value.length - 1)];
      activeSessionId.value = next?.id ?? null;
    }
  }

  async function refresh(): Promise<void> {
    const list = await apiClient().listSessions();
    sessions.value = list;
    if (activeSessionId.value === null || !list.some((s) => s.id === activeSessionId.value)) {
      activeSessionId.value = list[0]?.id ?? null;
    }
  }

  /**
   * Open a session. Without `base` it is the form's (base, name and gas table); with one, it
   * meters with `gasTable`, or with what the engine picks for that base (its recorded table).
   */
  async function open(
    options: { base?: RootHex | null; name?: string; gasTable?: GasTableName } = {},
  ): Promise<SessionInfo | undefined> {
    opening.value = true;
    error.value = null;
    try {
      const fromForm = options.base === undefined;
      const name = (options.name ?? newDraft.name).trim();
      const base = fromForm ? newDraft.base : options.base;
      const gasTable = fromForm ? draftGasTable.value : options.gasTable;
      const info = await apiClient().openSession({
        base,
        name: name === '' ? undefined : name,
        ...(gasTable === undefined ? {} : { gasTable }),
      });
      upsert(info);
      activeSessionId.value = info.id;
      newDraft.name = '';
      newDraft.gasTable = null;
      return info;
    } catch (e) {
      error.value = toApiError(e);
      return undefined;
    } finally {
      opening.value = false;
    }
  }

  function select(id: string): void {
    if (sessions.value.some((s) => s.id === id)) {
      activeSessionId.value = id;
      return;
    }
    // Opened elsewhere (the Graph view) and not announced yet: ask for the list.
    void refresh()
      .then(() => {
        if (sessions.value.some((s) => s.id === id)) activeSessionId.value = id;
      })
      .catch(() => undefined);
  }

  async function discard(id: string): Promise<void> {
    try {
      await apiClient().closeSession({ session: id });
      removeLocal(id);
    } catch (e) {
      useUiStore().notify('error', `Could not discard the session: ${toApiError(e).message}`);
    }
  }

  async function interrupt(id = activeSessionId.value): Promise<void> {
    if (id === null) return;
    try {
      await apiClient().interrupt({ session: id });
    } catch (e) {
      useUiStore().notify('error', `Could not interrupt: ${toApiError(e).message}`);
    }
  }

  async function commit(id = activeSessionId.value): Promise<CommitNode | undefined> {
    if (id === null) return undefined;
    const session = sessions.value.find((s) => s.id === id);
    committing.value = true;
    commitError.value = null;
    try {
      const label = commitDraft.label.trim();
      const node = await apiClient().commit({ session: id, label });
      useWorkspaceStore().onCommitCreated(node);
      removeLocal(id);
      commitDraft.label = '';
      if (commitDraft.continueAfter) await open({ base: node.root, name: session?.name ?? '' });
      useUiStore().notify('success', `Committed ${label === '' ? 'the session' : `“${label}”`}.`);
      return node;
    } catch (e) {
      commitError.value = toApiError(e);
      return undefined;
    } finally {
      committing.value = false;
    }
  }

  function recordCall(sessionId: string, call: LastCall): void {
    lastCall.value = { ...lastCall.value, [sessionId]: call };
  }

  // ------------------------------------------------------------ pushed events

  function onSessionChanged(info: SessionInfo): void {
    // Sessions opened elsewhere (a script, another window) join the tabs but do not take focus.
    upsert(info);
  }

  function onSessionClosed(event: ApiEvents['sessionClosed']): void {
    const session = sessions.value.find((s) => s.id === event.id);
    removeLocal(event.id);
    if (session !== undefined && event.reason.startsWith('interrupted')) {
      useUiStore().notify(
        'info',
        `Session “${session.name}” was interrupted and discarded; committed state is untouched.`,
      );
    }
  }

  function onCallProgress(event: ApiEvents['callProgress']): void {
    if (event.phase === 'started') {
      running.value = {
        ...running.value,
        [event.session]: { fn: event.fn, contract: event.contract, since: Date.now() },
      };
    } else if (running.value[event.session] !== undefined) {
      running.value = without(running.value, event.session);
    }
  }

  function reset(): void {
    sessions.value = [];
    activeSessionId.value = null;
    running.value = {};
    lastCall.value = {};
  }

  return {
    sessions,
    activeSessionId,
    running,
    lastCall,
    opening,
    error,
    newDraft,
    draftBaseGasTable,
    draftGasTable,
    commitDraft,
    committing,
    commitError,
    activeSession,
    activeRunning,
    refresh,
    open,
    select,
    discard,
    interrupt,
    commit,
    recordCall,
    onSessionChanged,
    onSessionClosed,
    onCallProgress,
    reset,
  };
});
