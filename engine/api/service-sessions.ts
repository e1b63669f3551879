/**
 * The service's sessions over their lifetime: opened (on a worker thread by default, or on the
 * service's thread), listed with what they hold, interrupted, terminated (or re-created on a new
 * thread), closed. Calls in them are service-calls.ts'.
 */
import { PiecrustError } from '../core/errors';
import {
  GAS_TABLE_NAMES,
  isGasTableName,
  unknownGasTableMessage,
  type GasTableName,
} from '../core/gas-tables';
import { toRoot, type Root } from '../core/ids';
import { contractResolver } from './contract-ref';
import { encodeScriptValue } from '../rkyv';
import { INTERRUPT_GRACE_MS, WorkerSession } from '../threads/worker-session';
import { localSession } from '../vm/async-session';
import type { SessionSummary } from '../vm/call-outcome';
import type { SessionOptions } from '../vm/types';
import { DEFAULT_CALL_TIMEOUT_MS, type ServiceContext } from './service-options';
import { defaultSessionName } from './session-names';
import { ReplayLog } from './session-replay';
import { recreateSession, type StartedSession } from './session-recreate';
import { SpareThread } from './spare-thread';
import { sessionEntry } from './state-queries';
import type * as T from './types';
import type { SessionEntry } from './workspace-state';

export class ServiceSessions {
  readonly spare = new SpareThread();

  constructor(private readonly ctx: ServiceContext) {}

  /** The table a new session meters with (the VM's rule, `Vm.gasTableFor`), checked. */
  private gasTableFor(base: Root | null, asked: unknown): GasTableName {
    if (asked !== undefined && !isGasTableName(asked)) {
      throw new PiecrustError('InvalidInput', unknownGasTableMessage(asked), {
        gasTable: typeof asked === 'string' ? asked : (JSON.stringify(asked) ?? null),
        accepted: GAS_TABLE_NAMES.join(', '),
      });
    }
    const record = base === null ? undefined : this.ctx.ws.vm.store.getCommit(base);
    return this.ctx.ws.vm.gasTableFor(record, asked);
  }

  async start(options: SessionOptions): Promise<StartedSession> {
    const { ws, options: service } = this.ctx;
    const gasTable = this.gasTableFor(options.base ?? null, options.gasTable);
    const limit = service.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    const timeoutMs = limit > 0 ? limit : undefined;
    const log = new ReplayLog();
    // Opened again as it was (re-created after a stuck call): with the table it resolved to.
    const opened = { ...options, gasTable };
    if (service.sessionMode === 'local') {
      const session = ws.vm.session({ ...opened, timeoutMs, journal: true });
      return { handle: log.recording(localSession(session)), gasTable, options: opened, log };
    }
    const worker = await WorkerSession.open(
      ws.vm,
      { ...opened, timeoutMs, journal: true, entry: service.workerEntry },
      this.spare.take(ws.vm, service.workerEntry),
    );
    // The next one starts now, while the user works in this session.
    if (this.ctx.ws === ws) this.spare.startFor(ws.vm, service.workerEntry);
    return {
      handle: log.recording(worker),
      interrupt: (graceMs) => worker.interrupt(graceMs),
      gasTable,
      options: opened,
      log,
    };
  }

  /** The session's info as it is now: asked of the session (once), unless a call runs. */
  async info(entry: SessionEntry): Promise<T.SessionInfo> {
    if (entry.busy && entry.info !== undefined) return { ...entry.info, busy: true };
    return this.infoFrom(entry, await entry.handle.summary());
  }

  /** The session's info from what it reported (a call's outcome carries it). */
  infoFrom(entry: SessionEntry, summary: SessionSummary): T.SessionInfo {
    entry.info = {
      id: entry.id,
      name: entry.name,
      base: entry.handle.base,
      root: summary.root,
      contracts: summary.contracts,
      calls: summary.calls,
      deploys: summary.deploys,
      busy: entry.busy,
      gasTable: entry.gasTable,
      recreations: entry.recreations ?? 0,
    };
    return entry.info;
  }

  async register(
    { handle, interrupt, gasTable, options, log }: StartedSession,
    name: string | undefined,
  ): Promise<T.SessionInfo> {
    const ws = this.ctx.ws;
    const id = `s${ws.nextSession++}`;
    const entry: SessionEntry = {
      id,
      name: name ?? this.defaultName(handle.base),
      handle,
      gasTable,
      busy: false,
      options,
      log,
      interrupt,
    };
    ws.sessions.set(id, entry);
    const info = await this.info(entry);
    this.ctx.events.emit('sessionChanged', info);
    return info;
  }

  /** A session opened without a name is named after what it starts from (session-names.ts). */
  private defaultName(base: Root | null): string {
    const { ws } = this.ctx;
    const record = base === null ? undefined : ws.vm.store.getCommit(base);
    const taken = [...ws.sessions.values()].map((e) => e.name);
    return defaultSessionName(record ?? null, taken);
  }

  async open(req: {
    base?: string | null;
    name?: string;
    meta?: Record<string, unknown>;
    gasTable?: GasTableName;
  }): Promise<T.SessionInfo> {
    const meta: Record<string, Uint8Array> = {};
    for (const [k, v] of Object.entries(req.meta ?? {}))
      meta[k] = encodeScriptValue(v, contractResolver(this.ctx.ws.vm));
    const base = req.base === undefined || req.base === null ? null : toRoot(req.base);
    const started = await this.start({ base, meta, name: req.name, gasTable: req.gasTable });
    return this.register(started, req.name);
  }

  async list(): Promise<T.SessionInfo[]> {
    for (const [id, entry] of this.ctx.ws.sessions)
      if (entry.handle.isClosed) this.forget(id, 'closed');
    return Promise.all([...this.ctx.ws.sessions.values()].map((e) => this.info(e)));
  }

  forget(id: string, reason: string): void {
    if (this.ctx.ws.sessions.delete(id)) this.ctx.events.emit('sessionClosed', { id, reason });
  }

  async close(req: { session: string }): Promise<void> {
    const entry = sessionEntry(this.ctx.ws, req.session);
    await entry.handle.close();
    this.forget(req.session, 'closed');
  }

  async interrupt(req: { session: string }): Promise<T.InterruptResult> {
    const entry = sessionEntry(this.ctx.ws, req.session);
    if (entry.interrupt === undefined) {
      throw new PiecrustError(
        'InvalidInput',
        `session “${entry.name}” runs on the service thread and cannot be interrupted`,
        { session: entry.id },
      );
    }
    // The running call stops and reverts. One that does not (inside a host function) is left
    // running, session intact: ending it costs the session, which only the user decides
    // (terminateSession), told what it costs.
    const graceMs = this.graceMs();
    const outcome = await entry.interrupt(graceMs);
    if (outcome !== 'stuck') return { outcome };
    return { outcome, graceMs, recreatable: this.recreatable(entry) };
  }

  graceMs(): number {
    return this.ctx.options.interruptGraceMs ?? INTERRUPT_GRACE_MS;
  }

  /** Earlier calls a re-created session has again (interrupted ones are not run again). */
  recreatable(entry: SessionEntry): number {
    return Math.max(0, (entry.info?.calls ?? 0) - entry.log.skipped);
  }

  async terminate(req: { session: string; recreate?: boolean }): Promise<T.TerminateResult> {
    const entry = sessionEntry(this.ctx.ws, req.session);
    if (req.recreate !== true) {
      await entry.handle.close();
      this.forget(entry.id, 'terminated');
      return { outcome: 'discarded' };
    }
    return recreateSession(entry, {
      start: (options) => this.start(options),
      forget: (reason) => this.forget(entry.id, reason),
      info: () => this.info(entry),
      changed: (info) => this.ctx.events.emit('sessionChanged', info),
    });
  }
}
