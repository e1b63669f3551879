/**
 * Scripts run by the service drive API sessions: every session a script opens is listed like one
 * the user opened, reports its calls (failed ones too, they are recorded as well) and ends when
 * the script commits or drops it; one still open when the script ends stays open, the user's
 * (the app's tab). Each step's result names the API session it acted on and, for a recorded
 * deploy or call, its place in that session's journal.
 */
import type { GasTableName } from '../core/gas-tables';
import type { ContractId, Root } from '../core/ids';
import type { ScriptHost, ScriptRunner } from '../script/script-runner';
import type { SessionOptions } from '../vm/types';
import type { DataDriver } from '../driver/data-driver';
import { overriding } from './overriding';
import type { AsyncSession } from '../vm/async-session';
import type { ScriptStepResult } from './types';

/** What the service does for the sessions a script drives. */
export interface ScriptSessionOwner {
  /** Open and list a session. */
  open(options: SessionOptions): Promise<{ handle: AsyncSession; id: string }>;
  /**
   * Run a deploy or call as the API runs the user's: the session busy meanwhile, its progress
   * told to clients (so the app shows it running and can interrupt it).
   */
  tracked<R>(id: string, fn: string, contract: string, run: () => Promise<R>): Promise<R>;
  /** The session's handle now: a new thread's once it was re-created (terminateSession). */
  current(id: string): AsyncSession | undefined;
  /** The session changed (a deploy or call ran): tell the clients. */
  changed(id: string): Promise<void>;
  /** The session committed `root` and is gone. */
  committed(id: string, root: Root): void;
  /** The session was dropped. */
  closed(id: string): void;
  /** Calls recorded in the session's journal, as last reported. */
  callsOf(id: string): number;
  /** The gas table the session meters with (undefined once it is gone). */
  gasTableOf(id: string): GasTableName | undefined;
  deleteCommit(root: Root): Promise<void>;
  finalizeCommit(root: Root): Promise<void>;
  holders(root: Root): number;
  /** A deploy step's contract name and driver, to keep with the contract (ScriptHost.deployed). */
  deployed(contract: ContractId, meta: { name?: string; driver?: Uint8Array }): Promise<void>;
  /** The driver the store keeps with a contract (ScriptHost.storedDriver). */
  storedDriver(contract: ContractId): DataDriver | undefined;
  /** The contract names the store keeps (ScriptHost.storedNames). */
  storedNames(): Map<ContractId, string>;
}

export class ScriptSessions {
  /** The API session id behind each session handle a script holds. */
  private readonly ids = new WeakMap<AsyncSession, string>();

  constructor(private readonly owner: ScriptSessionOwner) {}

  /** The host a script runner drives: the service's sessions and commits. */
  host(): ScriptHost {
    const owner = this.owner;
    return {
      openSession: async (options) => {
        const { handle, id } = await owner.open(options);
        // A re-created session goes on on its new thread: the script with it.
        const now = (): AsyncSession => owner.current(id) ?? handle;
        const run = async <R>(fn: string, contract: string, op: () => Promise<R>): Promise<R> => {
          try {
            return await owner.tracked(id, fn, contract, op);
          } finally {
            await owner.changed(id);
          }
        };
        const session = overriding<AsyncSession>(handle, {
          deploy: (bytecode, options, gas) =>
            run('deploy', options.contractId ?? '', () => now().deploy(bytecode, options, gas)),
          call: (contract, fn, arg, gas) =>
            run(fn, contract, () => now().call(contract, fn, arg, gas)),
          commit: async (label?: string) => {
            const root = await now().commit(label);
            owner.committed(id, root);
            return root;
          },
          close: async () => {
            await now().close();
            owner.closed(id);
          },
        });
        this.ids.set(session, id);
        return session;
      },
      deleteCommit: (root) => owner.deleteCommit(root),
      finalizeCommit: (root) => owner.finalizeCommit(root),
      holders: (root) => owner.holders(root),
      deployed: (contract, meta) => owner.deployed(contract, meta),
      storedDriver: (contract) => owner.storedDriver(contract),
      storedNames: () => owner.storedNames(),
    };
  }

  /** Run the runner's next step and say where it acted (see the module comment). */
  async step(runner: ScriptRunner): Promise<ScriptStepResult | undefined> {
    const step = runner.script.steps[runner.position];
    if (step === undefined) return undefined;
    const name = step.op === 'session' ? step.name : 'session' in step ? step.session : undefined;
    const idNow = (): string | undefined => {
      const handle = name === undefined ? undefined : runner.session(name);
      return handle === undefined ? undefined : this.ids.get(handle);
    };
    const callsOf = (id: string | undefined): number =>
      id === undefined ? 0 : this.owner.callsOf(id);
    // A commit or drop ends the session: know it before the step.
    const before = idNow();
    const callsBefore = callsOf(before);
    const tableBefore = before === undefined ? undefined : this.owner.gasTableOf(before);
    const result = await runner.step();
    const session = before ?? idNow();
    if (result === undefined || session === undefined) return result;
    const calls = callsOf(session);
    const recorded = (step.op === 'deploy' || step.op === 'call') && calls > callsBefore;
    const gasTable = tableBefore ?? this.owner.gasTableOf(session);
    return {
      ...result,
      session,
      ...(gasTable === undefined ? {} : { gasTable }),
      ...(recorded ? { journal: { source: { session }, call: calls - 1 } } : {}),
    };
  }
}
