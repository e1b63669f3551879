/**
 * Plain values every part of the API uses: hex, u64 strings, ids, errors, gas tables. Part of the
 * InspectorApi's data, re-exported by engine/api/types.ts.
 */
import type { BacktraceFrame } from '../../core/errors';
import type { GasTableName } from '../../core/gas-tables';

export type { BacktraceFrame, GasTableName };

export type Hex = string;
/** A u64 as a decimal string. */
export type U64 = string;
export type RootHex = string;
export type ContractIdHex = string;

/**
 * A gas table the engine meters with, and what it is in words. Every gas figure the API reports
 * (calls, deploys, journal calls, script steps) comes with the name of the table it is counted
 * in, so figures of different tables are never mixed.
 */
export interface GasTableInfo {
  name: GasTableName;
  description: string;
}

export interface GasTables {
  /** The table of sessions that pick none and start on genesis (the service VM's default). */
  default: GasTableName;
  tables: GasTableInfo[];
}

export interface ApiError {
  code: string;
  message: string;
  details: Record<string, string | number | boolean | null>;
  /**
   * Where a call trapped or panicked: its WebAssembly frames by function name, innermost first,
   * each with the contract whose code it runs.
   */
  backtrace?: BacktraceFrame[];
}

/** A value in the script value syntax (design "Scripts and CLI"): `"0x…"` raw or `{ "u64": "5" }` typed. */
export type ScriptValue = unknown;
