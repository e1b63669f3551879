/**
 * The Profile view's state: the gas profiles this page made (Calls → Profile, Steps → Profile
 * this call), newest first, the one shown, the search text the flame graph and the table share,
 * the two profiles compared and their diff, and exports. The engine keeps each profile under an
 * id (its newest 64), so a diff or an export sends only ids. Profiles belong to one engine and
 * one store: app/event-router.ts forgets them on a workspace switch or an engine restart.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type {
  ApiError,
  CallRequest,
  JournalSource,
  CallResult,
  ProfileDiffView,
  ProfileFormat,
  ProfileView,
} from '../../../engine/api/types';
import { apiClient } from '../api/instance';
import { toApiError } from '../common/lib/error-words';
import { formatGas } from '../common/lib/format';
import { useNavigationStore } from '../common/navigation-store';
import { saveText } from './save-text';

/** As many as the engine keeps (engine/api/profile-keeper.ts): an older id is gone there too. */
export const KEPT_PROFILES = 64;

export type ProfileMode = 'profile' | 'diff';

export const useProfileStore = defineStore('profile', () => {
  const profiles = shallowRef<ProfileView[]>([]);
  /**
   * Where a profile made from Calls is in its session's journal (`call #3`): the engine labels it
   * by function only, and two calls of one function must be told apart in the pickers.
   */
  const places = ref<Record<string, string>>({});
  const selectedId = ref<string | null>(null);
  const mode = ref<ProfileMode>('profile');
  const search = ref('');
  /** A recorded call being profiled again. */
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  const diffA = ref<string | null>(null);
  const diffB = ref<string | null>(null);
  const diff = shallowRef<ProfileDiffView | null>(null);
  const diffLoading = ref(false);
  const diffError = ref<ApiError | null>(null);
  const exporting = ref<ProfileFormat | null>(null);
  const exportError = ref<ApiError | null>(null);
  let diffSeq = 0;

  const selected = computed<ProfileView | null>(
    () => profiles.value.find((p) => p.id === selectedId.value) ?? profiles.value[0] ?? null,
  );
  const profileA = computed(() => byId(diffA.value));
  const profileB = computed(() => byId(diffB.value));

  function byId(id: string | null): ProfileView | null {
    return id === null ? null : (profiles.value.find((p) => p.id === id) ?? null);
  }

  /** A profile as the pickers list it: label, place, gas. */
  function optionLabel(p: ProfileView): string {
    const place = places.value[p.id];
    return `${p.label}${place === undefined ? '' : ` (${place})`} · ${formatGas(p.gasSpent)} gas`;
  }

  function has(id: string | undefined): boolean {
    return id !== undefined && byId(id) !== null;
  }

  /** A new profile: first in the list, and shown. */
  function add(profile: ProfileView): void {
    profiles.value = [profile, ...profiles.value.filter((p) => p.id !== profile.id)].slice(
      0,
      KEPT_PROFILES,
    );
    selectedId.value = profile.id;
    error.value = null;
    exportError.value = null;
  }

  /**
   * Calls → Profile: the call itself, profiled (a CallRunner for calls/call-store.ts's `call`,
   * so its result is recorded and shown as any call's). Errors go to the caller, as a call's.
   */
  async function profileCall(req: CallRequest): Promise<{ result: CallResult; profileId: string }> {
    const { result, profile } = await apiClient().profileCall(req);
    if (result.journalIndex >= 0)
      places.value = { ...places.value, [profile.id]: `call #${result.journalIndex}` };
    add(profile);
    return { result, profileId: profile.id };
  }

  /**
   * Steps → Profile this call: a call a journal recorded, run again profiled on the state it
   * started from (nothing changes); shown in the Profile view with whether it spent the gas the
   * journal recorded.
   */
  async function profileRecorded(source: JournalSource, call: number): Promise<void> {
    mode.value = 'profile';
    useNavigationStore().show('profile');
    loading.value = true;
    error.value = null;
    try {
      add(await apiClient().profileJournalCall({ ...source, call }));
    } catch (e) {
      error.value = toApiError(e);
    } finally {
      loading.value = false;
    }
  }

  function select(id: string): void {
    selectedId.value = id;
    exportError.value = null;
  }

  /** Show a profile in the Profile view (the result panel's "Open profile"). */
  function open(id: string): void {
    select(id);
    mode.value = 'profile';
    useNavigationStore().show('profile');
  }

  /** B − A of two kept profiles; an answer to an earlier pick is dropped. */
  async function compare(a: string, b: string): Promise<void> {
    diffA.value = a;
    diffB.value = b;
    const seq = ++diffSeq;
    diffLoading.value = true;
    diffError.value = null;
    try {
      const answer = await apiClient().profileDiff({ a, b });
      if (seq === diffSeq) diff.value = answer;
    } catch (e) {
      if (seq === diffSeq) {
        diff.value = null;
        diffError.value = toApiError(e);
      }
    } finally {
      if (seq === diffSeq) diffLoading.value = false;
    }
  }

  /**
   * The diff tab: the pair picked before, else the two newest profiles (the newest as B: "what
   * changed since the one before").
   */
  async function openDiff(): Promise<void> {
    mode.value = 'diff';
    const list = profiles.value;
    const a = byId(diffA.value)?.id ?? list[1]?.id;
    const b = byId(diffB.value)?.id ?? list[0]?.id;
    if (a === undefined || b === undefined) return;
    if (diff.value === null || diff.value.a !== a || diff.value.b !== b) await compare(a, b);
  }

  function swap(): Promise<void> {
    if (diffA.value === null || diffB.value === null) return Promise.resolve();
    return compare(diffB.value, diffA.value);
  }

  /** The selected profile as a file (folded stacks or speedscope), saved under the engine's name. */
  async function exportProfile(format: ProfileFormat): Promise<void> {
    const profile = selected.value;
    if (profile === null) return;
    exporting.value = format;
    exportError.value = null;
    try {
      const file = await apiClient().exportProfile({ id: profile.id, format });
      saveText(file.fileName, file.text, format === 'speedscope' ? 'application/json' : undefined);
    } catch (e) {
      exportError.value = toApiError(e);
    } finally {
      exporting.value = null;
    }
  }

  /** Another engine or store: its profile ids mean nothing here. */
  function reset(): void {
    profiles.value = [];
    places.value = {};
    selectedId.value = null;
    mode.value = 'profile';
    search.value = '';
    loading.value = false;
    error.value = null;
    diffA.value = null;
    diffB.value = null;
    diff.value = null;
    diffSeq++;
    diffLoading.value = false;
    diffError.value = null;
    exportError.value = null;
  }

  return {
    profiles,
    selectedId,
    selected,
    mode,
    search,
    loading,
    error,
    diffA,
    diffB,
    profileA,
    profileB,
    diff,
    diffLoading,
    diffError,
    exporting,
    exportError,
    optionLabel,
    has,
    add,
    profileCall,
    profileRecorded,
    select,
    open,
    compare,
    openDiff,
    swap,
    export: exportProfile,
    reset,
  };
});
