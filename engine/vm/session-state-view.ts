/**
 * A live session as a StateView: its AsyncSession's read methods, answered on its own thread
 * (a worker's arrive asynchronously). Contracts' modules are prepared here, in the VM that
 * serves the view, from the bytecode the session returns.
 */
import { PiecrustError } from '../core/errors';
import { ZERO_ROOT, type ContractId } from '../core/ids';
import type { ContractDiff } from '../diff/state-diff';
import type { PageSource } from '../journal/page-spill';
import type { Journal } from '../journal/types';
import type { AsyncSession } from './async-session';
import { CommittedState } from './committed-state';
import type { ContractModule } from './contract-module';
import type { ContractState, StateLineage, StateView } from './state-view';

export interface SessionStateOptions {
  /** The session's id and name in the API: errors and lineages name it. */
  id: string;
  name: string;
  /** Prepares a contract's bytecode (the VM's `loadModule`). */
  loadModule(bytecode: Uint8Array): ContractModule;
}

function noContract(id: ContractId): PiecrustError {
  return new PiecrustError('ContractDoesNotExist', `Contract does not exist: ${id}`, {
    contract: id,
  });
}

export function sessionStateView(session: AsyncSession, options: SessionStateOptions): StateView {
  const { id: sessionId, name, loadModule } = options;
  const journal = async (from?: number, to?: number): Promise<Journal> =>
    // A session that records no journal has made no recorded calls.
    (await session.journal(from, to)) ?? { base: null, calls: [] };
  return {
    async contracts(): Promise<ContractState[]> {
      const ids = await session.contractIds();
      return Promise.all(
        ids.map(async (id) => {
          const [meta, memoryLen, bytecode] = await Promise.all([
            session.contractMetadata(id),
            session.memoryLen(id),
            session.bytecodeOf(id),
          ]);
          const module = loadModule(bytecode!);
          return contractState(id, meta!.owner, memoryLen ?? 0, module);
        }),
      );
    },

    async contract(id: ContractId): Promise<ContractState> {
      const [bytecode, memoryLen, meta] = await Promise.all([
        session.bytecodeOf(id),
        session.memoryLen(id),
        session.contractMetadata(id),
      ]);
      if (bytecode === undefined || memoryLen === undefined || meta === undefined)
        throw noContract(id);
      return contractState(id, meta.owner, memoryLen, loadModule(bytecode));
    },

    writtenPages: (id) => session.writtenPages(id),
    pageBytes: (id, page) => session.pageBytes(id, page),
    journal,

    async journalPages(hashes: readonly string[]): Promise<PageSource> {
      const wanted = [...new Set(hashes)];
      const found = await session.journalPages(wanted);
      const pages = new Map<string, Uint8Array>();
      wanted.forEach((hash, i) => {
        const bytes = found[i];
        if (bytes !== undefined) pages.set(hash, bytes);
      });
      return { page: (hash) => pages.get(hash) };
    },

    async changesSince(from: StateView): Promise<ContractDiff[]> {
      const base = session.base;
      const isBase =
        from instanceof CommittedState &&
        (from.root === base || (base === null && from.root === ZERO_ROOT));
      if (!isBase) {
        throw new PiecrustError(
          'InvalidInput',
          `a session is diffed against its base commit (${base ?? 'genesis'}); commit it to diff against others`,
          { session: sessionId },
        );
      }
      return session.diffBase();
    },

    async lineage(): Promise<StateLineage> {
      return {
        commit: session.base,
        uncommitted: { session: sessionId, name, journal: await journal() },
      };
    },
  };
}

function contractState(
  id: ContractId,
  owner: Uint8Array,
  memoryLen: number,
  module: ContractModule,
): ContractState {
  return {
    id,
    owner,
    codeHash: module.codeHash,
    memoryLen,
    is64: module.is64,
    module: () => module,
  };
}
