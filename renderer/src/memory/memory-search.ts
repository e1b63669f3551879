/**
 * The memory view's search (memory-store.ts composes it): the written pages read in order, one
 * 64 KiB page per request, fed to the searcher (byte-search.ts); the matches, the one the cursor
 * is on, progress, and a newer search or a new memory cancelling the one running.
 */
import { ref, shallowRef, type Ref } from 'vue';
import type { MemoryInfo, StateRef } from '../../../engine/api/types';
import { apiClient } from '../api/instance';
import { pageSize } from '../common/abi';
import { toApiError } from '../common/lib/error-words';
import { bytesFromHex } from '../common/lib/hex';
import { namedMessage, type SessionNames } from '../common/lib/session-error-words';
import {
  createSearcher,
  nextMatch,
  parseNeedles,
  type SearchMatch,
  type SearchMode,
} from './byte-search';

export interface SearchedMemory {
  stateRef: Readonly<Ref<StateRef | null>>;
  contract: Readonly<Ref<string | null>>;
  info: Readonly<Ref<MemoryInfo | null>>;
  length: Readonly<Ref<number>>;
  cursor: Readonly<Ref<number>>;
  setCursor(offset: number): void;
  nameOf: SessionNames;
}

export function useMemorySearch(memory: SearchedMemory) {
  const { stateRef, contract, info, length, cursor, setCursor } = memory;
  const searchText = ref('');
  const searchMode = ref<SearchMode>('hex');
  const matches = shallowRef<SearchMatch[]>([]);
  const matchIndex = ref(-1);
  const searching = ref(false);
  const searchProgress = ref({ done: 0, total: 0 });
  const searchError = ref<string | null>(null);
  const searchDone = ref(false);
  let searchRun = 0;

  function clearSearch(): void {
    searchRun++;
    matches.value = [];
    matchIndex.value = -1;
    searching.value = false;
    searchDone.value = false;
    searchError.value = null;
  }

  /** Search the written pages, in order, one 64 KiB page per request. */
  async function search(): Promise<void> {
    const ref = stateRef.value;
    const id = contract.value;
    const parsed = parseNeedles(searchText.value, searchMode.value);
    clearSearch();
    if (!parsed.ok) {
      searchError.value = parsed.error;
      return;
    }
    if (ref === null || id === null || info.value === null) return;
    const run = searchRun;
    const pages = [...info.value.pages].sort((a, b) => a - b);
    const searcher = createSearcher(parsed.value);
    searching.value = true;
    searchProgress.value = { done: 0, total: pages.length };
    try {
      const bytes = pageSize();
      for (const page of pages) {
        const offset = page * bytes;
        const size = Math.min(bytes, length.value - offset);
        if (size <= 0) continue;
        const hex = await apiClient().readMemory({ ...ref, contract: id, offset, length: size });
        if (run !== searchRun) return;
        if (searcher.feed(offset, bytesFromHex(hex)).length > 0)
          matches.value = [...searcher.matches];
        searchProgress.value = { done: searchProgress.value.done + 1, total: pages.length };
        if (searcher.full) break;
      }
      searchDone.value = true;
      if (matches.value.length > 0) {
        matchIndex.value = nextMatch(matches.value, cursor.value - 1);
        setCursor(matches.value[matchIndex.value].offset);
      }
    } catch (e) {
      if (run === searchRun) searchError.value = namedMessage(toApiError(e), memory.nameOf);
    } finally {
      if (run === searchRun) searching.value = false;
    }
  }

  function stepMatch(backwards = false): void {
    if (matches.value.length === 0) return;
    matchIndex.value = nextMatch(matches.value, cursor.value, backwards);
    setCursor(matches.value[matchIndex.value].offset);
  }

  return {
    searchText,
    searchMode,
    matches,
    matchIndex,
    searching,
    searchProgress,
    searchError,
    searchDone,
    search,
    clearSearch,
    stepMatch,
  };
}
