/**
 * Gas profiles by WebAssembly function (issue 13), as the API sends them: engine/profile's model
 * with its bigint figures as u64 strings. A profile the engine computed is kept under an id for
 * a while (profile-keeper.ts), so a client can diff two or export one without sending it back.
 * Part of the InspectorApi's data, re-exported by engine/api/types.ts.
 */
import type { JournalSource } from './journal';
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
  /** The recorded call it re-ran (profileJournalCall), for a link back to Steps. */
  journalCall?: { source: JournalSource; call: number };
  /**
   * Every function's gas over the whole call, merged across the paths it was reached by (per
   * contract and name), the most self gas first: the table of functions.
   */
  functions: FunctionGasView[];
}

/** One function's gas over a whole call (engine/profile/function-gas.ts). */
export interface FunctionGasView {
  name: string;
  kind: ProfileNodeView['kind'];
  /** The contract of the function (none for host charges). */
  contract?: ContractIdHex;
  /** Gas spent in the function itself, on every path. */
  self: U64;
  /** Gas spent in it and what it called; a recursive call is not counted twice. */
  total: U64;
  calls: number;
}

/** A function's or node's gas on one side of a profile diff (zeros where it is absent). */
export interface GasPairView {
  self: U64;
  total: U64;
  calls: number;
}

/** Differences are B − A, as signed decimal strings (`"-12"`). */
export interface FunctionDiffView {
  name: string;
  kind: ProfileNodeView['kind'];
  /** In both profiles, or only in A or B. */
  side: 'both' | 'a' | 'b';
  a: GasPairView;
  b: GasPairView;
  selfDelta: string;
  totalDelta: string;
}

export interface ProfileDiffNodeView {
  name: string;
  kind: ProfileNodeView['kind'];
  side: 'both' | 'a' | 'b';
  a: GasPairView;
  b: GasPairView;
  /** `b.total − a.total`. */
  delta: string;
  /** `b.self − a.self`. */
  selfDelta: string;
  children: ProfileDiffNodeView[];
}

export interface ProfileDiffView {
  a: string;
  b: string;
  /** Per function (by name, across paths), the largest |self difference| first. */
  functions: FunctionDiffView[];
  /** The two trees aligned by path, for a coloured flame graph. */
  tree: ProfileDiffNodeView;
}

export type ProfileFormat = 'folded' | 'speedscope';

export interface ProfileExport {
  /** A file name that says what it is (`counter.increment.speedscope.json`). */
  fileName: string;
  text: string;
}
