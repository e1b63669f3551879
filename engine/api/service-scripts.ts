/**
 * Scripts through the service: loaded (from a file or as JSON), run step by step or to the end,
 * their sessions listed like the user's (script-sessions.ts); and a session saved as a script.
 */
import { dirname, extname, join } from 'node:path';
import { PiecrustError } from '../core/errors';
import type { Root } from '../core/ids';
import { parseScript } from '../script/script-schema';
import { ScriptRunner } from '../script/script-runner';
import { driverReader, loadScriptFile, wasmReader } from '../script/script-file';
import { replaceFile } from './replace-file';
import { exportScript } from './script-export';
import { ScriptSessions } from './script-sessions';
import type { ServiceCalls } from './service-calls';
import type { ServiceContext } from './service-options';
import type { ServiceSessions } from './service-sessions';
import { commitNode, idleSession } from './state-queries';
import type * as T from './types';
import type { WritableFolders } from './writable-folders';

export interface ScriptCommits {
  deleteCommit(root: Root): Promise<void>;
  finalizeCommit(root: Root): Promise<void>;
}

export class ServiceScripts {
  private readonly scripts: ScriptSessions;

  constructor(
    private readonly ctx: ServiceContext,
    sessions: ServiceSessions,
    calls: ServiceCalls,
    commits: ScriptCommits,
    private readonly writable: WritableFolders,
  ) {
    this.scripts = new ScriptSessions({
      open: async (options) => {
        const started = await sessions.start(options);
        const { id } = await sessions.register(started, options.name);
        return { handle: started.handle, id };
      },
      tracked: (id, fn, contract, run) => {
        const entry = ctx.ws.sessions.get(id);
        return entry === undefined ? run() : calls.tracked(entry, fn, contract, run);
      },
      current: (id) => ctx.ws.sessions.get(id)?.handle,
      changed: async (id) => {
        const entry = ctx.ws.sessions.get(id);
        if (entry !== undefined && !entry.handle.isClosed)
          ctx.events.emit('sessionChanged', await sessions.info(entry));
      },
      committed: (id, root) => {
        sessions.forget(id, 'committed');
        ctx.events.emit('commitCreated', commitNode(ctx.ws, ctx.ws.vm.store.getCommit(root)!));
      },
      closed: (id) => sessions.forget(id, 'closed'),
      callsOf: (id) => ctx.ws.sessions.get(id)?.info?.calls ?? 0,
      gasTableOf: (id) => ctx.ws.sessions.get(id)?.gasTable,
      deleteCommit: (root) => commits.deleteCommit(root),
      finalizeCommit: (root) => commits.finalizeCommit(root),
      holders: (root) => ctx.ws.vm.holders(root),
      // A script's deploy steps name their contracts and attach drivers as the app's deploys do.
      deployed: (contract, meta) => calls.storeContractMeta(contract, meta),
      // ...and use the names and drivers the store keeps for contracts deployed before the run.
      storedDriver: (contract) => ctx.ws.vm.loadedDriver(contract),
      storedNames: () => ctx.ws.vm.contractNames(),
    });
  }

  async load(req: { path?: string; json?: unknown }): Promise<T.ScriptInfo> {
    // A script sent as JSON has no folder of its own: its `wasm` paths are the server's cwd's.
    // Either may name the contracts the store has names for.
    const names = { storedContracts: this.ctx.ws.vm.contractNames().values() };
    const { script, baseDir, readWasm, readDriver } =
      req.path === undefined
        ? {
            script: parseScript(req.json, names),
            baseDir: process.cwd(),
            readWasm: wasmReader(process.cwd()),
            readDriver: driverReader(process.cwd()),
          }
        : loadScriptFile(req.path, names);
    const runner = new ScriptRunner(this.scripts.host(), script, { readWasm, readDriver });
    const id = `script${this.ctx.ws.nextScript++}`;
    this.ctx.ws.scripts.set(id, { runner, baseDir });
    return { id, steps: script.steps.length, position: 0, done: script.steps.length === 0 };
  }

  private runner(id: string): ScriptRunner {
    const entry = this.ctx.ws.scripts.get(id);
    if (entry === undefined)
      throw new PiecrustError('InvalidInput', `no loaded script "${id}"`, { script: id });
    return entry.runner;
  }

  async step(req: { script: string }): Promise<T.ScriptStepResult | null> {
    const runner = this.runner(req.script);
    const result = (await this.scripts.step(runner)) ?? null;
    // Sessions the script left open stay open, listed (the app's tabs): never dropped unseen.
    if (runner.done) await runner.finish({ leaveSessionsOpen: true });
    return result;
  }

  async run(req: { script: string }): Promise<T.ScriptStepResult[]> {
    const runner = this.runner(req.script);
    const out: T.ScriptStepResult[] = [];
    while (!runner.done) {
      const r = await this.scripts.step(runner);
      if (r !== undefined) out.push(r);
    }
    // Deferred deletes/finalizes that failed at the end are results too; sessions left open
    // stay open (as in scriptStep).
    out.push(...(await runner.finish({ leaveSessionsOpen: true })));
    return out;
  }

  async save(req: { session: string; path?: string }): Promise<unknown> {
    const { handle } = idleSession(this.ctx.ws, req.session);
    const journal = await handle.journal();
    const { script, wasm } = await exportScript(
      journal ?? { base: null, calls: [] },
      handle.base,
      (id) => handle.bytecodeOf(id),
    );
    if (req.path !== undefined) {
      const path = this.writable.check(req.path, 'the script');
      // Only .json: even in a chosen folder, "save script" must not replace a file of another kind.
      if (extname(path) !== '.json') {
        throw new PiecrustError('InvalidInput', `a script is saved as a .json file, not ${path}`, {
          path,
        });
      }
      const files = [...wasm].map(
        ([name, bytes]) => [this.writable.check(join(dirname(path), name), name), bytes] as const,
      );
      for (const [file, bytes] of files) replaceFile(file, bytes);
      replaceFile(path, new TextEncoder().encode(JSON.stringify(script, null, 2) + '\n'));
    }
    return script;
  }
}
