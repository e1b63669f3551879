/**
 * # The Piecrust Inspector engine
 *
 * A re-implementation of piecrust, Dusk Network's WebAssembly VM for smart contracts, faithful
 * enough that contracts compiled from Rust with piecrust-uplink run unmodified: same ABI, same
 * gas, same events and call trees, same Merkle roots.
 *
 * ## The model
 *
 * - A **VM** owns a commit store. A **commit** is an immutable snapshot of every contract's
 *   memory, identified by its **root**: the root of a Merkle tree whose leaves are the roots of
 *   the contracts' page trees (64 KiB pages hashed with BLAKE3).
 * - A **session** starts from a commit, or from the empty genesis state, and works on a
 *   copy-on-write view of it: `deploy` adds contracts, `callRaw`/`call` run their exported
 *   functions. Nothing persists until `commit()` writes a new commit and returns its root;
 *   `close()` discards the session. Any number of sessions may work on the same base; each
 *   commits its own distinct state.
 * - A **contract** is wasm bytecode plus one linear memory; the memory *is* its state. Every
 *   exported function takes the length of an argument the host put in the contract's 64 KiB
 *   argument buffer `A` and returns the length of its result, written to the same buffer.
 *   Values are rkyv-encoded (`engine/rkyv`).
 * - Execution is metered in **gas** (wasmtime fuel, spec §4): every executed operator costs 1,
 *   stores 16/32/64, `emit` 4 per byte (table `head`; `0.19` charges 1 for every operator and
 *   nothing for `emit`), and every function invocation 1 more on entry. `gascheck/` proves it
 *   against wasmtime itself. A call that fails — panic, trap, out of gas — leaves
 *   memory and events as they were and throws, with no receipt; the gas it spent all the same
 *   (`limit − remaining` at the failure, the whole limit when out of gas) is in the error's
 *   details (`failedCallGasSpent`). A failed call from one contract to another reverts only
 *   the callee's subtree and burns the gas handed to it.
 *
 * ## Lifecycle
 *
 * `createVm()` → `vm.session({ base })` → `deploy` / `call` … → `await session.commit()` (or
 * `close()`). While a session lives it holds its base: `vm.deleteCommit(root)` and
 * `vm.finalizeCommit(root)` wait until the last session on that commit is done.
 *
 * ## Reading a state
 *
 * `StateView` (`vm/state-view.ts`) reads any state the same way, asynchronously: its contracts,
 * one contract, the pages a contract wrote, a page's bytes, its journal and the page versions
 * it refers to, and its changes since another state. `vm.at(root)` is a committed state (genesis,
 * `ZERO_ROOT`, the empty one), read from the store; `sessionStateView` adapts a live session's
 * `AsyncSession` (which may answer from a worker thread). A session diffs only against its base.
 *
 * ## Example (this is index.test.ts)
 *
 * ```ts
 * const vm = await createVm();
 * const session = vm.session();
 * const { contractId } = session.deploy(counterWasm, { owner: new Uint8Array(32) }, 1_000_000n);
 * session.call(contractId, 'increment', t.unit, null, t.unit, 1_000_000n);
 * const root = await session.commit();
 *
 * const again = vm.session({ base: root });
 * again.call(contractId, 'read_value', t.unit, null, t.i64, 1_000_000n).value; // 0xfdn
 * again.close();
 * ```
 *
 * Layout: `vm/` (VM, sessions, the host side of the ABI), `wasm/` (parsing and instrumenting
 * bytecode for gas and write tracking), `merkle/` and `state/` (trees, contract records),
 * `store/` (where commits live: memory, or one file on disk with sql.js as its index),
 * `threads/` (sessions on worker threads), `journal/` (recorded calls), `diff/` (state
 * diffs), `rkyv/` (values), `api/` (the InspectorApi service), `server/` (browser mode),
 * `script/` and `cli/` (headless use), `gascheck/` (calls re-run in wasmtime). Layers, bottom
 * to top, each importing only its own and those below (lint-checked, `ENGINE_LAYERS` in
 * eslint.config.js): `core/`; `hash/`, `rkyv/`, `wasm/`; `merkle/`, `state/`, `diff/`; `store/`;
 * `vm/`, `journal/`; `threads/`, `script/`; `api/`, `gascheck/`; `server/`, `cli/`. piecrust's
 * ABI sizes are in `core/abi.ts`. A session's operations as the service and scripts use them
 * (asynchronous, the same for a session on a worker thread and one on the caller's own) are
 * declared once, `SessionOperations` in `vm/session-protocol.ts`: the worker's messages and
 * dispatcher, `WorkerSession`'s methods and `localSession` are derived from it. A deploy or a
 * call answers in one outcome (`vm/call-outcome.ts`): its result or error, the root after it,
 * its debug output, its place in the journal and the session's summary, so a call costs one
 * round trip to its thread however long the session's history. `api/` and `cli/` read state
 * only through a `StateView` (`vm/state-view.ts`: a commit's is `vm.at(root)`, a live session's
 * `sessionStateView`), never `merkle/`, `state/` or `diff/` (lint-checked as well:
 * `STATE_VIEW_READERS`); `api/state-of.ts` is the one place a request's "session or commit" is
 * told apart.
 */
export { createVm, Vm, type VmOptions } from './vm/vm';
export { Session, verifyPageOpening, type MemoryPage, type PageOpening } from './vm/session';
export type { ContractState, StateLineage, StateView } from './vm/state-view';
export type { CommittedState } from './vm/committed-state';
export { sessionStateView } from './vm/session-state-view';
export {
  callTreeOrder,
  type CallHook,
  type CallReceipt,
  type CallTreeNode,
  type ContractMetadata,
  type DeployOptions,
  type DeployResult,
  type Event,
  type HostQuery,
  type SessionOptions,
} from './vm/types';
export {
  PiecrustError,
  isPiecrustError,
  toErrorData,
  type ErrorCode,
  type ErrorData,
} from './core/errors';
export {
  bytesToHex,
  hexToBytes,
  toContractId,
  toRoot,
  ZERO_ROOT,
  type ContractId,
  type Root,
} from './core/ids';
export { blake3 } from './hash/blake3';
export {
  contractIdFromJson,
  contractIdToJson,
  eventFromJson,
  eventToJson,
  type EventJson,
} from './vm/uplink-serde';
export type { CommitRecord, CommitStore } from './store/commit-store';
export { MemoryCommitStore } from './store/memory-store';
export { openFileStore, type FileStoreOptions } from './store/file-store';
export { checkStore, formatCheckReport, type CheckReport } from './store/check';
export { WorkerSession } from './threads/worker-session';
export type { ContractDiff } from './diff/state-diff';
export type { Journal, JournalCall, JournalStep } from './journal/types';
export { failedCallGasSpent } from './vm/failed-call-gas';
export * as rkyv from './rkyv';
