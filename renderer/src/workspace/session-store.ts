/**
 * Sessions: the open ones (shown as tabs), which one is active, which are running a call, and the
 * gas of each session's last call. The Graph and Diff views read `activeSessionId` and `sessions` from here.
 * Interrupting never costs a session by itself: a call that will not stop is put to the user
 * (`stuck`), who may terminate its thread, with or without re-creating the session's calls.
 * Committing ends a session (piecrust's commit consumes it); the store can continue in a new
 * session on the commit it produced (in the commit's gas table).
 *
 * The new-session form picks a gas table: the base commit's by default (a 0.19 history goes on in
 * 0.19), the engine's default on genesis; a table the user picks stays picked until a session opens.
 */
import { defineStore } from 'pinia';
import { computed, reactive, ref, watch } from 'vue';
import type {
  ApiError,
  ApiEvents,
  CommitNode,
  GasTableName,
  RootHex,
  SessionInfo,
} from '../../../engine/api/types';
import { apiClient } from '../api/instance';
import { toApiError } from '../common/lib/error-words';
import { isSessionGone, namedMessage } from '../common/lib/session-error-words';
import { plural } from '../common/lib/format';
import { recordedCounts } from '../common/lib/session-counts';
import { baseGasTable } from '../common/lib/gas-table';
import { without } from '../common/lib/records';
import { useUiStore } from '../common/ui-store';
import { useWorkspaceStore } from './workspace-store';

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

/** A call that did not stop when interrupted or past its time limit: what the user is asked. */
export interface StuckCall {
  session: string;
  /** The session's name when it got stuck. */
  name: string;
  fn: string;
  /** What asked it to stop, and how long ago (the grace, or the time limit and the grace). */
  reason: 'interrupt' | 'timeout';
  afterMs: number;
  /** Earlier calls a re-created session has again. */
  recreatable: number;
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
  const stuck = ref<StuckCall | null>(null);
  /** Set while the user's choice about a stuck call is being carried out. */
  const terminating = ref<'discard' | 'recreate' | null>(null);

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

  // The name of every session this page has seen, closed ones too: an error that comes after a
  // session ended names it by that name, never by its internal id.
  const seenNames = new Map<string, string>();

  /** A session's name from its id (open or closed since the page loaded), if ever seen. */
  function nameOf(id: string): string | undefined {
    return sessions.value.find((s) => s.id === id)?.name ?? seenNames.get(id);
  }

  const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
  /** An error's message for a toast, sessions named the user's way. */
  const messageOf = (e: unknown): string => namedMessage(toApiError(e), nameOf);

  function upsert(info: SessionInfo): void {
    seenNames.set(info.id, info.name);
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
    for (const s of list) seenNames.set(s.id, s.name);
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
      const error = toApiError(e);
      // Already ended elsewhere (another window, a script): there is nothing left to discard.
      if (isSessionGone(error)) {
        removeLocal(id);
        useUiStore().notify(
          'info',
          `${capitalised(namedMessage(error, nameOf))}: nothing to discard.`,
        );
      } else useUiStore().notify('error', `Could not discard the session: ${messageOf(e)}`);
    }
  }

  /** Stop the session's running call. Nothing running: nothing is done, nothing is asked. */
  async function interrupt(id = activeSessionId.value): Promise<void> {
    if (id === null) return;
    const call = running.value[id];
    if (call === undefined) return;
    try {
      const result = await apiClient().interrupt({ session: id });
      // Still running after the grace: ask before anything costs the session.
      if (result.outcome === 'stuck' && running.value[id] !== undefined) {
        stuck.value = {
          session: id,
          name: sessions.value.find((s) => s.id === id)?.name ?? 'this session',
          fn: call.fn,
          reason: 'interrupt',
          afterMs: result.graceMs ?? 0,
          recreatable: result.recreatable ?? 0,
        };
      }
    } catch (e) {
      useUiStore().notify('error', `Could not interrupt: ${messageOf(e)}`);
    }
  }

  /**
   * The user's answer about a stuck call: end its thread (the session is discarded) and, with
   * `recreate`, get the session back with its earlier calls.
   */
  async function terminateStuck(recreate: boolean): Promise<void> {
    const call = stuck.value;
    if (call === null || terminating.value !== null) return;
    terminating.value = recreate ? 'recreate' : 'discard';
    const ui = useUiStore();
    try {
      const result = await apiClient().terminateSession({ session: call.session, recreate });
      if (result.session !== undefined) {
        upsert(result.session);
        const replayed = recordedCounts(result.session);
        const left =
          result.skipped !== undefined && result.skipped > 0
            ? ` (${plural(result.skipped, 'interrupted call')} not run again)`
            : '';
        ui.notify(
          result.sameState === false ? 'error' : 'success',
          `Session “${call.name}” was terminated and re-created with its earlier ${replayed}${left}; ${call.fn || 'the deploy'}, which would not stop, is not in it.` +
            (result.sameState === false
              ? ' Its state differs from before that call: check it before you commit.'
              : ''),
          undefined,
          result.sameState === false ? 0 : undefined,
        );
      }
    } catch (e) {
      ui.notify('error', `Could not terminate the session: ${messageOf(e)}`);
    } finally {
      terminating.value = null;
      stuck.value = null;
    }
  }

  function keepWaiting(): void {
    if (terminating.value === null) stuck.value = null;
  }

  // The stuck call ended by itself (or its session went): nothing left to ask.
  watch(running, (now) => {
    const call = stuck.value;
    if (call !== null && terminating.value === null && now[call.session] === undefined)
      stuck.value = null;
  });

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
    // Only a terminate ends a session behind a call (an interrupt never does): say what went.
    if (session !== undefined && event.reason.startsWith('terminated')) {
      useUiStore().notify(
        'info',
        `Session “${session.name}” was terminated with its running call: its uncommitted calls are gone; committed state is untouched.`,
      );
    }
  }

  /** A call past its time limit that would not stop: asked like one that ignored an interrupt. */
  function onCallStuck(event: ApiEvents['callStuck']): void {
    if (stuck.value !== null || running.value[event.session] === undefined) return;
    stuck.value = {
      session: event.session,
      name: sessions.value.find((s) => s.id === event.session)?.name ?? 'a session',
      fn: event.fn,
      reason: 'timeout',
      afterMs: event.afterMs,
      recreatable: event.recreatable,
    };
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
    stuck,
    terminating,
    activeSession,
    activeRunning,
    nameOf,
    refresh,
    open,
    select,
    discard,
    interrupt,
    terminateStuck,
    keepWaiting,
    commit,
    recordCall,
    onSessionChanged,
    onSessionClosed,
    onCallProgress,
    onCallStuck,
    reset,
  };
});
