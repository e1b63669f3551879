/**
 * useContractNamesStore: the names given to contracts (issue 12), as the engine stores them beside
 * the state — one map for every session and commit of the open store file. Loaded when the app
 * starts and when another store file is opened (`load`), kept current by the engine's
 * `contractChanged` event (routed here by app/event-router.ts) and by the contract lists the
 * Calls view fetches; renamed through `rename`. Every view writes a contract through `label`
 * (or components/ContractLabel.vue), so a name shows wherever its contract does.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ApiError, ApiEvents, ContractIdHex, ContractInfo } from '../../../engine/api/types';
import { apiClient } from '../api/instance';
import { toApiError } from './lib/error-words';
import { contractLabel } from './lib/contract-label';
import { without } from './lib/records';

/** Ids as the engine writes them: 64 lowercase hex digits, no 0x. */
function keyOf(id: string): string {
  return id.replace(/^0x/i, '').toLowerCase();
}

export const useContractNamesStore = defineStore('contractNames', () => {
  const names = ref<Record<ContractIdHex, string>>({});
  const error = ref<ApiError | null>(null);
  /** The contract being renamed, while the engine answers. */
  const renaming = ref<ContractIdHex | null>(null);
  /** The last rename the engine refused, with the contract it was for. */
  const renameError = ref<{ contract: ContractIdHex; error: ApiError } | null>(null);
  // A load overtaken by another (a second store file opened quickly) must not win.
  let loadRun = 0;

  function set(contract: string, name: string | undefined): void {
    const key = keyOf(contract);
    if (name === undefined || name === '') {
      if (names.value[key] !== undefined) names.value = without(names.value, key);
    } else if (names.value[key] !== name) {
      names.value = { ...names.value, [key]: name };
    }
  }

  async function load(): Promise<void> {
    const run = ++loadRun;
    try {
      const all = await apiClient().contractNames();
      if (run !== loadRun) return;
      names.value = Object.fromEntries(Object.entries(all).map(([id, n]) => [keyOf(id), n]));
      error.value = null;
    } catch (e) {
      if (run === loadRun) error.value = toApiError(e);
    }
  }

  /** Pushed by the engine after a deploy, a rename or a script step named a contract. */
  function onContractChanged(event: ApiEvents['contractChanged']): void {
    set(event.contract, event.name);
  }

  /** A contract list carries each contract's name as it is now. */
  function noteContracts(list: readonly ContractInfo[]): void {
    for (const c of list) set(c.id, c.name);
  }

  function nameOf(contract: string): string | undefined {
    return names.value[keyOf(contract)];
  }

  /** `counter (0a1b2c3d…)`, or `0a1b2c3d…` while the contract has no name. */
  function label(contract: string): string {
    return contractLabel(contract, nameOf(contract));
  }

  /** Names a contract ('' or blanks remove its name); true when the engine took it. */
  async function rename(contract: ContractIdHex, name: string): Promise<boolean> {
    renaming.value = contract;
    renameError.value = null;
    try {
      const trimmed = name.trim();
      await apiClient().renameContract({ contract, name: trimmed });
      // The event says so too; setting it here shows it without waiting for the push.
      set(contract, trimmed);
      return true;
    } catch (e) {
      renameError.value = { contract, error: toApiError(e) };
      return false;
    } finally {
      renaming.value = null;
    }
  }

  function clearRenameError(): void {
    renameError.value = null;
  }

  /** Another store file: its names replace these (load follows). */
  function reset(): void {
    names.value = {};
    renameError.value = null;
  }

  return {
    names,
    error,
    renaming,
    renameError,
    load,
    onContractChanged,
    noteContracts,
    nameOf,
    label,
    rename,
    clearRenameError,
    reset,
  };
});
