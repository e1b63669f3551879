/**
 * Contracts, deploys and calls: requests and results, events, call trees, decoded values. Part of
 * the InspectorApi's data, re-exported by engine/api/types.ts.
 */
import type {
  ApiError,
  ContractIdHex,
  GasTableName,
  Hex,
  RootHex,
  ScriptValue,
  U64,
} from './values';
import type { PageDeltaView } from './journal';

export interface ContractInfo {
  id: ContractIdHex;
  owner: Hex;
  codeHash: string;
  memoryLen: number;
  is64: boolean;
  /** Exported functions (what can be called). */
  exports: string[];
  /** Offset of the argument buffer A. */
  argBuffer: number;
  /** The name given to it (stored beside the state; renameContract edits it). */
  name?: string;
  /** The data-driver attached to it (attachDriver, or deploy's `driver`). */
  driver?: ContractDriverInfo;
}

/** An attached data-driver, as listed. */
export interface ContractDriverInfo {
  /** BLAKE3 of the module's bytes. */
  hash: string;
  /** What its `get_version` says; absent when it refuses or traps. */
  version?: string;
  /** The module's size in bytes. */
  bytes: number;
}

/** A data-driver module: its bytes, or a path on the engine's host. */
export type DriverSource = { hex: Hex } | { path: string };

export type ContractSource =
  | { kind: 'sample'; name: string }
  | { kind: 'file'; path: string }
  | { kind: 'bytes'; hex: Hex; name?: string };

export interface SampleContract {
  name: string;
  exports: string[];
  description: string;
}

export interface DeployRequest {
  session: string;
  source: ContractSource;
  /** Owner bytes (raw value); 32 zero bytes by default. */
  owner?: ScriptValue;
  init?: ScriptValue;
  contractId?: ContractIdHex;
  gas?: U64;
  /** A name for the contract, stored once it is deployed. */
  name?: string;
  /** A data-driver to attach, validated before the deploy runs. */
  driver?: DriverSource;
}

/**
 * A call's argument: its bytes, a typed value (rkyv-encoded by the engine), or any JSON value the
 * contract's data-driver encodes (`encode_input_fn(fn, JSON.stringify(json))`).
 */
export type CallArgument = { hex: Hex } | { value: ScriptValue } | { json: unknown };

export interface CallRequest {
  session: string;
  contract: ContractIdHex;
  fn: string;
  arg?: CallArgument;
  gas?: U64;
}

export interface EventView {
  source: ContractIdHex;
  topic: string;
  data: Hex;
  reverted: boolean;
}

export interface CallTreeView {
  contract: ContractIdHex;
  fn: string;
  limit: U64;
  /**
   * Exclusive gas, as in piecrust's call tree: the frame's own spend (inclusive, up to its end or
   * failure) minus its children's. A failed child's whole limit was charged to its parent, so
   * the part it did not spend itself counts in the parent's.
   */
  spent: U64;
  /** Memory length when the frame was pushed (receipts only: a journal does not record it). */
  memLen?: number;
  /** The frame failed: its writes were reverted (failed calls' trees only). */
  error?: ApiError;
  children: CallTreeView[];
}

export interface CallResult {
  ok: boolean;
  data?: Hex;
  /**
   * A call's argument as the contract got it: the bytes sent, or what the engine (a typed value)
   * or the contract's driver (JSON) encoded. Absent on deploys.
   */
  arg?: Hex;
  gasLimit: U64;
  /**
   * Gas spent: the receipt's; for a failed call (no receipt) `limit − remaining` at the failure,
   * the whole limit when out of gas. Absent when the call failed before it ran.
   */
  gasSpent?: U64;
  events: EventView[];
  /** The receipt's call tree; for a failed call, the frames that ran up to the failure. */
  callTree?: CallTreeView;
  /** A failed call: the pages its frames wrote, as they were before the call and at the failure. */
  reverted?: PageDeltaView[];
  /** Debug messages printed during the call. */
  debug: string[];
  error?: ApiError;
  /** Session root after the call. */
  root: RootHex;
  /** Index of the call in the session's journal; -1 when it failed before it was recorded. */
  journalIndex: number;
  /** The gas table `gasSpent` and the call tree's figures are counted in (the session's). */
  gasTable: GasTableName;
}

export interface DeployResult extends CallResult {
  contractId?: ContractIdHex;
}

export interface DecodeRequest {
  hex: Hex;
  /** A Rust type name: `Option<i16>`, `(u64, u64)`, `Vec<ContractId>`… */
  type: string;
}

export interface DecodedValue {
  /** Rust-Debug-like text: `Some(17)`, `Err(Panic("x"))`. */
  text: string;
  /** The value in the script value syntax, or null when it has no such form. */
  value: ScriptValue | null;
}

/** What a data-driver decodes: a call's argument or output (by function), or an event (by topic). */
export type DriverValueKind = 'input' | 'output' | 'event';

export interface DriverDecodeItem {
  contract: ContractIdHex;
  kind: DriverValueKind;
  /** The function (input, output) or the event's topic. */
  name: string;
  hex: Hex;
}

/**
 * One value as the contract's driver read it: decoded to JSON, refused with the driver's own
 * error (shown beside the raw bytes, never instead of them), or no driver attached.
 */
export type DriverDecoding =
  | { status: 'decoded'; json: unknown }
  | { status: 'failed'; error: string }
  | { status: 'no-driver' };

/** A driver's `get_schema`: the JSON it gives, or its error (some drivers trap there). */
export type DriverSchemaView = { schema: unknown } | { error: string };
