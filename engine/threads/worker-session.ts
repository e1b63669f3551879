/**
 * A session running on its own worker thread, driven from the thread that owns the store: the
 * session operations (vm/session-protocol.ts), each one message answered by one (a deploy or
 * call by its whole outcome, vm/call-outcome.ts). The owner's VM holds the base commit for it and
 * writes its commit. `interrupt()` raises a flag the running call looks at between gas slices
 * (vm/call-context.ts): the call fails with `Interrupted`, reverted, and the session goes on. A
 * call that does not stop within a grace period (inside a long host function) is reported
 * `stuck` and left running: only `close()` ends it, by terminating the thread, which discards the
 * session (and only it). That costs the user's work, so it is the caller's decision, never this
 * class's.
 */
import type { Worker } from 'node:worker_threads';
import { PiecrustError } from '../core/errors';
import type { Root } from '../core/ids';
import type { SessionOptions } from '../vm/types';
import type { Vm } from '../vm/vm';
import { operationsVia, type Invocation, type SessionOperations } from '../vm/session-protocol';
import type { FromWorker, ToWorker } from './protocol';
import { startWorker, usable, type StartedWorker } from './started-worker';
import type { AsyncSession } from '../vm/async-session';

type Command = Exclude<ToWorker, { op: 'written' }>;
/** A command without its id (distributes over the union, unlike `Omit`). */
type CommandBody = Command extends infer C ? (C extends Command ? Omit<C, 'id'> : never) : never;

type Pending = {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
};

/** Sent to the worker, which answers with the operation's result (session-worker.ts). */
type Send = (invocation: Invocation) => Promise<unknown>;

/**
 * A base whose instances have every session operation as a member, each sent as one `invoke`
 * message (derived from the operations' list: vm/session-protocol.ts).
 */
const SentOperations = function (this: SessionOperations, send: Send) {
  Object.assign(this, operationsVia(send));
} as unknown as new (send: Send) => SessionOperations;

/** How long a running call has to stop after an interrupt before it is reported stuck. */
export const INTERRUPT_GRACE_MS = 5_000;

/**
 * What an interrupt did: stopped the running call (the session goes on), found nothing running,
 * or waited the grace period for a call that did not stop (it still runs; the session is intact
 * until someone closes it).
 */
export type InterruptOutcome = 'stopped' | 'idle' | 'stuck';

export interface WorkerSessionOptions extends SessionOptions {
  /** Worker entry script; defaults to the one next to this module (see worker-entry.ts). */
  entry?: URL;
  onDebug?: (message: string) => void;
}

export class WorkerSession extends SentOperations implements AsyncSession {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private released = false;
  private exited = false;
  /** Set by close() when it ends the thread under a running call. */
  private terminatedRunning = false;
  readonly base: Root | null;
  /** Set (1) to interrupt the running call; cleared before each call starts. */
  private readonly interruptFlag = new Int32Array(new SharedArrayBuffer(4));
  /** The call in progress, if any (settles when the worker answers it). */
  private running: Promise<unknown> | undefined;

  private constructor(
    private readonly vm: Vm,
    private readonly worker: Worker,
    base: Root | null,
    private readonly onDebug?: (message: string) => void,
  ) {
    const self: { session?: WorkerSession } = {};
    super((invocation) => self.session!.invoke(invocation));
    self.session = this;
    this.base = base;
    worker.on('message', (m: FromWorker) => this.onMessage(m));
    worker.on('error', (e) =>
      this.fail(new PiecrustError('SessionClosed', `session worker failed: ${e.message}`, {})),
    );
    worker.on('exit', (code) => {
      this.exited = true;
      this.release();
      this.fail(
        this.terminatedRunning
          ? new PiecrustError(
              'SessionClosed',
              "the session's thread was terminated while this call ran: the call did not finish and changed nothing",
              { reason: 'terminated' },
            )
          : new PiecrustError(
              'SessionClosed',
              `session worker exited (code ${code}); the session is discarded`,
              { code },
            ),
      );
    });
  }

  /**
   * Open a session on `options.base` (held by `vm`) in a worker thread: `spare` when it can host
   * it (started for this VM and entry, still running), otherwise a thread started now.
   */
  static async open(
    vm: Vm,
    options: WorkerSessionOptions = {},
    spare?: StartedWorker,
  ): Promise<WorkerSession> {
    const { entry, onDebug, base: baseRoot, ...rest } = options;
    const base = baseRoot === undefined || baseRoot === null ? null : vm.acquireBase(baseRoot);
    let worker: Worker;
    try {
      worker = (usable(spare, vm, entry) ?? startWorker(vm, entry)).worker;
    } catch (e) {
      if (base !== null) vm.releaseBase(base.root);
      throw e;
    }
    const session = new WorkerSession(vm, worker, base?.root ?? null, onDebug);
    // The worker's calls watch the session's flag (an Int32Array over shared memory: both threads
    // see the same four bytes).
    const meta =
      rest.meta === undefined
        ? undefined
        : Object.fromEntries(Object.entries(rest.meta).map(([k, v]) => [k, v.slice()]));
    await session.request({
      op: 'open',
      base,
      // The worker's VM has no default of its own: the owning VM decides, by the same rule.
      options: {
        ...rest,
        meta,
        gasTable: vm.gasTableFor(base ?? undefined, rest.gasTable),
        interrupt: session.interruptFlag,
      },
      hostQueries: vm.hostQueryNames(),
    });
    return session;
  }

  private onMessage(m: FromWorker): void {
    switch (m.op) {
      case 'reply': {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.ok) p?.resolve(m.value);
        else p?.reject(PiecrustError.fromData(m.error));
        return;
      }
      case 'write':
        this.vm.writeCommit(m.batch).then(
          () => this.worker.postMessage({ op: 'written', id: m.id } satisfies ToWorker),
          (e: PiecrustError) =>
            this.worker.postMessage({
              op: 'written',
              id: m.id,
              error: e.toData(),
            } satisfies ToWorker),
        );
        return;
      case 'debug':
        this.onDebug?.(m.message);
        return;
    }
  }

  private fail(error: PiecrustError): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    if (this.base !== null) this.vm.releaseBase(this.base);
  }

  private request(message: CommandBody | ({ op: 'invoke' } & Invocation)): Promise<unknown> {
    if (this.exited)
      return Promise.reject(
        new PiecrustError('SessionClosed', 'the session worker has exited', {}),
      );
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  /**
   * Send one operation. A deploy or call is noted as the running one, after clearing an
   * interrupt meant for an earlier one; a commit ends the thread once written.
   */
  private async invoke(invocation: Invocation): Promise<unknown> {
    const { method } = invocation;
    if (method === 'commit') {
      const root = await this.request({ op: 'invoke', ...invocation });
      this.release();
      await this.terminate();
      return root;
    }
    if (method !== 'deploy' && method !== 'call')
      return this.request({ op: 'invoke', ...invocation });
    Atomics.store(this.interruptFlag, 0, 0);
    const answer = this.request({ op: 'invoke', ...invocation });
    this.running = answer;
    const clear = () => {
      if (this.running === answer) this.running = undefined;
    };
    answer.then(clear, clear);
    return answer;
  }

  /**
   * Discard the session and end the worker: at once when a call is still running (the thread is
   * terminated; that call fails with `SessionClosed`, reason `terminated`).
   */
  async close(): Promise<void> {
    if (!this.exited && this.pending.size === 0)
      await this.request({ op: 'close' }).catch(() => undefined);
    if (this.running !== undefined) this.terminatedRunning = true;
    this.release();
    await this.terminate();
  }

  /** True while a deploy or call runs. */
  get callRunning(): boolean {
    return this.running !== undefined && !this.exited;
  }

  /**
   * Stop the running call: it fails with `Interrupted` and reverts, and the session goes on
   * (`stopped`; `idle` when nothing was running). A call that does not stop within `graceMs`
   * (inside a long host function) is `stuck`: it is left running and the session intact; ending
   * it costs the session (`close()`), which only the user may decide.
   */
  async interrupt(graceMs = INTERRUPT_GRACE_MS): Promise<InterruptOutcome> {
    const running = this.running;
    if (running === undefined || this.exited) return 'idle';
    Atomics.store(this.interruptFlag, 0, 1);
    let timer: NodeJS.Timeout | undefined;
    const settled = await Promise.race([
      running.then(
        () => true,
        () => true,
      ),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), graceMs);
      }),
    ]);
    clearTimeout(timer);
    return settled ? 'stopped' : 'stuck';
  }

  /** The worker thread's id (which thread hosts the session). */
  get threadId(): number {
    return this.worker.threadId;
  }

  get isClosed(): boolean {
    return this.exited || this.released;
  }

  private async terminate(): Promise<void> {
    if (!this.exited) await this.worker.terminate();
  }
}
