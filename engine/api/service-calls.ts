/**
 * Deploys and calls through the service: one at a time per session (busy meanwhile, told to
 * clients as progress), each answered by its session in one outcome (vm/call-outcome.ts) from
 * which the result and the session's new info are built without asking it anything more.
 */
import { PiecrustError } from '../core/errors';
import { hexToBytes, toContractId, type ContractId } from '../core/ids';
import { contractResolver } from './contract-ref';
import type { CallProfile } from '../profile/profile-tree';
import { driverEncode } from './driver-values';
import { encodeScriptValue } from '../rkyv';
import { parseGas } from '../script/script-schema';
import type { Outcome } from '../vm/call-outcome';
import type { CallReceipt } from '../vm/types';
import { DataDriver } from '../driver/data-driver';
import { callResultOf } from './call-results';
import { contractMetaOf, driverBytesOf } from './contract-names';
import { contractBytecode } from './samples';
import { DEFAULT_CALL_TIMEOUT_MS, type ServiceContext } from './service-options';
import type { ServiceSessions } from './service-sessions';
import { sessionEntry } from './state-queries';
import type * as T from './types';
import { apiError, hex, interruptedCallView } from './views';
import type { SessionEntry } from './workspace-state';

const DEFAULT_GAS = 1_000_000_000n;

/** The name a deploy gives when asked for none: the sample's, or the one sent with the bytes. */
function defaultName(source: T.ContractSource): string | undefined {
  if (source.kind === 'file' || source.name === undefined) return undefined;
  return source.name.replace(/\.wasm$/, '');
}

export class ServiceCalls {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly sessions: ServiceSessions,
  ) {}

  /** Run a deploy or call in `entry`, the session busy meanwhile and its progress told. */
  async tracked<R>(
    entry: SessionEntry,
    fn: string,
    contract: string,
    run: () => Promise<R>,
  ): Promise<R> {
    const { events } = this.ctx;
    if (entry.busy)
      throw new PiecrustError('SessionError', `session “${entry.name}” is busy with another call`, {
        session: entry.id,
      });
    entry.busy = true;
    events.emit('callProgress', { session: entry.id, phase: 'started', fn, contract });
    const running = run();
    entry.running = running;
    const overdue = this.watchTimeLimit(entry, fn);
    try {
      return await running;
    } finally {
      clearTimeout(overdue);
      if (entry.running === running) entry.running = undefined;
      entry.busy = false;
      events.emit('callProgress', { session: entry.id, phase: 'finished', fn, contract });
    }
  }

  /**
   * A call's time limit stops it between gas slices; one still running a grace period past it
   * cannot be stopped (inside a host function): say so, once, and leave the choice to the user.
   */
  private watchTimeLimit(entry: SessionEntry, fn: string): NodeJS.Timeout | undefined {
    const limit = this.ctx.options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    if (limit <= 0 || entry.interrupt === undefined) return undefined;
    const timer = setTimeout(() => {
      this.ctx.events.emit('callStuck', {
        session: entry.id,
        fn,
        afterMs: limit,
        recreatable: this.sessions.recreatable(entry),
      });
    }, limit + this.sessions.graceMs());
    timer.unref();
    return timer;
  }

  /**
   * The result of a deploy or call from its outcome, and the session's new info told to
   * clients. A session whose thread was ended under the call answers nothing: only what is
   * known is reported.
   */
  private async result<R>(
    entry: SessionEntry,
    gasLimit: bigint,
    run: () => Promise<Outcome<R>>,
    receiptOf: (result: R) => CallReceipt | undefined,
  ): Promise<{ result: T.CallResult; value?: R }> {
    // The handle the call runs in (a re-created session has another one by the time it ends).
    const { handle } = entry;
    let outcome: Outcome<R>;
    try {
      outcome = await run();
    } catch (e) {
      if (!handle.isClosed) throw e;
      return { result: interruptedCallView(gasLimit, apiError(e), entry.gasTable) };
    }
    entry.busy = false;
    this.ctx.events.emit('sessionChanged', this.sessions.infoFrom(entry, outcome.session));
    const value = outcome.result;
    const receipt = value === undefined ? undefined : receiptOf(value);
    return { result: callResultOf(outcome, receipt, gasLimit, entry.gasTable), value };
  }

  async deploy(req: T.DeployRequest): Promise<T.DeployResult> {
    const entry = sessionEntry(this.ctx.ws, req.session);
    const bytecode = contractBytecode(req.source, this.ctx.options.samplesDir);
    const resolve = contractResolver(this.ctx.ws.vm);
    const owner =
      req.owner === undefined ? new Uint8Array(32) : encodeScriptValue(req.owner, resolve);
    const initArg = req.init === undefined ? undefined : encodeScriptValue(req.init, resolve);
    const contractId = req.contractId === undefined ? undefined : toContractId(req.contractId);
    const gas = req.gas === undefined ? DEFAULT_GAS : parseGas(req.gas, 'gas');
    const driver = req.driver === undefined ? undefined : driverBytesOf(req.driver);
    // A driver the runtime refuses refuses the deploy, before anything runs.
    if (driver !== undefined) DataDriver.fromBytes(driver);
    const { result, value } = await this.tracked(entry, 'deploy', contractId ?? '', () =>
      this.result(
        entry,
        gas,
        () => entry.handle.deploy(bytecode, { owner, initArg, contractId }, gas),
        (deployed) => deployed.receipt,
      ),
    );
    if (result.ok && result.data === undefined) result.gasSpent = '0';
    const deployed: ContractId | undefined = value?.contractId;
    if (result.ok && deployed !== undefined) await this.storeDeployMeta(deployed, req, driver);
    return { ...result, contractId: deployed };
  }

  /**
   * The deployed contract's name and driver, stored now although the contract is committed only
   * later (or never, when its session is discarded). Harmless: the metadata is keyed by contract
   * id and lives beside the state (no root changes), and only a state holding that id lists it —
   * a contract never committed leaves a few bytes no list shows, and the same id deployed again
   * is the same contract (its id is the hash of its bytecode, owner and nonce).
   */
  private async storeDeployMeta(
    id: ContractId,
    req: T.DeployRequest,
    driver: Uint8Array | undefined,
  ): Promise<void> {
    const { vm } = this.ctx.ws;
    // A name asked for is set; a default one only names a contract that has none (a redeploy
    // of the same id in another session keeps the name the user gave it).
    const name =
      req.name ?? (vm.contractName(id) === undefined ? defaultName(req.source) : undefined);
    await this.storeContractMeta(id, { name, driver });
  }

  /**
   * Keep a contract's name and driver in the store (a deploy's, or a script deploy step's) and
   * tell the clients; a blank name or the one it has already changes nothing.
   */
  async storeContractMeta(
    id: ContractId,
    { name, driver }: { name?: string; driver?: Uint8Array },
  ): Promise<void> {
    const { vm } = this.ctx.ws;
    const renamed = name !== undefined && name.trim() !== '' && name !== vm.contractName(id);
    if (renamed) await vm.setContractName(id, name);
    if (driver !== undefined) await vm.attachDriver(id, driver);
    if (renamed || driver !== undefined)
      this.ctx.events.emit('contractChanged', { contract: id, ...contractMetaOf(vm, id) });
  }

  /** The argument's bytes: given, rkyv-encoded from a typed value, or by the contract's driver. */
  private argumentBytes(req: T.CallRequest, contract: ContractId): Uint8Array {
    const { arg } = req;
    if (arg === undefined) return new Uint8Array(0);
    if ('hex' in arg) return hexToBytes(arg.hex);
    if ('value' in arg) return encodeScriptValue(arg.value, contractResolver(this.ctx.ws.vm));
    return driverEncode(this.ctx.ws.vm, contract, req.fn, arg.json);
  }

  /** `call`, profiled (profileCall): the result as `call` gives it, and the call's profile. */
  async profileCall(req: T.CallRequest): Promise<{ result: T.CallResult; profile?: CallProfile }> {
    const entry = sessionEntry(this.ctx.ws, req.session);
    const contract = toContractId(req.contract);
    const arg = this.argumentBytes(req, contract);
    const gas = req.gas === undefined ? DEFAULT_GAS : parseGas(req.gas, 'gas');
    let profile: CallProfile | undefined;
    const { result } = await this.tracked(entry, req.fn, contract, () =>
      this.result(
        entry,
        gas,
        async () => {
          const outcome = await entry.handle.profileCall(contract, req.fn, arg, gas);
          profile = outcome.profile;
          return outcome;
        },
        (receipt) => receipt,
      ),
    );
    return { result: { ...result, arg: hex(arg) }, profile };
  }

  async call(req: T.CallRequest): Promise<T.CallResult> {
    const entry = sessionEntry(this.ctx.ws, req.session);
    const contract = toContractId(req.contract);
    const arg = this.argumentBytes(req, contract);
    const gas = req.gas === undefined ? DEFAULT_GAS : parseGas(req.gas, 'gas');
    const { result } = await this.tracked(entry, req.fn, contract, () =>
      this.result(
        entry,
        gas,
        () => entry.handle.call(contract, req.fn, arg, gas),
        (receipt) => receipt,
      ),
    );
    return { ...result, arg: hex(arg) };
  }
}
