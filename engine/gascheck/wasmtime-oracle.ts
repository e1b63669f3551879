/**
 * The wasmtime oracle as a child process: `wasmtime_oracle.py` under a Python that has the
 * `wasmtime` package (python-env.ts finds one), spoken to in JSON lines. One process serves any
 * number of runs; the oracle's copies of modules and the memory images go through files in a
 * private temporary directory, removed by `close`.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { bytesToHex } from '../core/ids';
import type { GasTableName } from '../core/gas-tables';
import type { HostCallRecord, RecordedCall } from './call-recorder';
import { oracleModule } from './oracle-module';

/** Where the script is, from engine/gascheck/ and from the CLI bundle in out/cli/ alike. */
export function oracleScriptPath(): string {
  return fileURLToPath(new URL('../../engine/gascheck/wasmtime_oracle.py', import.meta.url));
}

/** What wasmtime made of a recorded call. */
export interface OracleResult {
  ok?: boolean;
  /** limit − fuel left (saturating at 0 left), also for failed calls. */
  gasSpent?: string;
  data?: string;
  error?: { code: string; message: string };
  /** Why the call is left out of the comparison (something wasmtime charges differently). */
  excluded?: string;
  /** Where wasmtime's run left the engine's recorded path, if it did. */
  divergence?: string;
  /** Disagreements found on the way (gas left at host calls, results of `spent`, `c`). */
  divergences: string[];
  iccs: Array<{ callee: string; fn: string; limit: string; spent?: string; error?: string }>;
}

export interface OracleBenchResult {
  seconds: number[];
  fuel: string;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class WasmtimeOracle {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly dir = mkdtempSync(join(tmpdir(), 'piecrust-oracle-'));
  private readonly modules = new Map<
    string,
    { path: string; passive: Record<string, string>; active: number[] }
  >();
  private stderr = '';
  private exited: string | undefined;
  private images = 0;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    /** The wasmtime version the oracle runs. */
    readonly version: string,
  ) {}

  /** Start the oracle under `python`; rejects with the reason when it cannot run. */
  static start(python: string): Promise<WasmtimeOracle> {
    return new Promise((resolve, reject) => {
      const child = spawn(python, [oracleScriptPath()], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8');
      const onErr = (chunk: string): void => {
        stderr += chunk;
      };
      child.stderr.on('data', onErr);
      const lines = createInterface({ input: child.stdout });
      let oracle: WasmtimeOracle | undefined;
      child.on('error', (e) => reject(new Error(`cannot start ${python}: ${e.message}`)));
      child.on('exit', (code, signal) => {
        const why = `the wasmtime oracle exited (${signal ?? `code ${code}`})${stderr ? `: ${stderr.trim().split('\n').at(-1)}` : ''}`;
        if (oracle === undefined) reject(new Error(why));
        else oracle.fail(why);
      });
      lines.on('line', (line) => {
        let message: Record<string, unknown>;
        try {
          message = JSON.parse(line) as Record<string, unknown>;
        } catch {
          stderr += `${line}\n`;
          return;
        }
        if (oracle === undefined) {
          if (message.ready !== true) {
            reject(new Error(String(message.reason ?? 'the wasmtime oracle is not ready')));
            child.kill();
            return;
          }
          child.stderr.off('data', onErr);
          oracle = new WasmtimeOracle(child, String(message.wasmtime ?? 'unknown'));
          child.stderr.on('data', (chunk: string) => oracle?.noteStderr(chunk));
          resolve(oracle);
          return;
        }
        oracle.answer(message);
      });
    });
  }

  private noteStderr(chunk: string): void {
    this.stderr = (this.stderr + chunk).slice(-4000);
  }

  private fail(why: string): void {
    this.exited = why;
    for (const p of this.pending.values()) p.reject(new Error(why));
    this.pending.clear();
  }

  private answer(message: Record<string, unknown>): void {
    const id = Number(message.id);
    const p = this.pending.get(id);
    if (p === undefined) return;
    this.pending.delete(id);
    if (typeof message.failure === 'string')
      p.reject(new Error(`wasmtime oracle: ${message.failure}`));
    else p.resolve(message);
  }

  private request<T>(job: Record<string, unknown>): Promise<T> {
    if (this.exited !== undefined) return Promise.reject(new Error(this.exited));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.stdin.write(`${JSON.stringify({ ...job, id })}\n`);
    });
  }

  /** The oracle's copy of `bytecode` under `table`, written once per code hash and table. */
  private moduleFile(codeHash: string, bytecode: Uint8Array, table: GasTableName) {
    const key = `${codeHash}-${table}`;
    let entry = this.modules.get(key);
    if (entry === undefined) {
      const copy = oracleModule(bytecode, table);
      const path = join(this.dir, `${key}.wasm`);
      writeFileSync(path, copy.bytes);
      const passive: Record<string, string> = {};
      for (const [i, bytes] of copy.passiveSegments) passive[String(i)] = bytesToHex(bytes);
      entry = { path, passive, active: copy.activeSegments };
      this.modules.set(key, entry);
    }
    return entry;
  }

  /** Re-run `call` in wasmtime (optionally at another gas limit than the engine's). */
  async run(call: RecordedCall, limit: bigint = call.gasLimit): Promise<OracleResult> {
    const contracts: Record<string, unknown> = {};
    const images: string[] = [];
    for (const c of call.contracts.values()) {
      const module = this.moduleFile(c.codeHash, c.bytecode, call.gasTable);
      const image = join(this.dir, `image-${this.images++}.bin`);
      writeFileSync(image, c.image);
      images.push(image);
      contracts[c.id] = {
        module: module.path,
        image,
        argBuffer: c.argBuffer,
        is64: c.is64,
        passive: module.passive,
        activeSegments: module.active,
      };
    }
    try {
      return await this.request<OracleResult>({
        op: 'run',
        table: call.gasTable,
        contracts,
        call: {
          contract: call.contract,
          fn: call.fn,
          arg: bytesToHex(call.arg),
          limit: limit.toString(),
        },
        hostCalls: call.hostCalls satisfies HostCallRecord[],
      });
    } finally {
      for (const image of images) rmSync(image, { force: true });
    }
  }

  /**
   * Time `iterations` calls of `fn` on fresh instances of the oracle's copy of `bytecode` (no
   * host functions, the memory as its data segments make it), `arg` written at `argBuffer`:
   * wasmtime's side of `engine_vs_wasmtime_ratio`.
   */
  bench(options: {
    codeHash: string;
    bytecode: Uint8Array;
    table: GasTableName;
    argBuffer: number;
    fn: string;
    arg: Uint8Array;
    limit: bigint;
    iterations: number;
  }): Promise<OracleBenchResult> {
    const module = this.moduleFile(options.codeHash, options.bytecode, options.table);
    return this.request<OracleBenchResult>({
      op: 'bench',
      module: module.path,
      argBuffer: options.argBuffer,
      fn: options.fn,
      arg: bytesToHex(options.arg),
      limit: options.limit.toString(),
      iterations: options.iterations,
    });
  }

  /** Stop the process and remove the temporary files. */
  async close(): Promise<void> {
    if (this.exited === undefined) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.stdin.end();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Recent stderr output, for error messages. */
  get diagnostics(): string {
    return this.stderr;
  }
}
