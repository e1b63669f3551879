/**
 * The JSON script format (design "Scripts and CLI"): `{ "version": 1, "steps": [...] }`, each
 * step an `op` with its fields; an optional top-level `"piecrust": "head" | "0.19"` picks the gas
 * table every session of the script meters with. `parseScript` checks the whole script before anything runs —
 * field types, names defined before use — and reports the first problem with the step index.
 */
import { PiecrustError } from '../core/errors';
import { isHex32 } from '../core/ids';
import { isGasTableName, unknownGasTableMessage, type GasTableName } from '../core/gas-tables';

export type ScriptValueJson = unknown;

export interface Expectation {
  data?: ScriptValueJson;
  /** The output decoded by the contract's data-driver must deep-equal this JSON value. */
  json?: unknown;
  error?: string;
  panic?: string;
}

export type Step =
  | { op: 'session'; name: string; base: string; meta: Record<string, ScriptValueJson> }
  | {
      op: 'deploy';
      session: string;
      wasm: string;
      /** A data-driver `.wasm`, attached to the contract for the rest of the run. */
      driver: string | undefined;
      name: string | undefined;
      owner: ScriptValueJson | undefined;
      init: ScriptValueJson | undefined;
      contractId: string | undefined;
      gas: bigint;
      expect: Expectation;
    }
  | {
      op: 'call';
      session: string;
      contract: string;
      fn: string;
      arg: ScriptValueJson | undefined;
      /** The argument as JSON, encoded by the contract's data-driver (instead of `arg`). */
      json: unknown;
      gas: bigint;
      expect: Expectation;
    }
  | { op: 'commit'; session: string; name: string | undefined }
  | { op: 'drop'; session: string }
  | { op: 'delete' | 'finalize'; commit: string };

export interface Script {
  version: 1;
  /** The gas table of every session of the script; absent: the runner's (CLI `--piecrust`). */
  piecrust?: GasTableName;
  steps: Step[];
}

const TOP_LEVEL_FIELDS = ['version', 'piecrust', 'steps'];

/** Gas when a step gives none: generous, far below u64::MAX so loops still end. */
export const DEFAULT_GAS = 1_000_000_000n;
const U64_MAX = (1n << 64n) - 1n;

export class ScriptError extends PiecrustError {
  constructor(
    readonly step: number | undefined,
    reason: string,
  ) {
    super(
      'InvalidInput',
      step === undefined
        ? `invalid script: ${reason}`
        : `invalid script: steps[${step}]: ${reason}`,
      {
        step: step ?? null,
        reason,
      },
    );
  }
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const FIELDS: Record<Step['op'], string[]> = {
  session: ['op', 'name', 'base', 'meta'],
  deploy: [
    'op',
    'session',
    'wasm',
    'driver',
    'name',
    'owner',
    'init',
    'contractId',
    'gas',
    'expect',
  ],
  call: ['op', 'session', 'contract', 'fn', 'arg', 'json', 'gas', 'expect'],
  commit: ['op', 'session', 'name'],
  drop: ['op', 'session'],
  delete: ['op', 'commit'],
  finalize: ['op', 'commit'],
};

export function parseGas(value: unknown, where: string): bigint {
  if (value === undefined) return DEFAULT_GAS;
  let gas: bigint;
  if (typeof value === 'number' && Number.isSafeInteger(value)) gas = BigInt(value);
  else if (typeof value === 'string' && /^\d+$/.test(value)) gas = BigInt(value);
  else
    throw new Error(
      `${where} must be a u64 as a number or a decimal string, got ${JSON.stringify(value)}`,
    );
  if (gas < 0n || gas > U64_MAX) throw new Error(`${where} ${gas} is outside u64 (0..=${U64_MAX})`);
  return gas;
}

function parseExpect(value: unknown, op: 'deploy' | 'call'): Expectation {
  if (value === undefined) return {};
  if (!isObject(value)) throw new Error('`expect` must be an object');
  const fields = op === 'call' ? ['data', 'json', 'error', 'panic'] : ['data', 'error', 'panic'];
  for (const k of Object.keys(value)) {
    if (!fields.includes(k))
      throw new Error(
        k === 'json'
          ? '`expect.json` is for calls (a deploy has no function for the driver to decode)'
          : `unknown field \`expect.${k}\``,
      );
  }
  if (value.error !== undefined && typeof value.error !== 'string')
    throw new Error('`expect.error` must be a string');
  if (value.panic !== undefined && typeof value.panic !== 'string')
    throw new Error('`expect.panic` must be a string');
  if (value.data !== undefined && (value.error !== undefined || value.panic !== undefined)) {
    throw new Error('`expect` cannot hold both `data` and an error');
  }
  if (value.json !== undefined && (value.error !== undefined || value.panic !== undefined)) {
    throw new Error('`expect` cannot hold both `json` and an error');
  }
  return {
    data: value.data,
    ...(value.json === undefined ? {} : { json: value.json }),
    error: value.error as string | undefined,
    panic: value.panic as string | undefined,
  };
}

function str(step: Json, key: string, required: boolean): string | undefined {
  const v = step[key];
  if (v === undefined) {
    if (required) throw new Error(`missing field \`${key}\``);
    return undefined;
  }
  if (typeof v !== 'string' || v.length === 0)
    throw new Error(`\`${key}\` must be a non-empty string`);
  return v;
}

function parseStep(
  raw: unknown,
  sessions: Set<string>,
  commits: Set<string>,
  contracts: Set<string>,
): Step {
  if (!isObject(raw)) throw new Error('a step must be an object');
  const op = raw.op;
  // Own keys only: `in` would take "constructor", "toString", "__proto__" from the prototype.
  if (typeof op !== 'string' || !Object.hasOwn(FIELDS, op)) {
    throw new Error(`unknown op ${JSON.stringify(op)} (one of ${Object.keys(FIELDS).join(', ')})`);
  }
  for (const k of Object.keys(raw)) {
    if (!FIELDS[op as Step['op']].includes(k))
      throw new Error(`unknown field \`${k}\` for op "${op}"`);
  }
  const session = (): string => {
    const name = str(raw, 'session', true) as string;
    if (!sessions.has(name)) throw new Error(`session "${name}" is not open at this step`);
    return name;
  };
  switch (op) {
    case 'session': {
      const name = str(raw, 'name', true) as string;
      if (sessions.has(name)) throw new Error(`session "${name}" is already open`);
      const base = str(raw, 'base', false) ?? 'genesis';
      if (base !== 'genesis' && !commits.has(base) && !isHex32(base)) {
        throw new Error(
          `base "${base}" is neither "genesis", a commit named earlier, nor a 0x… root`,
        );
      }
      const meta = raw.meta ?? {};
      if (!isObject(meta)) throw new Error('`meta` must be an object of name → value');
      sessions.add(name);
      return { op, name, base, meta };
    }
    case 'deploy': {
      const s = session();
      const name = str(raw, 'name', false);
      if (name !== undefined) contracts.add(name);
      const contractId = str(raw, 'contractId', false);
      if (contractId !== undefined && !isHex32(contractId))
        throw new Error('`contractId` must be 0x + 64 hex digits');
      return {
        op,
        session: s,
        wasm: str(raw, 'wasm', true) as string,
        driver: str(raw, 'driver', false),
        name,
        owner: raw.owner,
        init: raw.init,
        contractId,
        gas: parseGas(raw.gas, '`gas`'),
        expect: parseExpect(raw.expect, 'deploy'),
      };
    }
    case 'call': {
      const s = session();
      const contract = str(raw, 'contract', true) as string;
      if (!contracts.has(contract) && !isHex32(contract)) {
        throw new Error(
          `contract "${contract}" is neither deployed earlier in the script nor a 0x… id`,
        );
      }
      if (raw.arg !== undefined && raw.json !== undefined)
        throw new Error(
          "a call takes either `arg` (a typed value) or `json` (encoded by the contract's data-driver), not both",
        );
      return {
        op,
        session: s,
        contract,
        fn: str(raw, 'fn', true) as string,
        arg: raw.arg,
        json: raw.json,
        gas: parseGas(raw.gas, '`gas`'),
        expect: parseExpect(raw.expect, 'call'),
      };
    }
    case 'commit': {
      const s = session();
      const name = str(raw, 'name', false);
      if (name !== undefined) commits.add(name);
      sessions.delete(s);
      return { op, session: s, name };
    }
    case 'drop': {
      const s = session();
      sessions.delete(s);
      return { op, session: s };
    }
    default: {
      const commit = str(raw, 'commit', true) as string;
      if (!commits.has(commit) && !isHex32(commit))
        throw new Error(`commit "${commit}" is not named earlier nor a 0x… root`);
      return { op: op as 'delete' | 'finalize', commit };
    }
  }
}

/**
 * `storedContracts`: names of contracts the script will find where it runs (a store's contract
 * names, vm/contract-names.ts), accepted wherever a step names a contract, as if deployed before
 * its first step; without them a script names only its own deploys and 0x… ids.
 */
export function parseScript(
  json: unknown,
  options: { storedContracts?: Iterable<string> } = {},
): Script {
  if (!isObject(json)) throw new ScriptError(undefined, 'the top level must be an object');
  if (json.version !== 1)
    throw new ScriptError(undefined, `"version" must be 1, got ${JSON.stringify(json.version)}`);
  for (const k of Object.keys(json)) {
    if (!TOP_LEVEL_FIELDS.includes(k)) {
      throw new ScriptError(
        undefined,
        `unknown top-level field \`${k}\` (a script has ${TOP_LEVEL_FIELDS.map((f) => `"${f}"`).join(', ')})`,
      );
    }
  }
  if (json.piecrust !== undefined && !isGasTableName(json.piecrust)) {
    throw new ScriptError(undefined, `"piecrust": ${unknownGasTableMessage(json.piecrust)}`);
  }
  if (!Array.isArray(json.steps)) throw new ScriptError(undefined, '"steps" must be an array');
  const sessions = new Set<string>();
  const commits = new Set<string>();
  const contracts = new Set<string>(options.storedContracts);
  const steps = json.steps.map((raw, i) => {
    try {
      return parseStep(raw, sessions, commits, contracts);
    } catch (e) {
      throw new ScriptError(i, (e as Error).message);
    }
  });
  return json.piecrust === undefined
    ? { version: 1, steps }
    : { version: 1, piecrust: json.piecrust, steps };
}
