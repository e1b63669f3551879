/**
 * Runs a parsed script against a VM, one step at a time (`step()`, for the UI) or all at once
 * (`run()`, for the CLI). A step's failure — an unexpected error or result — is reported and
 * the script goes on; only `parseScript` rejects a script as a whole.
 */
import { isPiecrustError, PiecrustError, toErrorData, type ErrorData } from '../core/errors';
import { errorText } from '../core/error-text';
import { bytesToHex, isHex32, toContractId, toRoot, type ContractId, type Root } from '../core/ids';
import { encodeScriptValue } from '../rkyv';
import { resultOf, type AsyncSession } from '../vm/async-session';
import { failedCallGasSpent } from '../vm/failed-call-gas';
import type { SessionOptions } from '../vm/types';
import type { Expectation, Script, Step } from './script-schema';

export interface StepResult {
  index: number;
  op: Step['op'];
  /** What the step did, e.g. `call counter.increment in s1`. */
  title: string;
  passed: boolean;
  /** Why the step failed its expectation. */
  reason?: string;
  data?: string;
  /** Gas spent: the receipt's, or for a failed deploy or call what it spent before failing. */
  gasSpent?: string;
  /** The deploy's or call's gas limit. */
  gasLimit?: string;
  events?: number;
  contractId?: ContractId;
  root?: Root;
  error?: ErrorData;
}

export interface ScriptRunnerOptions {
  /** Reads a `.wasm` path as written in the script (relative paths are the caller's concern). */
  readWasm(path: string): Uint8Array;
}

/** What a script needs from the VM (a `Vm` with local sessions, or the inspector service). */
export interface ScriptHost {
  openSession(options: SessionOptions): Promise<AsyncSession>;
  deleteCommit(root: Root): Promise<void>;
  finalizeCommit(root: Root): Promise<void>;
  holders(root: Root): number;
}

const ZERO_OWNER = new Uint8Array(32);

export class ScriptRunner {
  private next = 0;
  private readonly sessions = new Map<string, AsyncSession>();
  private readonly commits = new Map<string, Root>();
  private readonly contracts = new Map<string, ContractId>();
  /**
   * Deletes and finalizes deferred by a session holding their commit. Each one's outcome is
   * caught as it happens (an unhandled rejection would end the process) and reported by finish().
   */
  private readonly pending: Array<{
    step: Pick<StepResult, 'index' | 'op' | 'title' | 'root'>;
    outcome: Promise<unknown>;
  }> = [];
  /**
   * Names a step should have bound and did not (its session, deploy or commit failed), with
   * why: a later step that uses one says so, instead of taking the name for a root or an id.
   */
  private readonly unbound = new Map<string, string>();
  readonly results: StepResult[] = [];

  constructor(
    private readonly vm: ScriptHost,
    readonly script: Script,
    private readonly options: ScriptRunnerOptions,
  ) {}

  get done(): boolean {
    return this.next >= this.script.steps.length;
  }

  get position(): number {
    return this.next;
  }

  /** Names bound so far, for display. */
  bindings(): {
    sessions: string[];
    commits: Record<string, Root>;
    contracts: Record<string, ContractId>;
  } {
    return {
      sessions: [...this.sessions.keys()],
      commits: Object.fromEntries(this.commits),
      contracts: Object.fromEntries(this.contracts),
    };
  }

  session(name: string): AsyncSession | undefined {
    return this.sessions.get(name);
  }

  async step(): Promise<StepResult | undefined> {
    if (this.done) return undefined;
    const index = this.next++;
    const step = this.script.steps[index];
    const result = await this.execute(index, step);
    this.noteUnbound(step, result);
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
   * that failed (its store refusing writes after a full disk, say) is a failed result of its
   * own, added to `results` and returned: its step was reported as deferred, not as done.
   *
   * `leaveSessionsOpen`: the sessions are the user's now (the app lists them as tabs), not
   * closed; a delete or finalize still waiting for one of them (or for any other session) is
   * not waited for: it completes when that session ends.
   */
  async finish(options: { leaveSessionsOpen?: boolean } = {}): Promise<StepResult[]> {
    if (options.leaveSessionsOpen !== true)
      await Promise.all([...this.sessions.values()].map((s) => s.close()));
    this.sessions.clear();
    const late: StepResult[] = [];
    for (const { step, outcome } of this.pending.splice(0)) {
      if (step.root !== undefined && this.vm.holders(step.root) > 0) continue;
      const error = await outcome;
      if (error === undefined) continue;
      const data = toErrorData(error);
      late.push({
        ...step,
        title: `${step.title} (deferred)`,
        passed: false,
        reason: data.message,
        error: data,
      });
    }
    this.results.push(...late);
    return late;
  }

  /** After a step: the name it defines is bound, or a later use will say why it is not. */
  private noteUnbound(step: Step, result: StepResult): void {
    const defined =
      step.op === 'session'
        ? { key: `session:${step.name}`, bound: this.sessions.has(step.name) }
        : step.op === 'deploy' && step.name !== undefined
          ? { key: `contract:${step.name}`, bound: this.contracts.has(step.name) }
          : step.op === 'commit' && step.name !== undefined
            ? { key: `commit:${step.name}`, bound: this.commits.has(step.name) }
            : undefined;
    if (defined === undefined) return;
    if (defined.bound) {
      this.unbound.delete(defined.key);
      return;
    }
    const why = result.error?.message ?? result.reason ?? 'it did not complete';
    this.unbound.set(defined.key, `step #${result.index} (${result.title}) failed: ${why}`);
  }

  /** The error for a name that is not bound: why, when a step failed to bind it. */
  private unboundName(kind: 'session' | 'contract' | 'commit', name: string): PiecrustError {
    const why = this.unbound.get(`${kind}:${name}`);
    const what = { session: 'opened', contract: 'deployed', commit: 'made' }[kind];
    return new PiecrustError(
      'InvalidInput',
      why === undefined
        ? `${kind === 'session' ? 'session' : `unknown ${kind}`} "${name}"${kind === 'session' ? ' is not open' : ''}`
        : `${kind} "${name}" was not ${what}: ${why}`,
      { [kind]: name },
    );
  }

  private resolveContract = (nameOrHex: string): ContractId => {
    const named = this.contracts.get(nameOrHex);
    if (named !== undefined) return named;
    if (isHex32(nameOrHex)) return toContractId(nameOrHex);
    throw this.unboundName('contract', nameOrHex);
  };

  private resolveCommit(nameOrHex: string): Root {
    const named = this.commits.get(nameOrHex);
    if (named !== undefined) return named;
    if (isHex32(nameOrHex)) return toRoot(nameOrHex);
    throw this.unboundName('commit', nameOrHex);
  }

  private sessionNamed(name: string): AsyncSession {
    const s = this.sessions.get(name);
    if (s === undefined) throw this.unboundName('session', name);
    return s;
  }

  private async execute(index: number, step: Step): Promise<StepResult> {
    const base = { index, op: step.op, title: titleOf(step) };
    try {
      switch (step.op) {
        case 'session': {
          const meta: Record<string, Uint8Array> = {};
          for (const [k, v] of Object.entries(step.meta))
            meta[k] = encodeScriptValue(v, this.resolveContract);
          const baseRoot = step.base === 'genesis' ? null : this.resolveCommit(step.base);
          this.sessions.set(
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
          return this.expectOutcome(
            { ...base, gasLimit: step.gas.toString() },
            step.expect,
            async () => {
              const s = this.sessionNamed(step.session);
              const bytecode = this.options.readWasm(step.wasm);
              const owner =
                step.owner === undefined
                  ? ZERO_OWNER
                  : encodeScriptValue(step.owner, this.resolveContract);
              const initArg =
                step.init === undefined
                  ? undefined
                  : encodeScriptValue(step.init, this.resolveContract);
              const contractId =
                step.contractId === undefined ? undefined : toContractId(step.contractId);
              const { contractId: id, receipt } = resultOf(
                await s.deploy(bytecode, { owner, initArg, contractId }, step.gas),
              );
              if (step.name !== undefined) this.contracts.set(step.name, id);
              return {
                contractId: id,
                data: receipt === undefined ? undefined : receipt.data,
                gasSpent: receipt?.gasSpent,
                events: receipt?.events.length ?? 0,
              };
            },
          );
        case 'call':
          return this.expectOutcome(
            { ...base, gasLimit: step.gas.toString() },
            step.expect,
            async () => {
              const s = this.sessionNamed(step.session);
              const arg =
                step.arg === undefined
                  ? new Uint8Array(0)
                  : encodeScriptValue(step.arg, this.resolveContract);
              const receipt = resultOf(
                await s.call(this.resolveContract(step.contract), step.fn, arg, step.gas),
              );
              return {
                data: receipt.data,
                gasSpent: receipt.gasSpent,
                events: receipt.events.length,
              };
            },
          );
        case 'commit': {
          const s = this.sessionNamed(step.session);
          this.sessions.delete(step.session);
          // A script's session ends at its commit step, written or not (a failed commit leaves
          // the session open, and nothing later in the script can name it).
          const root = await s.commit(step.name ?? '').catch(async (e: unknown) => {
            await s.close();
            throw e;
          });
          if (step.name !== undefined) this.commits.set(step.name, root);
          return { ...base, passed: true, root };
        }
        case 'drop':
          await this.sessionNamed(step.session).close();
          this.sessions.delete(step.session);
          return { ...base, passed: true };
        case 'delete':
        case 'finalize': {
          const root = this.resolveCommit(step.commit);
          const op =
            step.op === 'delete' ? this.vm.deleteCommit(root) : this.vm.finalizeCommit(root);
          if (this.vm.holders(root) > 0) {
            // Held by an open session: it completes when that session commits or is dropped.
            this.pending.push({
              step: { ...base, root },
              outcome: op.then(
                () => undefined,
                (e: unknown) => e ?? new Error('failed'),
              ),
            });
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

  private async expectOutcome(
    base: Pick<StepResult, 'index' | 'op' | 'title' | 'gasLimit'>,
    expect: Expectation,
    run: () => Promise<{
      data?: Uint8Array;
      gasSpent?: bigint;
      events?: number;
      contractId?: ContractId;
    }>,
  ): Promise<StepResult> {
    const wantsError = expect.error !== undefined || expect.panic !== undefined;
    let outcome;
    try {
      outcome = await run();
    } catch (e) {
      const error = toErrorData(e);
      // A failed deploy or call has no receipt, yet spent gas: its error says how much.
      const gasSpent = failedCallGasSpent(error)?.toString();
      const result = { ...base, error, ...(gasSpent === undefined ? {} : { gasSpent }) };
      if (!isPiecrustError(e) || !wantsError) {
        return {
          ...result,
          passed: false,
          reason: `expected success, got ${errorText(error)}`,
        };
      }
      const code = expect.error ?? 'Panic';
      if (error.code !== code) {
        return {
          ...result,
          passed: false,
          reason: `expected ${code}, got ${errorText(error)}`,
        };
      }
      if (expect.panic !== undefined && !error.message.includes(expect.panic)) {
        return {
          ...result,
          passed: false,
          reason: `panic message "${error.message}" lacks "${expect.panic}"`,
        };
      }
      return { ...result, passed: true };
    }
    const result: StepResult = {
      ...base,
      passed: true,
      data: outcome.data === undefined ? undefined : '0x' + bytesToHex(outcome.data),
      gasSpent: outcome.gasSpent?.toString(),
      events: outcome.events,
      contractId: outcome.contractId,
    };
    if (wantsError) {
      return {
        ...result,
        passed: false,
        reason: `expected ${expect.error ?? 'Panic'}, but it succeeded`,
      };
    }
    if (expect.data !== undefined) {
      const want = '0x' + bytesToHex(encodeScriptValue(expect.data, this.resolveContract));
      if (want !== result.data)
        return { ...result, passed: false, reason: `expected data ${want}, got ${result.data}` };
    }
    return result;
  }
}

function titleOf(step: Step): string {
  switch (step.op) {
    case 'session':
      return `session ${step.name} on ${step.base}`;
    case 'deploy':
      return `deploy ${step.name ?? step.wasm} in ${step.session}`;
    case 'call':
      return `call ${step.contract}.${step.fn} in ${step.session}`;
    case 'commit':
      return `commit ${step.session}${step.name === undefined ? '' : ` as ${step.name}`}`;
    case 'drop':
      return `drop ${step.session}`;
    default:
      return `${step.op} ${step.commit}`;
  }
}
