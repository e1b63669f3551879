/**
 * A contract as a session sees it: its module, its live linear memory, and what the session has
 * changed. Owned by one session; created when the contract is deployed or first touched (loaded
 * from the base commit with all of its pages), dropped with the session.
 *
 * Lifetime of the wasm side: the `WebAssembly.Memory` lives as long as the LoadedContract (it is
 * imported by the per-call module); a `WebAssembly.Instance` lives for one top-level call
 * (`live`), so wasm globals reset between calls as in piecrust.
 */
import type { ContractId } from '../core/ids';
import { hexToBytes } from '../core/ids';
import { MerkleTree } from '../merkle/merkle-tree';
import { PageHashTrees } from '../merkle/page-hash-trees';
import { PAGE_TREE_32, PAGE_TREE_64, ZERO_HASH, type NodeStore } from '../merkle/sparse-tree';
import { positionFromContract, type ContractRecord } from '../state/contract-record';
import type { ContractModule } from './contract-module';
import { ChunkMarks } from './chunk-marks';
import { PAGE_SIZE } from './host-abi';

/** V8 caps every wasm memory (memory64 included, on Node 20) at 65,536 pages. */
export const ENGINE_MAX_PAGES = 65536;

export interface LiveInstance {
  readonly exports: Record<string, unknown>;
  readonly gas: WebAssembly.Global;
  readonly resetMarks: () => void;
  /** Where the contract's chunk bitmap is (ChunkMarks.base), for the instrumented code. */
  readonly chunkBase: WebAssembly.Global;
  /** Instantiated from the profiling variant (its function indices are laid out otherwise). */
  readonly profiling?: boolean;
}

export class LoadedContract {
  id: ContractId;
  idBytes: Uint8Array;
  position: number;
  readonly module: ContractModule;
  owner: Uint8Array;
  memory: WebAssembly.Memory;
  /** Logical memory length in bytes (what `memory_len` reports and commits persist). */
  length: number;
  /** Deployed or migrated in this session: its page tree starts empty. */
  isNew: boolean;
  /** Its leaf position in the base commit's contracts tree, if it exists there. */
  basePosition: number | undefined;
  /** Its memory length in the base commit (a changed length is a change to commit). */
  baseMemoryLen: number | undefined;
  /** The contract's page tree (leaf = BLAKE3 of a page ever written), updated at root time. */
  pageTree: MerkleTree;
  /** Pages written since the base commit (they are hashed and stored at commit). */
  readonly dirty = new Set<number>();
  /** Dirty pages not yet re-hashed into `pageRoot`. */
  readonly pendingHash = new Set<number>();
  /** BLAKE3 of each dirty page as of the last root computation. */
  readonly pageHashes = new Map<number, Uint8Array>();
  /** The chunks written since their page was last hashed. */
  readonly writes = new ChunkMarks();
  /** The BLAKE3 trees of pages changed again after their first hash (state-computation.ts). */
  readonly hashTrees = new PageHashTrees();
  /** The instance of the current top-level call, if this contract takes part in it. */
  live: LiveInstance | undefined;
  imports: WebAssembly.Imports = {};
  private cachedView: Uint8Array | undefined;

  constructor(init: {
    id: ContractId;
    module: ContractModule;
    owner: Uint8Array;
    memory: WebAssembly.Memory;
    isNew: boolean;
    base: ContractRecord | undefined;
    nodes: NodeStore;
  }) {
    this.id = init.id;
    this.idBytes = hexToBytes(init.id);
    this.position = positionFromContract(this.idBytes);
    this.module = init.module;
    this.owner = init.owner;
    this.memory = init.memory;
    this.length = init.memory.buffer.byteLength;
    this.isNew = init.isNew;
    this.basePosition = init.base?.position;
    this.baseMemoryLen = init.base?.memoryLen;
    const shape = init.module.is64 ? PAGE_TREE_64 : PAGE_TREE_32;
    this.pageTree = new MerkleTree(
      shape,
      init.isNew ? ZERO_HASH : (init.base?.pageRoot ?? ZERO_HASH),
      init.nodes,
    );
  }

  /** Bytes currently backing the memory (may exceed `length` inside a call after a revert). */
  view(): Uint8Array {
    const buffer = this.memory.buffer;
    if (this.cachedView === undefined || this.cachedView.buffer !== buffer) {
      this.cachedView = new Uint8Array(buffer);
    }
    return this.cachedView;
  }

  physicalLength(): number {
    return this.memory.buffer.byteLength;
  }

  /** Copy `len` bytes at `offset`; bytes past the memory read as zero (spec §3.2). */
  read(offset: number, len: number): Uint8Array {
    const out = new Uint8Array(len);
    const view = this.view();
    if (offset < view.length) out.set(view.subarray(offset, Math.min(view.length, offset + len)));
    return out;
  }

  /** Anything to commit relative to the base commit? */
  get changed(): boolean {
    return this.isNew || this.dirty.size > 0 || this.length !== this.baseMemoryLen;
  }

  /** The whole page was written (by the engine, outside a call's tracked writes). */
  markDirty(page: number): void {
    this.writes.markPage(page);
    this.markWritten(page);
  }

  /** The page was written where `writes` already says (a call's tracked writes). */
  markWritten(page: number): void {
    this.dirty.add(page);
    this.pendingHash.add(page);
  }

  renameTo(id: ContractId): void {
    this.id = id;
    this.idBytes = hexToBytes(id);
    this.position = positionFromContract(this.idBytes);
  }

  /**
   * A JS memory cannot shrink: after a failed call grew it, replace it by a copy of the
   * logical length (the next call instantiates against the new one).
   */
  shrinkToLength(): void {
    if (this.physicalLength() <= this.length) return;
    const next = createContractMemory(this.module, this.length / PAGE_SIZE);
    new Uint8Array(next.buffer).set(this.view().subarray(0, this.length));
    this.memory = next;
    this.cachedView = undefined;
    const host = this.imports.__piecrust as Record<string, unknown> | undefined;
    if (host !== undefined) host.memory = next;
  }
}

/**
 * A contract's memory: shared, so that V8 grows it in place (wasm/instrument.ts says why); the
 * maximum is the contract's, capped at what V8 allows.
 */
export function createContractMemory(module: ContractModule, pages: number): WebAssembly.Memory {
  const maximum = Math.min(module.maxPages, ENGINE_MAX_PAGES);
  const descriptor: WebAssembly.MemoryDescriptor & { index?: 'i64' } = {
    initial: pages,
    maximum,
    shared: true,
  };
  if (module.is64) descriptor.index = 'i64';
  return new WebAssembly.Memory(descriptor);
}
