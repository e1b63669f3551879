/**
 * One contract's memory, as the hex view reads it. `memory()` gives the length and the pages
 * ever written; bytes come from `readMemory` in 16 KiB chunks (under the 64 KiB the view may
 * ask for at once) through a small LRU cache. Pages never written are zeros and are not fetched,
 * so a 4 GiB memory costs nothing until one looks at written pages. Search (memory-search.ts)
 * reads only written pages. The cursor, its data inspector and "follow pointer" live here too. A commit being read
 * that is deleted is left at once for its nearest surviving ancestor (or the live session), with a
 * notice saying so: memory of a state that no longer exists is never kept on screen.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { ApiError, MemoryInfo, StateRef } from '../../../engine/api/types';
import { apiClient } from '../api/instance';
import { ChunkCache } from './chunk-cache';
import { nextFrame } from './next-frame';
import { inspectBytes, type Endian } from './data-inspector';
import { toApiError } from '../common/lib/error-words';
import { bytesFromHex, parseAddress } from '../common/lib/hex';
import { pageSize } from '../common/abi';
import { chunksFor } from '../common/lib/hex-rows';
import { deletedCommitText, survivingAncestor, type AfterDelete } from './surviving-commit';
import { useCommitStore } from '../graph/commit-store';
import { useContractStore } from '../calls/contract-store';
import { useSessionStore } from '../workspace/session-store';
import { useMemorySearch } from './memory-search';

export const CHUNK_SIZE = 16 * 1024;
const CACHE_CHUNKS = 96;

/** Jumps centre their target; cursor keys scroll only as far as needed. */
export type RevealAlign = 'center' | 'nearest';

/** 'live' reads the active session; a commit reads that committed state. */
export type MemorySource = 'live' | { commit: string };

export const useMemoryStore = defineStore('memory', () => {
  const sessions = useSessionStore();
  const contracts = useContractStore();
  const commits = useCommitStore();

  const sourceChoice = ref<MemorySource>('live');
  const contract = ref<string | null>(null);
  const info = shallowRef<MemoryInfo | null>(null);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  /** Bumped when chunks arrive, so rows re-read the cache. */
  const version = ref(0);
  const cursor = ref(0);
  const endian = ref<Endian>('le');
  /** A request to scroll an offset into view; the hex view watches it. */
  const reveal = ref<{ offset: number; seq: number; align: RevealAlign } | null>(null);
  /** Something the view did by itself that the user must know (the viewed commit was deleted). */
  const notice = ref<string | null>(null);

  const cache = new ChunkCache<number, Uint8Array>(CACHE_CHUNKS);
  const inflight = new Set<number>();
  let generation = 0;
  let revealSeq = 0;

  const stateRef = computed<StateRef | null>(() => {
    if (sourceChoice.value !== 'live') return sourceChoice.value;
    return sessions.activeSessionId === null ? null : { session: sessions.activeSessionId };
  });
  const written = computed(() => new Set(info.value?.pages ?? []));
  const length = computed(() => info.value?.memoryLen ?? 0);
  const memorySearch = useMemorySearch({
    stateRef,
    contract,
    info,
    length,
    cursor,
    setCursor: (offset) => setCursor(offset),
    nameOf: sessions.nameOf,
  });
  const { clearSearch } = memorySearch;

  /** The rows in view last asked for, and whether that range was fetched yet. */
  let inView: { from: number; to: number } | null = null;
  let inViewFetched = true;

  function resetBytes(): void {
    generation++;
    cache.clear();
    inflight.clear();
    inView = null;
    inViewFetched = true;
    version.value++;
  }

  async function load(): Promise<void> {
    const ref = stateRef.value;
    const id = contract.value;
    resetBytes();
    clearSearch();
    if (ref === null || id === null) {
      info.value = null;
      return;
    }
    const gen = generation;
    loading.value = true;
    error.value = null;
    try {
      const next = await apiClient().memory({ ...ref, contract: id });
      if (gen !== generation) return;
      info.value = next;
      if (cursor.value >= next.memoryLen) cursor.value = 0;
    } catch (e) {
      if (gen !== generation) return;
      info.value = null;
      error.value = toApiError(e);
    } finally {
      if (gen === generation) loading.value = false;
    }
  }

  function open(id: string, source?: MemorySource): void {
    if (source !== undefined) notice.value = null;
    const sourceChanged =
      source !== undefined && JSON.stringify(source) !== JSON.stringify(sourceChoice.value);
    if (source !== undefined) sourceChoice.value = source;
    if (contract.value === id && info.value !== null && !sourceChanged) return;
    contract.value = id;
    if (sourceChoice.value === 'live' && contracts.contracts.some((c) => c.id === id))
      contracts.select(id);
    void load();
  }

  function chunkIsZero(chunk: number): boolean {
    const page = pageSize();
    const first = Math.floor((chunk * CHUNK_SIZE) / page);
    const last = Math.floor(((chunk + 1) * CHUNK_SIZE - 1) / page);
    for (let p = first; p <= last; p++) if (written.value.has(p)) return false;
    return true;
  }

  async function fetchChunk(chunk: number): Promise<void> {
    const ref = stateRef.value;
    const id = contract.value;
    if (ref === null || id === null || inflight.has(chunk) || cache.has(chunk)) return;
    const offset = chunk * CHUNK_SIZE;
    const size = Math.min(CHUNK_SIZE, length.value - offset);
    if (size <= 0) return;
    if (chunkIsZero(chunk)) {
      cache.set(chunk, new Uint8Array(size));
      return;
    }
    const gen = generation;
    inflight.add(chunk);
    try {
      const hex = await apiClient().readMemory({ ...ref, contract: id, offset, length: size });
      if (gen !== generation) return;
      cache.set(chunk, bytesFromHex(hex));
      chunkArrived();
    } catch (e) {
      if (gen === generation) error.value = toApiError(e);
    } finally {
      inflight.delete(chunk);
      if (gen === generation) fetchInViewIfAsked();
    }
  }

  /** The rows re-read the cache (a bump of `version`). */
  const redraw = (): void => {
    version.value++;
  };
  /**
   * A chunk arrived: the rows re-read the cache at the next frame. Replies come one a task, and
   * a bump per reply re-rendered every row once per reply (a drag across 256 MiB has several
   * replies landing each frame); this is one re-render a frame however many arrive, in the same
   * batch as the view's scroll of that frame (next-frame.ts).
   */
  function chunkArrived(): void {
    nextFrame.request(redraw);
  }

  /**
   * Start loading [from, to) (`fetch` false: only never-written chunks, made here). True when it
   * made some: the rows must re-read the cache.
   */
  function loadRange(from: number, to: number, fetch = true): boolean {
    let synthesized = false;
    for (const chunk of chunksFor(from, Math.min(to, length.value), CHUNK_SIZE)) {
      if (cache.has(chunk)) continue;
      if (chunkIsZero(chunk)) synthesized = true;
      else if (!fetch) continue;
      void fetchChunk(chunk);
    }
    return synthesized;
  }

  /** Make sure [from, to) is loaded; the chunks made here are read at once. */
  function ensure(from: number, to: number): void {
    if (loadRange(from, to)) redraw();
  }

  /**
   * The rows in view (the hex view calls this on every scroll). While chunks are loading, only
   * the latest range asked for is fetched, when they land: a drag across 256 MiB lands on new
   * rows every frame, and a request for each position passed over would queue reads of bytes
   * nobody sees before those of the rows where the drag is.
   */
  function ensureInView(from: number, to: number): void {
    inView = { from, to };
    inViewFetched = inflight.size === 0;
    // Asked while the view renders its rows: they re-read the cache in this same render.
    if (loadRange(from, to, inViewFetched)) redraw();
  }

  /** Chunks all landed: fetch the rows in view if they were asked for meanwhile. */
  function fetchInViewIfAsked(): void {
    if (inflight.size > 0 || inViewFetched || inView === null) return;
    inViewFetched = true;
    // Asked as a reply lands: with the rest of the frame's work, like a chunk that arrived.
    if (loadRange(inView.from, inView.to)) chunkArrived();
  }

  /** The byte at an offset, or undefined while its chunk loads. Reads `version` for reactivity. */
  function byteAt(offset: number): number | undefined {
    void version.value;
    const chunk = cache.peek(Math.floor(offset / CHUNK_SIZE));
    return chunk?.[offset % CHUNK_SIZE];
  }

  /**
   * A hex row's `n` bytes from an offset, each undefined while its chunk loads: one call (and
   * one read of `version`) per row, not per byte.
   */
  function rowBytes(offset: number, n: number): Array<number | undefined> {
    void version.value;
    const out: Array<number | undefined> = new Array<number | undefined>(n);
    let chunkIndex = -1;
    let chunk: Uint8Array | undefined;
    for (let i = 0; i < n; i++) {
      const at = offset + i;
      const c = Math.floor(at / CHUNK_SIZE);
      if (c !== chunkIndex) {
        chunkIndex = c;
        chunk = cache.peek(c);
      }
      out[i] = chunk?.[at % CHUNK_SIZE];
    }
    return out;
  }

  /** Up to `n` loaded bytes from an offset (fewer at the end of memory or of the loaded data). */
  function bytesAt(offset: number, n: number): Uint8Array {
    const out: number[] = [];
    for (let i = 0; i < n && offset + i < length.value; i++) {
      const b = byteAt(offset + i);
      if (b === undefined) break;
      out.push(b);
    }
    return new Uint8Array(out);
  }

  const inspector = computed(() => {
    const i = info.value;
    if (i === null) return null;
    return inspectBytes(bytesAt(cursor.value, 64), endian.value, i.is64, i.memoryLen);
  });

  function setCursor(offset: number, scroll: RevealAlign | false = 'center'): void {
    const max = Math.max(0, length.value - 1);
    cursor.value = Math.max(0, Math.min(max, Math.floor(offset)));
    if (scroll !== false) reveal.value = { offset: cursor.value, seq: ++revealSeq, align: scroll };
  }

  /** "Go to address": returns an error message for text that is not an address in memory. */
  function goTo(text: string): string | undefined {
    const address = parseAddress(text);
    if (address === undefined) return `"${text}" is not an address (try 0x440 or 1088)`;
    if (address >= length.value)
      return `0x${address.toString(16)} is past the end of memory (0x${length.value.toString(16)} bytes)`;
    setCursor(address);
    return undefined;
  }

  function goToArgBuffer(): void {
    if (info.value !== null) setCursor(info.value.argBuffer);
  }

  function followPointer(): void {
    const target = inspector.value?.pointer;
    if (target !== undefined) setCursor(target);
  }

  function setSource(next: MemorySource): void {
    notice.value = null;
    sourceChoice.value = next;
  }

  function dismissNotice(): void {
    notice.value = null;
  }

  // The commit being read was deleted (here, in another window or by the CLI): drop its memory
  // now and read the nearest commit it came from that survives, else the live session.
  watch(
    () => commits.byRoot,
    (now, before) => {
      const src = sourceChoice.value;
      if (src === 'live' || now.has(src.commit) || !before.has(src.commit)) return;
      const ancestor = survivingAncestor(src.commit, before, now);
      const fallback = ancestor === null ? undefined : now.get(ancestor);
      const live = sessions.activeSession;
      const after: AfterDelete =
        fallback !== undefined
          ? {
              kind: 'commit',
              commit: fallback,
              parent: before.get(src.commit)?.parent === fallback.root,
            }
          : live !== null && live !== undefined
            ? { kind: 'live', session: live.name }
            : { kind: 'nothing' };
      info.value = null;
      resetBytes();
      clearSearch();
      sourceChoice.value = fallback !== undefined ? { commit: fallback.root } : 'live';
      notice.value = deletedCommitText(before.get(src.commit) ?? { root: src.commit }, after);
    },
  );

  function setEndian(next: Endian): void {
    endian.value = next;
  }

  // In the live session the memory view shows the contract selected in the sidebar.
  watch(
    () => contracts.selectedId,
    (id) => {
      if (sourceChoice.value !== 'live' || id === null || id === contract.value) return;
      contract.value = id;
      void load();
    },
    { immediate: true },
  );
  watch(stateRef, (next, before) => {
    if (JSON.stringify(next) === JSON.stringify(before)) return;
    if (sourceChoice.value === 'live') contract.value = contracts.selectedId ?? contract.value;
    void load();
  });
  // The inspector reads up to 64 bytes from the cursor.
  watch([cursor, info], () => ensure(cursor.value, cursor.value + 64));
  // Live memory changes with every call of the session.
  watch(
    () => (sourceChoice.value === 'live' ? sessions.activeSession?.root : undefined),
    (root, before) => {
      if (root !== undefined && before !== undefined && root !== before) void load();
    },
  );

  return {
    sourceChoice,
    contract,
    info,
    loading,
    error,
    version,
    cursor,
    endian,
    reveal,
    notice,
    ...memorySearch,
    stateRef,
    written,
    length,
    inspector,
    load,
    open,
    ensure,
    ensureInView,
    byteAt,
    rowBytes,
    bytesAt,
    setCursor,
    goTo,
    goToArgBuffer,
    followPointer,
    setSource,
    dismissNotice,
    setEndian,
  };
});
