/**
 * Runs a parsed script against a VM, one step at a time (`step()`, for the UI) or all at once
 * (`run()`, for the CLI). A step's failure — an unexpected error or result — is reported and
 * the script goes on; only `parseScript` rejects a script as a whole.
 */
import { toErrorData } from '../core/errors';
import { toContractId, type ContractId, type Root } from '../core/ids';
import { encodeScriptValue } from '../rkyv';
import { DataDriver } from '../driver/data-driver';
import { resultOf, type AsyncSession } from '../vm/async-session';
import type { CallOutcome } from '../vm/call-outcome';
import type { SessionOptions } from '../vm/types';
import type { CallProfile } from '../profile/profile-tree';
import { DeferredOps } from './deferred-ops';
import { expectOutcome } from './expected-outcome';
import { ScriptBindings } from './script-bindings';
import { ScriptDrivers } from './script-drivers';
import type { Script, Step } from './script-schema';
import { stepTitle, type StepResult } from './step-result';

export interface ScriptRunnerOptions {
  /** Reads a `.wasm` path as written in the script (relative paths are the caller's concern). */
  readWasm(path: string): Uint8Array;
  /**
   * Reads a deploy's `driver` path as written in the script; absent: `readWasm` reads it (the
   * same folder, only its errors say "contract").
   */
  readDriver?(path: string): Uint8Array;
  /**
   * Set (`run --profile`): every call step runs profiled (the session's `profileCall`, whose
   * outcome is the unprofiled call's) and its gas profile comes here before the step's result is
   * made, a failed call's too. Absent: calls go through `call`, as always.
   */
  onCallProfile?(call: ProfiledStep, profile: CallProfile): void;
}

/** The call step a gas profile is of. */
export interface ProfiledStep {
  /** The step's index in the script. */
  index: number;
  /** The contract as the script names it (a deploy's name or a 0x… id). */
  contractName: string;
  contract: ContractId;
  fn: string;
}

/** What a script needs from the VM (a `Vm` with local sessions, or the inspector service). */
export interface ScriptHost {
  openSession(options: SessionOptions): Promise<AsyncSession>;
  deleteCommit(root: Root): Promise<void>;
  finalizeCommit(root: Root): Promise<void>;
  holders(root: Root): number;
  /**
   * A deploy step's contract, with its script `name` and `driver` bytes: a host that keeps
   * contracts' names and drivers (the service, in the store) keeps these, so the contract is
   * named and decoded after the run too. Absent: they live as long as the run.
   */
  deployed?(contract: ContractId, meta: { name?: string; driver?: Uint8Array }): Promise<void>;
  /**
   * The data-driver the host keeps with a contract (the store's), used for contracts the script
   * attached none to: a script on a store decodes contracts deployed before it ran.
   */
  storedDriver?(contract: ContractId): DataDriver | undefined;
  /** Contracts' names the host keeps (the store's), by id: a script may name them too. */
  storedNames?(): Map<ContractId, string>;
}

const ZERO_OWNER = new Uint8Array(32);

export class ScriptRunner {
  private next = 0;
  private readonly names: ScriptBindings;
  private readonly deferred = new DeferredOps();
  /** The data-drivers deploy steps attached, by contract id, over the ones the host keeps. */
  readonly drivers: ScriptDrivers;
  readonly results: StepResult[] = [];

  constructor(
    private readonly vm: ScriptHost,
    readonly script: Script,
    private readonly options: ScriptRunnerOptions,
  ) {
    this.names = new ScriptBindings(vm.storedNames?.bind(vm));
    this.drivers = new ScriptDrivers(vm.storedDriver?.bind(vm));
  }

  get done(): boolean {
    return this.next >= this.script.steps.length;
  }

  get position(): number {
    return this.next;
  }

  /** Names bound so far, for display. */
  bindings(): ReturnType<ScriptBindings['snapshot']> {
    return this.names.snapshot();
  }

  session(name: string): AsyncSession | undefined {
    return this.names.sessions.get(name);
  }

  async step(): Promise<StepResult | undefined> {
    if (this.done) return undefined;
    const index = this.next++;
    const step = this.script.steps[index];
    const result = await this.execute(index, step);
    this.names.noteStep(step, result);
    this.results.push(result);
    return result;
  }

  async run(onResult?: (r: StepResult) => void): Promise<StepResult[]> {
    while (!this.done) {
      const r = await this.step();
      if (r !== undefined) onResult?.(r);
    }
    for (const r of await this.finish()) onResult?.(r);
    return this.results;
  }

  /**
   * Close sessions left open and wait for the deletes/finalizes they deferred. A deferred one
   * that failed is a failed result of its own, added to `results` and returned.
   *
   * `leaveSessionsOpen`: the sessions are the user's now (the app lists them as tabs), not
   * closed; a delete or finalize still waiting for one of them (or for any other session) is
   * not waited for: it completes when that session ends.
   */
  async finish(options: { leaveSessionsOpen?: boolean } = {}): Promise<StepResult[]> {
    const { sessions } = this.names;
    if (options.leaveSessionsOpen !== true)
      await Promise.all([...sessions.values()].map((s) => s.close()));
    sessions.clear();
    const late = await this.deferred.settle((root) => this.vm.holders(root));
    this.results.push(...late);
    return late;
  }

  private loadDriver(path: string): { driver: DataDriver; bytes: Uint8Array } {
    const read = this.options.readDriver ?? this.options.readWasm;
    const bytes = read(path);
    return { driver: DataDriver.fromBytes(bytes), bytes };
  }

  /** A call step's call: profiled when the options ask for its profile. */
  private async callStep(
    s: AsyncSession,
    index: number,
    step: Extract<Step, { op: 'call' }>,
    id: ContractId,
    arg: Uint8Array,
  ): Promise<CallOutcome> {
    const onProfile = this.options.onCallProfile;
    if (onProfile === undefined) return s.call(id, step.fn, arg, step.gas);
    const { profile, ...outcome } = await s.profileCall(id, step.fn, arg, step.gas);
    onProfile({ index, contractName: step.contract, contract: id, fn: step.fn }, profile);
    return outcome;
  }

  private async execute(index: number, step: Step): Promise<StepResult> {
    const base = { index, op: step.op, title: stepTitle(step) };
    const names = this.names;
    try {
      switch (step.op) {
        case 'session': {
          const meta: Record<string, Uint8Array> = {};
          for (const [k, v] of Object.entries(step.meta))
            meta[k] = encodeScriptValue(v, names.contract);
          const baseRoot = step.base === 'genesis' ? null : names.commit(step.base);
          names.sessions.set(
            step.name,
            await this.vm.openSession({
              base: baseRoot,
              meta,
              name: step.name,
              ...(this.script.piecrust === undefined ? {} : { gasTable: this.script.piecrust }),
            }),
          );
          return { ...base, passed: true };
        }
        case 'deploy':
          return expectOutcome(
            { ...base, gasLimit: step.gas.toString() },
            step.expect,
            async () => {
              const s = names.session(step.session);
              const bytecode = this.options.readWasm(step.wasm);
              // Loaded before the deploy: a bad driver fails the step with nothing deployed.
              const driver = step.driver === undefined ? undefined : this.loadDriver(step.driver);
              const owner =
                step.owner === undefined
                  ? ZERO_OWNER
                  : encodeScriptValue(step.owner, names.contract);
              const initArg =
                step.init === undefined ? undefined : encodeScriptValue(step.init, names.contract);
              const contractId =
                step.contractId === undefined ? undefined : toContractId(step.contractId);
              const { contractId: id, receipt } = resultOf(
                await s.deploy(bytecode, { owner, initArg, contractId }, step.gas),
              );
              if (driver !== undefined) this.drivers.attach(id, driver.driver);
              if (step.name !== undefined) names.contracts.set(step.name, id);
              if (step.name !== undefined || driver !== undefined)
                await this.vm.deployed?.(id, { name: step.name, driver: driver?.bytes });
              return {
                contractId: id,
                data: receipt === undefined ? undefined : receipt.data,
                gasSpent: receipt?.gasSpent,
                events: receipt?.events.length ?? 0,
              };
            },
            names.contract,
          );
        case 'call':
          return expectOutcome(
            { ...base, gasLimit: step.gas.toString() },
            step.expect,
            async () => {
              const s = names.session(step.session);
              const id = names.contract(step.contract);
              const arg =
                step.json !== undefined
                  ? this.drivers
                      .required(id, step.contract, '`json`')
                      .encodeInput(step.fn, JSON.stringify(step.json))
                  : step.arg === undefined
                    ? new Uint8Array(0)
                    : encodeScriptValue(step.arg, names.contract);
              if (step.expect.json !== undefined)
                this.drivers.required(id, step.contract, '`expect.json`');
              const receipt = resultOf(await this.callStep(s, index, step, id, arg));
              return {
                data: receipt.data,
                gasSpent: receipt.gasSpent,
                events: receipt.events.length,
                decoding: this.drivers.decodeOutput(id, step.fn, receipt.data),
                emitted: this.drivers.events(receipt.events),
              };
            },
            names.contract,
          );
        case 'commit': {
          const s = names.session(step.session);
          names.sessions.delete(step.session);
          // A script's session ends at its commit step, written or not (a failed commit leaves
          // the session open, and nothing later in the script can name it).
          const root = await s.commit(step.name ?? '').catch(async (e: unknown) => {
            await s.close();
            throw e;
          });
          if (step.name !== undefined) names.commits.set(step.name, root);
          return { ...base, passed: true, root };
        }
        case 'drop':
          await names.session(step.session).close();
          names.sessions.delete(step.session);
          return { ...base, passed: true };
        case 'delete':
        case 'finalize': {
          const root = names.commit(step.commit);
          const op =
            step.op === 'delete' ? this.vm.deleteCommit(root) : this.vm.finalizeCommit(root);
          if (this.vm.holders(root) > 0) {
            // Held by an open session: it completes when that session commits or is dropped.
            this.deferred.add({ ...base, root }, op);
            return {
              ...base,
              passed: true,
              root,
              reason: `deferred until ${this.vm.holders(root)} session(s) release it`,
            };
          }
          await op;
          return { ...base, passed: true, root };
        }
      }
    } catch (e) {
      return { ...base, passed: false, reason: (e as Error).message, error: toErrorData(e) };
    }
  }
}
