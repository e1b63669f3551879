/**
 * Which store the service works on: opening another one (or a new one, or none: memory) closes
 * the current workspace, its sessions with it, and remembers the file among the recent ones.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PiecrustError } from '../core/errors';
import { openingStore } from '../core/store-path';
import { createVm } from '../vm/vm';
import { ABI_SIZES } from './abi-sizes';
import { withRecent } from './recent-file';
import type { ServiceContext } from './service-options';
import type { SpareThread } from './spare-thread';
import type * as T from './types';
import { WorkspaceState } from './workspace-state';
import type { WritableFolders } from './writable-folders';

export class WorkspaceSwitch {
  private recent: string[];

  constructor(
    private readonly ctx: ServiceContext,
    private readonly writable: WritableFolders,
    private readonly spare: SpareThread,
  ) {
    this.recent = ctx.options.recent?.load() ?? [];
  }

  async workspace(): Promise<T.WorkspaceInfo> {
    const { ws } = this.ctx;
    return {
      path: ws.path,
      commits: ws.vm.commitRecords().length,
      sessions: ws.sessions.size,
      abi: { ...ABI_SIZES },
    };
  }

  private async switchTo(path: string, mustExist: boolean | undefined): Promise<T.WorkspaceInfo> {
    const { ctx } = this;
    // Opening the store already open (Open Recent on the current file) keeps it and its sessions;
    // reopening would trip over our own lock.
    if (mustExist === true && path === ctx.ws.path) return this.workspace();
    if (mustExist === true && !existsSync(path))
      throw new PiecrustError('InvalidInput', `no store file at ${path}`, { path });
    if (mustExist === false && existsSync(path))
      throw new PiecrustError('InvalidInput', `${path} already exists`, { path });
    // A store is written to (its lock, every commit): it must be in a chosen folder.
    if (path !== ':memory:')
      this.writable.check(path, mustExist === true ? 'to the store' : 'a new store');
    // Fails (and changes nothing) on a bad file.
    const vm = await openingStore(path, () =>
      createVm({ store: path, gasTable: ctx.options.gasTable }),
    );
    await ctx.ws.close();
    await this.spare.drop();
    ctx.ws = new WorkspaceState(vm, path);
    if (path !== ':memory:') {
      this.recent = withRecent(this.recent, path);
      ctx.options.recent?.save(this.recent);
    }
    const info = await this.workspace();
    ctx.events.emit('workspaceChanged', info);
    return info;
  }

  open(req: { path: string }): Promise<T.WorkspaceInfo> {
    return this.switchTo(resolve(req.path), true);
  }

  create(req: { path: string }): Promise<T.WorkspaceInfo> {
    return this.switchTo(resolve(req.path), false);
  }

  recentPaths(): string[] {
    return [...this.recent];
  }

  close(): Promise<T.WorkspaceInfo> {
    return this.switchTo(':memory:', undefined);
  }
}
