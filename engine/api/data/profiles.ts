/**
 * Gas profiles by WebAssembly function (issue 13), as the API sends them: engine/profile's model
 * with its bigint figures as u64 strings. A profile the engine computed is kept under an id for
 * a while (profile-keeper.ts), so a client can diff two or export one without sending it back.
 * Part of the InspectorApi's data, re-exported by engine/api/types.ts.
 */
import type { ContractIdHex, U64 } from './values';

export interface ProfileNodeView {
  kind: 'contract' | 'function' | 'host';
  /** `counter.increment`, a demangled function name, `[host emit]`. */
  name: string;
  contract?: ContractIdHex;
  funcIndex?: number;
  self: U64;
  total: U64;
  calls: number;
  children: ProfileNodeView[];
}

export interface ProfileView {
  /** The id the engine keeps it under (profileDiff, exportProfile). */
  id: string;
  /** What it profiles, for lists: `counter.increment` and where (`in session 2, call #3`). */
  label: string;
  root: ProfileNodeView;
  gasSpent: U64;
  gasLimit: U64;
  /** A recorded call profiled again: the gas its journal recorded… */
  recordedGas?: U64;
  /** …and whether the re-run spent exactly that. */
  matched?: boolean;
}
