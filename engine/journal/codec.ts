/**
 * Journal ⇄ bytes, for storage with its commit. Format 2 is binary (binary-io.ts): ids and hashes
 * as raw bytes, gas as u64, page changes as references to page versions (listed in the store's
 * journal header, so the pages live as long as the commit). Format 1, JSON with bytes as hex
 * (journals stored before page references: ~90 bytes of memory per byte written), still decodes;
 * its page changes come back inline.
 */
import { PiecrustError, type ErrorData } from '../core/errors';
import { GAS_TABLE_NAMES, type GasTableName } from '../core/gas-tables';
import { bytesToHex, hexToBytes, type ContractId, type Root } from '../core/ids';
import { isContainer, journalBody, wrapJournal } from '../store/journal-container';
import type { Event } from '../vm/types';
import { BinaryReader, BinaryWriter } from './binary-io';
import { journalPageRefs } from './replay';
import {
  isInlineDelta,
  type Journal,
  type JournalCall,
  type JournalStep,
  type PageDelta,
  type PageRefDelta,
} from './types';

/**
 * 3: failed exits carry the gas spent up to the failure and the writes the revert undid.
 * 4: every call carries the session's metadata items as it ran.
 */
const FORMAT = 4;

// ------------------------------------------------------------------ writing

function table(w: BinaryWriter, t: GasTableName | undefined): void {
  w.u8(t === undefined ? 0 : GAS_TABLE_NAMES.indexOf(t) + 1);
}

function id(w: BinaryWriter, hex: string): void {
  w.raw(hexToBytes(hex));
}

function optional<T>(w: BinaryWriter, v: T | undefined, put: (v: T) => void): void {
  w.u8(v === undefined ? 0 : 1);
  if (v !== undefined) put(v);
}

function error(w: BinaryWriter, e: ErrorData | undefined): void {
  // Errors are small and their details free-form: JSON keeps them exactly.
  optional(w, e, (v) => w.str(JSON.stringify(v)));
}

function writeEvent(w: BinaryWriter, e: Event): void {
  id(w, e.source);
  w.str(e.topic)
    .bytes(e.data)
    .u8(e.reverted ? 1 : 0);
}

function writeDeltas(w: BinaryWriter, deltas: readonly PageDelta[]): void {
  w.u32(deltas.length);
  for (const d of deltas) {
    if (isInlineDelta(d)) throw new Error('an inline page change cannot be written as format 3');
    id(w, d.contract);
    w.u32(d.page);
    id(w, d.before);
    id(w, d.after);
    w.u32(d.ranges.length);
    for (const r of d.ranges) w.u32(r.start).u32(r.end);
  }
}

function writeStep(w: BinaryWriter, s: JournalStep): void {
  w.u8(s.kind === 'enter' ? 0 : 1).u32(s.depth);
  id(w, s.contract);
  w.str(s.fn).u64(s.gas);
  optional(w, s.data, (d) => w.bytes(d));
  error(w, s.error);
  optional(w, s.ran, (r) => id(w, r));
  writeDeltas(w, s.deltas);
  writeDeltas(w, s.reverted ?? []);
  w.u32(s.events.length);
  for (const e of s.events) writeEvent(w, e);
  w.u32(s.debug.length);
  for (const m of s.debug) w.str(m);
}

function writeCall(w: BinaryWriter, c: JournalCall): void {
  w.u32(c.index).u8(c.kind === 'deploy' ? 0 : 1);
  id(w, c.contract);
  w.str(c.fn).bytes(c.arg).u64(c.gasLimit);
  optional(w, c.gasSpent, (g) => w.u64(g));
  table(w, c.gasTable);
  optional(w, c.result, (r) => w.bytes(r));
  error(w, c.error);
  optional(w, c.codeHash, (h) => w.str(h));
  optional(w, c.owner, (o) => w.bytes(o));
  optional(w, c.explicitId, (x) => w.u8(x ? 1 : 0));
  optional(w, c.meta, (items) => {
    w.u32(items.length);
    for (const [name, value] of items) w.str(name).bytes(value);
  });
  w.f64(c.micros).u32(c.steps.length);
  for (const s of c.steps) writeStep(w, s);
}

export function encodeJournal(journal: Journal): Uint8Array {
  const w = new BinaryWriter();
  w.u8(FORMAT);
  optional(w, journal.base ?? undefined, (b) => id(w, b));
  table(w, journal.gasTable);
  w.u32(journal.calls.length);
  for (const c of journal.calls) writeCall(w, c);
  return wrapJournal(journalPageRefs(journal), w.finish());
}

// ------------------------------------------------------------------ reading

function readTable(r: BinaryReader): GasTableName | undefined {
  const code = r.u8();
  return code === 0 ? undefined : GAS_TABLE_NAMES[code - 1];
}

const readId = (r: BinaryReader): string => bytesToHex(r.raw(32));

function readOptional<T>(r: BinaryReader, get: () => T): T | undefined {
  return r.u8() === 0 ? undefined : get();
}

function readError(r: BinaryReader): ErrorData | undefined {
  return readOptional(r, () => JSON.parse(r.str()) as ErrorData);
}

function readDeltas(r: BinaryReader): PageRefDelta[] {
  const deltas: PageRefDelta[] = [];
  for (let n = r.u32(); n > 0; n--) {
    const delta: PageRefDelta = {
      contract: readId(r) as ContractId,
      page: r.u32(),
      before: readId(r),
      after: readId(r),
      ranges: [],
    };
    for (let k = r.u32(); k > 0; k--) delta.ranges.push({ start: r.u32(), end: r.u32() });
    deltas.push(delta);
  }
  return deltas;
}

function readStep(r: BinaryReader, format: number): JournalStep {
  const kind = r.u8() === 0 ? 'enter' : 'exit';
  const depth = r.u32();
  const contract = readId(r) as ContractId;
  const fn = r.str();
  const gas = r.u64();
  const data = readOptional(r, () => r.bytes());
  const err = readError(r);
  const ran = readOptional(r, () => readId(r) as ContractId);
  const deltas = readDeltas(r);
  const reverted = format >= 3 ? readDeltas(r) : [];
  const events: Event[] = [];
  for (let n = r.u32(); n > 0; n--) {
    events.push({
      source: readId(r) as ContractId,
      topic: r.str(),
      data: r.bytes(),
      reverted: r.u8() === 1,
    });
  }
  const debug: string[] = [];
  for (let n = r.u32(); n > 0; n--) debug.push(r.str());
  const step: JournalStep = { kind, depth, contract, fn, gas, deltas, events, debug };
  if (data !== undefined) step.data = data;
  if (err !== undefined) step.error = err;
  if (ran !== undefined) step.ran = ran;
  if (reverted.length > 0) step.reverted = reverted;
  return step;
}

function readCall(r: BinaryReader, format: number): JournalCall {
  const index = r.u32();
  const kind = r.u8() === 0 ? 'deploy' : 'call';
  const contract = readId(r) as ContractId;
  const fn = r.str();
  const arg = r.bytes();
  const gasLimit = r.u64();
  const gasSpent = readOptional(r, () => r.u64());
  const gasTable = readTable(r);
  const result = readOptional(r, () => r.bytes());
  const err = readError(r);
  const codeHash = readOptional(r, () => r.str());
  const owner = readOptional(r, () => r.bytes());
  const explicitId = readOptional(r, () => r.u8() === 1);
  const meta = format >= 4 ? readOptional(r, () => readMeta(r)) : undefined;
  const micros = r.f64();
  const steps: JournalStep[] = [];
  for (let n = r.u32(); n > 0; n--) steps.push(readStep(r, format));
  const call: JournalCall = {
    index,
    kind,
    contract,
    fn,
    arg,
    gasLimit,
    gasSpent,
    result,
    error: err,
    steps,
    micros,
  };
  if (gasTable !== undefined) call.gasTable = gasTable;
  if (codeHash !== undefined) call.codeHash = codeHash;
  if (owner !== undefined) call.owner = owner;
  if (explicitId !== undefined) call.explicitId = explicitId;
  if (meta !== undefined) call.meta = meta;
  return call;
}

function readMeta(r: BinaryReader): Array<[string, Uint8Array]> {
  const items: Array<[string, Uint8Array]> = [];
  for (let n = r.u32(); n > 0; n--) items.push([r.str(), r.bytes()]);
  return items;
}

function decodeBinary(body: Uint8Array): Journal {
  const r = new BinaryReader(body);
  const format = r.u8();
  if (format < 2 || format > FORMAT) {
    throw new PiecrustError(
      'PersistenceError',
      `unsupported journal format ${format} (expected 2 to ${FORMAT})`,
      {
        format,
      },
    );
  }
  const base = readOptional(r, () => readId(r) as Root) ?? null;
  const gasTable = readTable(r);
  const calls: JournalCall[] = [];
  for (let n = r.u32(); n > 0; n--) calls.push(readCall(r, format));
  if (!r.atEnd) throw new Error('bytes after the last call');
  const journal: Journal = { base, calls };
  if (gasTable !== undefined) journal.gasTable = gasTable;
  return format < 3 ? markLegacyFailedGas(journal) : journal;
}

/**
 * Before format 3 a failed exit recorded the frame's limit as its gas and a failed call no gas:
 * say "not recorded" rather than show the limit as spent.
 */
function markLegacyFailedGas(journal: Journal): Journal {
  for (const call of journal.calls) {
    for (const step of call.steps) {
      if (step.kind === 'exit' && step.error !== undefined) step.gasNotRecorded = true;
    }
  }
  return journal;
}

// ------------------------------------------------------------------ format 1 (JSON)

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function fromJson(value: Json): unknown {
  if (Array.isArray(value)) return value.map(fromJson);
  if (value !== null && typeof value === 'object') {
    if (typeof value.$bytes === 'string') return hexToBytes(value.$bytes);
    if (typeof value.$u64 === 'string') return BigInt(value.$u64);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fromJson(v);
    return out;
  }
  return value;
}

function decodeJson(bytes: Uint8Array): Journal {
  let parsed: { format?: unknown; journal?: Json };
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes)) as { format?: unknown; journal?: Json };
  } catch (e) {
    throw new PiecrustError(
      'PersistenceError',
      `journal is not valid JSON: ${(e as Error).message}`,
      {},
    );
  }
  if (parsed.format !== 1 || parsed.journal === undefined) {
    throw new PiecrustError(
      'PersistenceError',
      `unsupported journal format ${String(parsed.format)}`,
      {
        format: String(parsed.format),
      },
    );
  }
  return markLegacyFailedGas(fromJson(parsed.journal) as Journal);
}

export function decodeJournal(bytes: Uint8Array): Journal {
  if (!isContainer(bytes)) return decodeJson(bytes);
  try {
    return decodeBinary(journalBody(bytes));
  } catch (e) {
    if (e instanceof PiecrustError) throw e;
    throw new PiecrustError(
      'PersistenceError',
      `journal does not decode: ${(e as Error).message}`,
      {},
    );
  }
}
