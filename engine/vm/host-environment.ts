/**
 * What the host functions need from the session they run in. The Session implements it; keeping
 * it an interface keeps host-functions.ts free of session bookkeeping.
 */
import type { ContractId } from '../core/ids';
import type { GasTable } from '../wasm/gas-schedule';
import type { CallContext } from './call-context';
import type { LoadedContract } from './loaded-contract';
import type { CallHook, Event, HostQuery } from './types';

export interface HostEnvironment {
  /** The top-level call in progress (throws when none: a host function outside a call). */
  callContext(): CallContext;
  readonly events: Event[];
  readonly callHook: CallHook | undefined;
  readonly containHostQueryPanics: boolean;
  /** The session's gas table: what `emit` and host queries charge. */
  readonly gasTable: GasTable;
  /** The contract as this session sees it, loaded from the base commit if needed. */
  contract(id: ContractId): LoadedContract | undefined;
  /** Owner bytes of a contract of this session or its base, without loading its memory. */
  ownerOf(id: ContractId): Uint8Array | undefined;
  meta(name: string): Uint8Array | undefined;
  hostQuery(name: string): HostQuery | undefined;
  /** Send a chunk to the feeder of the current call; throws MissingFeed / FeedPulled. */
  feed(chunk: Uint8Array): void;
  debug(message: string): void;
}
