/**
 * Read-only queries of the service over commits and live sessions: memory, diffs, the commit
 * graph and the journal. Functions of the workspace state, so service.ts stays about requests.
 */
import { PiecrustError } from '../core/errors';
import { hexToBytes, toContractId, toRoot, ZERO_ROOT, type ContractId } from '../core/ids';
import { changedRanges } from '../diff/byte-ranges';
import { diffIndexes } from '../diff/state-diff';
import { lastChange, pageAt, stepsWriting } from '../journal/replay';
import type { PageSource } from '../journal/page-spill';
import { isInlineDelta, type PageDelta } from '../journal/types';
import type { Journal } from '../journal/types';
import { listLeaves, PAGE_TREE_32, PAGE_TREE_64 } from '../merkle/sparse-tree';
import { listRecords, recordAtPosition } from '../state/contract-index';
import { positionFromContract, type ContractRecord } from '../state/contract-record';
import { commitLabels, type CommitRecord } from '../store/commit-store';
import { PAGE_SIZE as PAGE } from '../core/abi';
import type { ContractModule } from '../vm/contract-module';
import { deltaView, diffView, hex, journalView, stepView } from './views';
import type {
  ContractInfo,
  CommitNode,
  ContractDiffView,
  JournalSource,
  MemoryInfo,
  PageDiff,
  StateRef,
  StepDetail,
  StepPoint,
} from './types';
import type { SessionEntry, WorkspaceState } from './workspace-state';

export const MAX_READ = 16 * PAGE;

export function sessionEntry(ws: WorkspaceState, id: string): SessionEntry {
  const entry = ws.sessions.get(id);
  if (entry === undefined)
    throw new PiecrustError('InvalidInput', `no open session "${id}"`, { session: id });
  return entry;
}

/** A session that can answer now (a worker running a call answers nothing until it ends). */
export function idleSession(ws: WorkspaceState, id: string): SessionEntry {
  const entry = sessionEntry(ws, id);
  if (entry.busy) {
    throw new PiecrustError(
      'SessionError',
      `session ${entry.name} is running a call: wait for it or interrupt it`,
      { session: id },
    );
  }
  return entry;
}

function commitOf(ws: WorkspaceState, root: string): CommitRecord {
  const r = toRoot(root);
  const commit = ws.vm.store.getCommit(r);
  if (commit === undefined)
    throw new PiecrustError('PersistenceError', `No such commit: ${r}`, { root: r });
  return commit;
}

function recordIn(ws: WorkspaceState, commit: CommitRecord, contract: ContractId): ContractRecord {
  const record = recordAtPosition(
    ws.vm.store,
    hexToBytes(commit.indexRoot),
    positionFromContract(contract),
  );
  if (record === undefined || record.id !== contract) {
    throw new PiecrustError(
      'ContractDoesNotExist',
      `Contract does not exist: ${contract} in commit ${commit.root}`,
      {
        contract,
        commit: commit.root,
      },
    );
  }
  return record;
}

/** A contract as the Contracts list shows it. */
function contractInfo(
  module: ContractModule,
  c: { id: string; owner: Uint8Array; memoryLen: number },
): ContractInfo {
  return {
    id: c.id,
    owner: hex(c.owner),
    codeHash: module.codeHash,
    memoryLen: c.memoryLen,
    is64: module.is64,
    exports: [...module.functions].sort(),
    argBuffer: module.argBuffer,
  };
}

/** The contracts of a commit. */
export function commitContracts(ws: WorkspaceState, root: string): ContractInfo[] {
  const commit = commitOf(ws, root);
  return listRecords(ws.vm.store, hexToBytes(commit.indexRoot)).map((r) =>
    contractInfo(ws.vm.moduleByHash(r.codeHash), r),
  );
}

/** The contracts of a live session. */
export async function sessionContracts(
  ws: WorkspaceState,
  { handle }: SessionEntry,
): Promise<ContractInfo[]> {
  const ids = await handle.contractIds();
  return Promise.all(
    ids.map(async (id) => {
      const [meta, memoryLen, bytecode] = await Promise.all([
        handle.contractMetadata(id),
        handle.memoryLen(id),
        handle.bytecodeOf(id),
      ]);
      return contractInfo(ws.vm.loadModule(bytecode!), {
        id,
        owner: meta!.owner,
        memoryLen: memoryLen ?? 0,
      });
    }),
  );
}

/** Where a contract's argument buffer is, and whether it is wasm64, in a session or a commit. */
export async function contractAbi(
  ws: WorkspaceState,
  ref: StateRef,
  contract: ContractId,
): Promise<{ argBuffer: number; is64: boolean }> {
  let module;
  if ('session' in ref) {
    const bytecode = await idleSession(ws, ref.session).handle.bytecodeOf(contract);
    if (bytecode === undefined)
      throw new PiecrustError('ContractDoesNotExist', `Contract does not exist: ${contract}`, {
        contract,
      });
    module = ws.vm.loadModule(bytecode);
  } else {
    module = ws.vm.moduleByHash(contractRecord(ws, ref.commit, contract).codeHash);
  }
  return { argBuffer: module.argBuffer, is64: module.is64 };
}

export function contractRecord(
  ws: WorkspaceState,
  commit: string,
  contract: ContractId,
): ContractRecord {
  return recordIn(ws, commitOf(ws, commit), contract);
}

export async function memoryInfo(
  ws: WorkspaceState,
  ref: StateRef,
  contractHex: string,
  argBuffer: (c: ContractId) => Promise<{ argBuffer: number; is64: boolean }>,
): Promise<MemoryInfo> {
  const contract = toContractId(contractHex);
  const abi = await argBuffer(contract);
  if ('session' in ref) {
    const { handle } = idleSession(ws, ref.session);
    const memoryLen = await handle.memoryLen(contract);
    if (memoryLen === undefined)
      throw new PiecrustError('ContractDoesNotExist', `Contract does not exist: ${contract}`, {
        contract,
      });
    return { memoryLen, pages: await handle.writtenPages(contract), ...abi };
  }
  const record = recordIn(ws, commitOf(ws, ref.commit), contract);
  const shape = record.is64 ? PAGE_TREE_64 : PAGE_TREE_32;
  return {
    memoryLen: record.memoryLen,
    pages: listLeaves(shape, record.pageRoot, ws.vm.store).map((l) => l.position),
    ...abi,
  };
}

export async function pageOf(
  ws: WorkspaceState,
  ref: StateRef,
  contract: ContractId,
  page: number,
): Promise<Uint8Array> {
  if ('session' in ref) return idleSession(ws, ref.session).handle.pageBytes(contract, page);
  if (toRoot(ref.commit) === ZERO_ROOT) return new Uint8Array(PAGE); // genesis: nothing written
  return ws.vm.pageBytes(toRoot(ref.commit), contract, page);
}

export async function readMemory(
  ws: WorkspaceState,
  ref: StateRef,
  contractHex: string,
  offset: number,
  length: number,
): Promise<Uint8Array> {
  const contract = toContractId(contractHex);
  if (
    !Number.isSafeInteger(offset) ||
    offset < 0 ||
    !Number.isSafeInteger(length) ||
    length < 0 ||
    length > MAX_READ
  ) {
    throw new PiecrustError(
      'InvalidInput',
      `read of ${length} bytes at ${offset}: offset must be ≥ 0 and length in 0..=${MAX_READ}`,
      {
        offset,
        length,
        max: MAX_READ,
      },
    );
  }
  const out = new Uint8Array(length);
  for (let page = Math.floor(offset / PAGE); page * PAGE < offset + length; page++) {
    const bytes = await pageOf(ws, ref, contract, page);
    const from = Math.max(offset, page * PAGE);
    const to = Math.min(offset + length, (page + 1) * PAGE);
    out.set(bytes.subarray(from - page * PAGE, to - page * PAGE), from - offset);
  }
  return out;
}

/** A commit's contract index; genesis (the all-zero root) is the empty one. */
function indexRootOf(ws: WorkspaceState, root: string): Uint8Array {
  if (toRoot(root) === ZERO_ROOT) return new Uint8Array(32);
  return hexToBytes(commitOf(ws, root).indexRoot);
}

export async function diff(
  ws: WorkspaceState,
  from: StateRef,
  to: StateRef,
): Promise<ContractDiffView[]> {
  if ('commit' in from && 'commit' in to) {
    const left = indexRootOf(ws, from.commit);
    const right = indexRootOf(ws, to.commit);
    return diffIndexes(ws.vm.store, left, right).map(diffView);
  }
  const sessionRef = 'session' in to ? to : 'session' in from ? from : undefined;
  const other = sessionRef === to ? from : to;
  if (sessionRef === undefined) throw new PiecrustError('InvalidInput', 'nothing to diff', {});
  const entry = idleSession(ws, sessionRef.session);
  const base = entry.handle.base;
  const otherRoot = 'commit' in other ? toRoot(other.commit) : undefined;
  const otherIsBase =
    otherRoot !== undefined && (otherRoot === base || (base === null && otherRoot === ZERO_ROOT));
  if (!otherIsBase) {
    throw new PiecrustError(
      'InvalidInput',
      `a session is diffed against its base commit (${base ?? 'genesis'}); commit it to diff against others`,
      {
        session: sessionRef.session,
      },
    );
  }
  const forward = (await entry.handle.diffBase()).map(diffView);
  if (sessionRef === to) return forward;
  // Session → base: the same contracts with the roles swapped.
  return forward.map((d) => ({
    ...d,
    status: d.status === 'added' ? 'removed' : d.status === 'removed' ? 'added' : 'changed',
    pagesAdded: d.pagesRemoved,
    pagesRemoved: d.pagesAdded,
    memoryLenBefore: d.memoryLenAfter,
    memoryLenAfter: d.memoryLenBefore,
  }));
}

export async function pageDiff(
  ws: WorkspaceState,
  from: StateRef,
  to: StateRef,
  contractHex: string,
  page: number,
): Promise<PageDiff> {
  const contract = toContractId(contractHex);
  const zeros = new Uint8Array(PAGE);
  const read = (ref: StateRef): Promise<Uint8Array> =>
    pageOf(ws, ref, contract, page).catch((e: unknown) => {
      if (e instanceof PiecrustError && e.code === 'ContractDoesNotExist') return zeros; // added or removed
      throw e;
    });
  const [before, after] = await Promise.all([read(from), read(to)]);
  return { before: hex(before), after: hex(after), ranges: changedRanges(before, after) };
}

export function commitNode(ws: WorkspaceState, commit: CommitRecord): CommitNode {
  const cached = ws.commitNodes.get(commit.root);
  // What can change after a commit is written: its finalization, and labels (the same state
  // committed again).
  if (cached !== undefined)
    return { ...cached, finalized: commit.finalized, labels: commitLabels(commit) };
  const parent = commit.parent === null ? undefined : ws.vm.store.getCommit(commit.parent);
  const empty = new Uint8Array(32);
  const changes = diffIndexes(
    ws.vm.store,
    parent === undefined ? empty : hexToBytes(parent.indexRoot),
    hexToBytes(commit.indexRoot),
  );
  const node: CommitNode = {
    root: commit.root,
    parent: commit.parent,
    label: commit.label,
    labels: commitLabels(commit),
    createdAt: commit.createdAt,
    finalized: commit.finalized,
    contractsTouched: changes.map((c) => c.contract),
    pagesChanged: changes.reduce(
      (n, c) => n + c.pages.added.length + c.pages.changed.length + c.pages.removed.length,
      0,
    ),
    ...(commit.gasTable === undefined ? {} : { gasTable: commit.gasTable }),
  };
  ws.commitNodes.set(commit.root, node);
  return node;
}

export function commitGraph(ws: WorkspaceState): CommitNode[] {
  return ws.vm.commitRecords().map((c) => commitNode(ws, c));
}

// ------------------------------------------------------------------ journal

export async function journalOf(ws: WorkspaceState, source: JournalSource): Promise<Journal> {
  if ('session' in source) {
    const journal = await idleSession(ws, source.session).handle.journal();
    return journal ?? { base: null, calls: [] };
  }
  const journal = ws.vm.journal(toRoot(source.commit));
  if (journal === undefined) {
    throw new PiecrustError('InvalidInput', `commit ${source.commit} has no recorded journal`, {
      commit: source.commit,
    });
  }
  return journal;
}

/**
 * The page versions `hashes` of a journal, as a PageSource: a session's come from its spill (on
 * its thread), a commit's from the store.
 */
async function journalPages(
  ws: WorkspaceState,
  source: JournalSource,
  hashes: readonly string[],
): Promise<PageSource> {
  if (!('session' in source)) return { page: (hash) => ws.vm.store.getPage(hash) };
  const wanted = [...new Set(hashes)];
  const found = await idleSession(ws, source.session).handle.journalPages(wanted);
  const pages = new Map<string, Uint8Array>();
  wanted.forEach((hash, i) => {
    const bytes = found[i];
    if (bytes !== undefined) pages.set(hash, bytes);
  });
  return { page: (hash) => pages.get(hash) };
}

/** The page versions a step's changes refer to. */
function deltaRefs(deltas: readonly PageDelta[]): string[] {
  return deltas.flatMap((d) => (isInlineDelta(d) ? [] : [d.before, d.after]));
}

/** The journal's calls from index `from` on (only those cross from a session's thread). */
export async function journalCalls(ws: WorkspaceState, source: JournalSource, from = 0) {
  if ('session' in source)
    return journalView(await idleSession(ws, source.session).handle.journal(from));
  const journal = await journalOf(ws, source);
  return journalView({ ...journal, calls: journal.calls.slice(from) });
}

export async function stepDetail(
  ws: WorkspaceState,
  source: JournalSource,
  call: number,
  step: number,
): Promise<StepDetail> {
  const journal = await journalOf(ws, source);
  const s = journal.calls[call]?.steps[step];
  if (s === undefined) {
    throw new PiecrustError(
      'InvalidInput',
      `no step ${step} in call ${call} (${journal.calls.length} calls)`,
      { call, step },
    );
  }
  const reverted = s.reverted ?? [];
  const pages = await journalPages(ws, source, deltaRefs([...s.deltas, ...reverted]));
  return {
    step: stepView(s, step),
    deltas: s.deltas.map((d) => deltaView(d, pages)),
    reverted: reverted.map((d) => deltaView(d, pages)),
  };
}

export async function pageAtStep(
  ws: WorkspaceState,
  source: JournalSource,
  point: StepPoint,
  contractHex: string,
  page: number,
): Promise<Uint8Array> {
  const journal = await journalOf(ws, source);
  const contract = toContractId(contractHex);
  let base = new Uint8Array(PAGE);
  if (journal.base !== null) {
    try {
      base = new Uint8Array(ws.vm.pageBytes(journal.base, contract, page));
    } catch (e) {
      // The contract is younger than the journal's base, or the page lies past its memory.
      if (
        !(e instanceof PiecrustError) ||
        (e.code !== 'ContractDoesNotExist' && e.code !== 'InvalidInput')
      )
        throw e;
    }
  }
  // Only the page's last version up to the point is read.
  const last = lastChange(journal, point, contract, page);
  const pages = await journalPages(ws, source, last === undefined ? [] : deltaRefs([last]));
  return pageAt(journal, point, contract, page, base, pages);
}

export async function stepsWritingPage(
  ws: WorkspaceState,
  source: JournalSource,
  contractHex: string,
  page: number,
): Promise<StepPoint[]> {
  return stepsWriting(await journalOf(ws, source), toContractId(contractHex), page);
}
