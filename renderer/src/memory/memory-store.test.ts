import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, expect, test } from 'vitest';
import type { CommitNode, SessionInfo } from '../../../engine/api/types';
import { provideApiClient } from '../api/instance';
import { useCommitStore } from '../graph/commit-store';
import { CHUNK_SIZE, useMemoryStore } from './memory-store';
import { useSessionStore } from '../workspace/session-store';
import { fakeClient, settle } from '../../testing/fake-client';
import { startLiveUpdates } from '../app/event-router';
import { receiveAbi } from '../common/abi';
import { TEST_ABI } from '../../testing/abi';
import { hexFromBytes } from '../common/lib/hex';

const session: SessionInfo = {
  id: 's1',
  name: 's1',
  base: null,
  root: 'r',
  contracts: ['c1'],
  calls: 1,
  deploys: 1,
  busy: false,
  gasTable: 'head',
  recreations: 0,
};

/** The memory store showing contract c1 of session s1, with `client` as the engine. */
async function openedMemory(client: Parameters<typeof provideApiClient>[0]) {
  provideApiClient(client);
  const sessions = useSessionStore();
  sessions.onSessionChanged(session);
  sessions.select('s1');
  const memory = useMemoryStore();
  memory.open('c1');
  await settle();
  return memory;
}

beforeEach(() => {
  setActivePinia(createPinia());
  // As the app has them once the workspace info arrived.
  receiveAbi(TEST_ABI);
});

test('a 4 GiB memory reads only written pages, in chunks, and searches only those', async () => {
  const fake = fakeClient({
    memory: async () => ({ memoryLen: 2 ** 32, pages: [1], argBuffer: 0x440, is64: false }),
    readMemory: async (req) => {
      const bytes = new Uint8Array(req.length);
      if (req.offset <= 65536 + 8 && 65536 + 8 < req.offset + req.length)
        bytes[65536 + 8 - req.offset] = 0xab;
      return hexFromBytes(bytes);
    },
  });
  const memory = await openedMemory(fake.client);
  expect(memory.length).toBe(2 ** 32);

  // Page 0 was never written: zeros, without a request.
  memory.ensure(0, 4096);
  expect(memory.byteAt(100)).toBe(0);
  expect(fake.calls.filter((c) => c.method === 'readMemory')).toHaveLength(0);

  // Page 1 was: one chunk-sized read.
  memory.ensure(65536, 65536 + 64);
  await settle();
  const reads = fake.calls.filter((c) => c.method === 'readMemory').map((c) => c.params);
  expect(reads).toEqual([{ session: 's1', contract: 'c1', offset: 65536, length: CHUNK_SIZE }]);
  expect(memory.byteAt(65536 + 8)).toBe(0xab);

  memory.searchText = 'ab';
  await memory.search();
  expect(memory.matches).toEqual([{ offset: 65536 + 8, length: 1, encoding: 'hex' }]);
  expect(memory.cursor).toBe(65536 + 8);
  expect(memory.inspector?.fields.find((f) => f.key === 'u8')?.text).toBe('171');

  expect(memory.goTo('0x440')).toBeUndefined();
  expect(memory.cursor).toBe(0x440);
  expect(memory.goTo('0x100000000')).toMatch(/past the end/);
});

test('a row read across a chunk boundary has the loaded bytes, and undefined where a chunk is still loading', async () => {
  let release: () => void = () => {};
  const fake = fakeClient({
    memory: async () => ({ memoryLen: 4 * CHUNK_SIZE, pages: [0], argBuffer: 0x440, is64: false }),
    readMemory: async (req) => {
      // The second chunk answers only when released.
      if (req.offset === CHUNK_SIZE) await new Promise<void>((r) => (release = r));
      const bytes = Uint8Array.from({ length: req.length }, (_, i) => (req.offset + i) & 0xff);
      return hexFromBytes(bytes);
    },
  });
  const memory = await openedMemory(fake.client);
  const from = CHUNK_SIZE - 2;
  memory.ensure(from, from + 4);
  await settle();
  expect(memory.rowBytes(from, 4)).toEqual([0xfe, 0xff, undefined, undefined]);
  release();
  await settle();
  expect(memory.rowBytes(from, 4)).toEqual([0xfe, 0xff, 0x00, 0x01]);
  // The same as byte by byte.
  expect(memory.rowBytes(from, 4)).toEqual([0, 1, 2, 3].map((i) => memory.byteAt(from + i)));
});

test('while the rows in view load, a scroll asks again: only the latest rows are read when they land', async () => {
  const releases: Array<() => void> = [];
  const fake = fakeClient({
    memory: async () => ({
      memoryLen: 16 * 65536,
      pages: Array.from({ length: 16 }, (_, p) => p),
      argBuffer: 0x440,
      is64: false,
    }),
    readMemory: async (req) => {
      await new Promise<void>((r) => releases.push(r));
      return hexFromBytes(new Uint8Array(req.length).fill(7));
    },
  });
  const memory = await openedMemory(fake.client);
  const reads = () =>
    fake.calls.filter((c) => c.method === 'readMemory').map((c) => c.params.offset);
  memory.ensureInView(0, 100);
  // A drag passes over chunk 10 and rests on chunk 20 while chunk 0 is still loading.
  memory.ensureInView(10 * CHUNK_SIZE, 10 * CHUNK_SIZE + 100);
  memory.ensureInView(20 * CHUNK_SIZE, 20 * CHUNK_SIZE + 100);
  await settle();
  expect(reads()).toEqual([0]);
  releases.shift()!();
  await settle();
  expect(reads()).toEqual([0, 20 * CHUNK_SIZE]);
  releases.shift()!();
  await settle();
  expect(reads()).toEqual([0, 20 * CHUNK_SIZE]);
  expect(memory.rowBytes(20 * CHUNK_SIZE, 2)).toEqual([7, 7]);
  expect(memory.rowBytes(10 * CHUNK_SIZE, 2)).toEqual([undefined, undefined]);
});

test('a viewed commit deleted with no surviving ancestor: its memory goes, the live session is shown and named', async () => {
  const commit = (root: string, parent: string | null, label: string): CommitNode => ({
    root,
    parent,
    label,
    labels: label === '' ? [] : [label],
    createdAt: 1,
    finalized: false,
    contractsTouched: ['c1'],
    pagesChanged: 1,
  });
  const fake = fakeClient({
    commitGraph: async () => [commit('0xaaaa1111bb', null, 'deployed')],
    memory: async () => ({ memoryLen: 131072, pages: [1], argBuffer: 0x440, is64: false }),
  });
  provideApiClient(fake.client);
  const commits = useCommitStore();
  const stopEvents = startLiveUpdates();
  await commits.load();
  const sessions = useSessionStore();
  sessions.onSessionChanged({ ...session, name: 'scratch' });
  sessions.select('s1');
  const memory = useMemoryStore();
  memory.open('c1', { commit: '0xaaaa1111bb' });
  await settle();
  expect(memory.info).not.toBeNull();
  const reads = () => fake.calls.filter((c) => c.method === 'memory').map((c) => c.params);
  expect(reads().at(-1)).toEqual({ commit: '0xaaaa1111bb', contract: 'c1' });

  fake.emit('commitsChanged', { reason: 'deleted', root: '0xaaaa1111bb' });
  await settle();
  expect(memory.sourceChoice).toBe('live');
  expect(memory.notice).toBe(
    'commit aaaa1111 “deployed” was deleted and none of its ancestors survives; showing the live session “scratch”.',
  );
  expect(reads().at(-1)).toEqual({ session: 's1', contract: 'c1' });
  // Choosing a state again puts the notice away.
  memory.setSource({ commit: '0xaaaa1111bb' });
  expect(memory.notice).toBeNull();
  stopEvents();
});
