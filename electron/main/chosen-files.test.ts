/**
 * Files the user chose through the OS get their folder granted to the engine host before the
 * request that uses them (issue 9, item 8): otherwise a store created in a freshly picked folder
 * would be refused. The fake host records both kinds of message on one channel, as the utility
 * process's port carries them.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  createChosenStore,
  openAsByExtension,
  openChosenFile,
  type ChosenFileActions,
} from './chosen-files';

/** A host whose one channel records grants, API calls and window commands in order. */
function fakeHost(existing: string[] = []) {
  const channel: string[] = [];
  const actions: ChosenFileActions = {
    exists: (path) => existing.includes(path),
    grant: async (folder) => {
      channel.push(`allowWritesIn ${folder}`);
    },
    call: async (method, params) => {
      channel.push(`${method} ${(params as { path: string }).path}`);
      return null;
    },
    send: (event, payload) => {
      const { command, path } = payload as { command: string; path: string };
      channel.push(`${event} ${command} ${path}`);
    },
  };
  return { channel, actions };
}

describe('a file the user chose is granted before it is used', () => {
  test('New Store: the folder first, then newWorkspace', async () => {
    const { channel, actions } = fakeHost();
    await createChosenStore('/home/u/picked/state.pis', actions);
    expect(channel).toEqual([
      'allowWritesIn /home/u/picked',
      'newWorkspace /home/u/picked/state.pis',
    ]);
  });

  test('Open Store, the command line, a second launch, macOS open-file: grant, then open', async () => {
    const { channel, actions } = fakeHost(['/data/state.pis']);
    await openChosenFile('/data/state.pis', 'store', actions);
    expect(channel).toEqual(['allowWritesIn /data', 'openWorkspace /data/state.pis']);
  });

  test('Open Contract and Run Script: grant, then the window opens the file', async () => {
    const { channel, actions } = fakeHost(['/w/counter.wasm', '/s/run.json']);
    await openChosenFile('/w/counter.wasm', 'contract', actions);
    await openChosenFile('/s/run.json', 'script', actions);
    expect(channel).toEqual([
      'allowWritesIn /w',
      'menuCommand openContract /w/counter.wasm',
      'allowWritesIn /s',
      'menuCommand runScript /s/run.json',
    ]);
  });

  test('the grant is awaited: a slow grant still lands before the call', async () => {
    const { channel, actions } = fakeHost(['/data/state.pis']);
    const slow: ChosenFileActions = {
      ...actions,
      grant: (folder) => new Promise((done) => setTimeout(() => done(actions.grant(folder)), 20)),
    };
    await openChosenFile('/data/state.pis', 'store', slow);
    expect(channel).toEqual(['allowWritesIn /data', 'openWorkspace /data/state.pis']);
  });

  test('a relative path (the command line) is granted and opened as an absolute one', async () => {
    const { channel, actions } = fakeHost(['state.pis']);
    await openChosenFile('state.pis', 'store', actions);
    expect(channel).toEqual([
      `allowWritesIn ${process.cwd()}`,
      `openWorkspace ${join(process.cwd(), 'state.pis')}`,
    ]);
  });

  test('a path that is not there grants nothing and opens nothing', async () => {
    const { channel, actions } = fakeHost();
    await openChosenFile('/gone/state.pis', 'store', actions);
    expect(channel).toEqual([]);
  });

  test('files given by the OS are opened by their extension', () => {
    expect(openAsByExtension('/a/counter.wasm')).toBe('contract');
    expect(openAsByExtension('/a/run.json')).toBe('script');
    expect(openAsByExtension('/a/state.pis')).toBe('store');
    expect(openAsByExtension('/a/state')).toBe('store');
  });
});
