/**
 * Contract names in the app (issue 12): loaded from the engine, kept current by its events and by
 * the contract lists, renamed through it, and written the same way everywhere.
 */
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ContractInfo, SessionInfo, WorkspaceInfo } from '../../../engine/api/types';
import { provideApiClient } from '../api/instance';
import { startLiveUpdates } from '../app/event-router';
import { useContractStore } from '../calls/contract-store';
import { useSessionStore } from '../workspace/session-store';
import { useWorkspaceStore } from '../workspace/workspace-store';
import { fakeClient, settle, type FakeClient } from '../../testing/fake-client';
import { TEST_ABI } from '../../testing/abi';
import { useContractNamesStore } from './contract-names-store';
import { contractLabel, shortContractId } from './lib/contract-label';

const A = 'a1'.repeat(32);
const B = 'b2'.repeat(32);
const OTHER: WorkspaceInfo = { path: '/tmp/other.pis', commits: 0, sessions: 0, abi: TEST_ABI };

const session: SessionInfo = {
  id: 's1',
  name: 's1',
  base: null,
  root: 'r',
  contracts: [],
  calls: 0,
  deploys: 0,
  busy: false,
  gasTable: 'head',
  recreations: 0,
};

function contract(id: string, name?: string): ContractInfo {
  return {
    id,
    owner: '0x',
    codeHash: `h-${id.slice(0, 4)}`,
    memoryLen: 65536,
    is64: false,
    exports: ['increment'],
    argBuffer: 0,
    ...(name === undefined ? {} : { name }),
  };
}

describe('contract labels', () => {
  test('a named contract shows its name and short id, an unnamed one the short id', () => {
    expect(shortContractId(`0x${A}`)).toBe('a1a1a1a1…');
    expect(contractLabel(A, 'counter')).toBe('counter (a1a1a1a1…)');
    expect(contractLabel(A, undefined)).toBe('a1a1a1a1…');
    expect(contractLabel(A, '')).toBe('a1a1a1a1…');
  });
});

describe('useContractNamesStore', () => {
  let fake: FakeClient;
  let stopEvents: () => void;
  let stored: Record<string, string>;

  beforeEach(() => {
    setActivePinia(createPinia());
    stored = { [A]: 'counter' };
    fake = fakeClient({
      contractNames: () => stored,
      renameContract: ({ contract, name }) => {
        if (name.length > 200)
          throw Object.assign(
            new Error(`a contract name is at most 200 characters; this one has ${name.length}`),
            { code: 'InvalidInput', details: { length: name.length } },
          );
        stored = Object.fromEntries(Object.entries(stored).filter(([id]) => id !== contract));
        if (name !== '') stored[contract] = name;
        fake.emit('contractChanged', { contract, ...(name === '' ? {} : { name }) });
      },
      workspace: () => ({ path: ':memory:', commits: 0, sessions: 0, abi: TEST_ABI }),
      recentWorkspaces: () => [],
      gasTables: () => ({ default: 'head', tables: [] }),
      commitGraph: () => [],
      listSessions: () => [session],
      openWorkspace: () => {
        stored = { [B]: 'box' };
        fake.emit('workspaceChanged', OTHER);
        return OTHER;
      },
    });
    provideApiClient(fake.client);
    stopEvents = startLiveUpdates();
  });
  afterEach(() => stopEvents());

  test('loads every stored name and labels contracts with them', async () => {
    const names = useContractNamesStore();
    await names.load();
    expect(names.nameOf(A)).toBe('counter');
    // Ids reach the app with and without 0x, in either case.
    expect(names.label(`0x${A.toUpperCase()}`)).toBe('counter (a1a1a1a1…)');
    expect(names.label(B)).toBe('b2b2b2b2…');
  });

  test('a contractChanged event names, renames and unnames a contract', async () => {
    const names = useContractNamesStore();
    await names.load();
    fake.emit('contractChanged', { contract: B, name: 'box' });
    expect(names.label(B)).toBe('box (b2b2b2b2…)');
    fake.emit('contractChanged', { contract: A, name: 'tally' });
    expect(names.nameOf(A)).toBe('tally');
    // A driver attached to an unnamed contract: the event carries no name.
    fake.emit('contractChanged', { contract: B, driver: { hash: 'h', bytes: 1 } });
    expect(names.nameOf(B)).toBeUndefined();
  });

  test('another store file replaces the names with its own', async () => {
    const names = useContractNamesStore();
    await names.load();
    await useWorkspaceStore().open('/tmp/other.pis');
    await expect.poll(() => names.nameOf(B)).toBe('box');
    expect(names.nameOf(A)).toBeUndefined();
  });

  test('renaming sends the trimmed name and shows it; an empty name removes it', async () => {
    const names = useContractNamesStore();
    await names.load();
    expect(await names.rename(A, '  tally  ')).toBe(true);
    expect(fake.calls.find((c) => c.method === 'renameContract')?.params).toEqual({
      contract: A,
      name: 'tally',
    });
    expect(names.label(A)).toBe('tally (a1a1a1a1…)');
    expect(await names.rename(A, '   ')).toBe(true);
    expect(stored[A]).toBeUndefined();
    expect(names.label(A)).toBe('a1a1a1a1…');
  });

  test('a name the engine refuses keeps the old one and says why', async () => {
    const names = useContractNamesStore();
    await names.load();
    expect(await names.rename(A, 'x'.repeat(201))).toBe(false);
    expect(names.nameOf(A)).toBe('counter');
    expect(names.renameError?.contract).toBe(A);
    expect(names.renameError?.error.code).toBe('InvalidInput');
    expect(names.renameError?.error.message).toContain('this one has 201');
    expect(names.renaming).toBeNull();
  });

  test('the contract lists carry names, and a deploy sends the form’s name or the sample’s', async () => {
    const deployed: ContractInfo[] = [];
    fake.handlers.set('contracts', () => deployed);
    fake.handlers.set('deploy', (req: { name?: string }) => {
      const id = deployed.length === 0 ? A : B;
      deployed.push(contract(id, req.name));
      return { ok: true, contractId: id, gasSpent: '1', gasLimit: '2', gasTable: 'head' };
    });
    const names = useContractNamesStore();
    const sessions = useSessionStore();
    await sessions.refresh();
    const contracts = useContractStore();
    contracts.deployForm.source = 'sample';
    contracts.deployForm.sample = 'counter';
    await contracts.deploy();
    expect(fake.calls.filter((c) => c.method === 'deploy')[0].params.name).toBe('counter');
    // No event came (as from an older engine): the refreshed list named it.
    expect(names.nameOf(A)).toBe('counter');

    contracts.deployForm.name = 'second counter';
    await contracts.deploy();
    expect(fake.calls.filter((c) => c.method === 'deploy')[1].params.name).toBe('second counter');
    expect(names.label(B)).toBe('second counter (b2b2b2b2…)');
    expect(contracts.nameOf(B)).toBe('second counter (b2b2b2b2…)');
    // The next deploy starts from the default name again.
    expect(contracts.deployForm.name).toBe('');
    await settle();
  });
});
