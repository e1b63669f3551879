/**
 * The params of every InspectorApi method, as schemas (param-schema.ts): what the transports
 * (WebSocket, Electron IPC) check each request against before it reaches the service. The
 * compiler holds this table to the interface in types.ts in both directions: a schema that
 * accepts what a method does not declare, or a method whose declared params a schema would
 * refuse, is a type error naming the method.
 */
import { PAGE_SIZE } from '../core/abi';
import { PiecrustError } from '../core/errors';
import { GAS_TABLE_NAMES, isGasTableName, unknownGasTableMessage } from '../core/gas-tables';
import {
  anyValue,
  array,
  bool,
  choice,
  custom,
  int,
  literal,
  nullable,
  object,
  oneOf,
  optional,
  record,
  str,
  type Infer,
  type Optional,
  type Schema,
} from './param-schema';
import type { ApiMethod, GasTableName, InspectorApi } from './types';

const none = object({});

// The service's own message for a bad table (the same over every transport and in-process).
const gasTable = custom<GasTableName>(`one of ${GAS_TABLE_NAMES.join(', ')}`, (v) => {
  if (!isGasTableName(v)) {
    throw new PiecrustError('InvalidInput', unknownGasTableMessage(v), {
      gasTable: typeof v === 'string' ? v : (JSON.stringify(v) ?? null),
      accepted: GAS_TABLE_NAMES.join(', '),
    });
  }
  return v;
});

/** `{ session } | { commit }` with the same other fields (StateRef, JournalSource). */
function sessionOrCommit<F extends Record<string, Schema<unknown> | Optional<unknown>>>(fields: F) {
  return oneOf(object({ session: str(), ...fields }), object({ commit: str(), ...fields }));
}

const stateRef = sessionOrCommit({});
const driverSource = oneOf(object({ hex: str() }), object({ path: str() }));
/** A u64 as a decimal string (the service parses and range-checks it). */
const u64 = str();

const callRequest = object({
  session: str(),
  contract: str(),
  fn: str(),
  arg: optional(
    oneOf(object({ hex: str() }), object({ value: anyValue() }), object({ json: anyValue() })),
  ),
  gas: optional(u64),
});
export const API_PARAMS = {
  workspace: none,
  openWorkspace: object({ path: str() }),
  newWorkspace: object({ path: str() }),
  recentWorkspaces: none,
  closeWorkspace: none,
  openSession: object({
    base: optional(nullable(str())),
    name: optional(str()),
    meta: optional(record(anyValue())),
    gasTable: optional(gasTable),
  }),
  listSessions: none,
  closeSession: object({ session: str() }),
  interrupt: object({ session: str() }),
  terminateSession: object({ session: str(), recreate: optional(bool()) }),
  gasTables: none,
  samples: none,
  deploy: object({
    session: str(),
    source: oneOf(
      object({ kind: literal('sample'), name: str() }),
      object({ kind: literal('file'), path: str() }),
      object({ kind: literal('bytes'), hex: str(), name: optional(str()) }),
    ),
    owner: optional(anyValue()),
    init: optional(anyValue()),
    contractId: optional(str()),
    gas: optional(u64),
    name: optional(str()),
    driver: optional(driverSource),
  }),
  contracts: stateRef,
  call: callRequest,
  profileCall: callRequest,
  profileJournalCall: sessionOrCommit({ call: int(0) }),
  profileDiff: object({ a: str(), b: str() }),
  exportProfile: object({ id: str(), format: choice('folded', 'speedscope') }),
  renameContract: object({ contract: str(), name: str() }),
  attachDriver: object({ contract: str(), driver: driverSource }),
  contractNames: none,
  driverSchema: object({ contract: str() }),
  driverEncode: object({ contract: str(), fn: str(), json: anyValue() }),
  driverDecode: object({
    items: array(
      object({
        contract: str(),
        kind: choice('input', 'output', 'event'),
        name: str(),
        hex: str(),
      }),
    ),
  }),
  encodeValue: object({ value: anyValue() }),
  decodeValue: object({ hex: str(), type: str() }),
  journal: sessionOrCommit({
    from: optional(int(0)),
    to: optional(int(0)),
    steps: optional(bool()),
  }),
  stepDetail: sessionOrCommit({
    call: int(0),
    step: int(0),
    rows: optional(
      object({
        pages: int(0),
        focus: optional(object({ contract: str(), page: int(0) })),
        rowBytes: int(1, PAGE_SIZE),
        context: int(0),
        maxRows: int(0),
      }),
    ),
  }),
  pageAtStep: sessionOrCommit({
    point: object({ call: int(0), step: int(-1) }),
    contract: str(),
    page: int(0),
    offset: optional(int(0)),
    length: optional(int(0)),
  }),
  stepsWritingPage: sessionOrCommit({ contract: str(), page: int(0) }),
  memory: sessionOrCommit({ contract: str() }),
  readMemory: sessionOrCommit({ contract: str(), offset: int(0), length: int(0) }),
  commit: object({ session: str(), label: optional(str()) }),
  deleteCommit: object({ root: str() }),
  finalizeCommit: object({ root: str() }),
  commitGraph: object({ after: optional(str()), limit: optional(int(1)) }),
  diff: object({ from: stateRef, to: stateRef }),
  pageDiff: object({ from: stateRef, to: stateRef, contract: str(), page: int(0) }),
  pageWriters: object({
    from: stateRef,
    to: stateRef,
    side: choice('from', 'to'),
    contract: str(),
    page: int(0),
  }),
  loadScript: object({ path: optional(str()), json: optional(anyValue()) }),
  scriptStep: object({ script: str() }),
  scriptRun: object({ script: str() }),
  saveScript: object({ session: str(), path: optional(str()) }),
} satisfies Record<ApiMethod, Schema<unknown>>;

/** What a method declares it takes (`{}` for a method without params). */
type Declared<M extends ApiMethod> =
  Parameters<InspectorApi[M]> extends []
    ? Record<never, never>
    : NonNullable<Parameters<InspectorApi[M]>[0]>;
type Checked<M extends ApiMethod> = Infer<(typeof API_PARAMS)[M]>;

/**
 * Methods whose schema and declaration disagree (never, or the build fails below): each must
 * accept what the other does, and name the same fields (optional ones would slip through
 * assignability alone).
 */
type Same<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [keyof A] extends [keyof B]
      ? [keyof B] extends [keyof A]
        ? true
        : false
      : false
    : false
  : false;
type Disagreeing = {
  [M in ApiMethod]: Same<Checked<M>, Declared<M>> extends true ? never : M;
}[ApiMethod];
const agree: [Disagreeing] extends [never] ? true : Disagreeing = true;
void agree;
