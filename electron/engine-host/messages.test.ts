/**
 * Messages from the main process to the engine host (issue 9, item 8): API requests go through
 * `dispatch`, which cannot grant anything; main's own `allowWritesIn` message grants a folder.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { InspectorService } from '../../engine/api/service';
import { handleHostMessage, type HostOutput } from './messages';

let dir: string;
let service: InspectorService;
let posted: unknown[];
let complaints: string[];
const out: HostOutput = {
  post: (m) => posted.push(m),
  complain: (text) => complaints.push(text),
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pi-host-messages-'));
  // As the desktop host starts on a first launch: no store, no recent store, no folder chosen.
  service = await InspectorService.create({ sessionMode: 'local', writableFolders: [] });
  posted = [];
  complaints = [];
});

afterEach(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

const invoke = (id: number, method: string, params: unknown) =>
  handleHostMessage({ type: 'invoke', id, method, params }, service, out);

/** The reply posted for request `id`. */
const replyTo = (id: number) =>
  (posted as Array<{ id: number; reply: { result?: unknown; error?: { message: string } } }>).find(
    (m) => m.id === id,
  )?.reply;

describe('the engine host’s messages', () => {
  test('a script is refused outside the chosen folders until main grants the folder', async () => {
    await invoke(1, 'openSession', {});
    const session = (replyTo(1)?.result as { id: string }).id;
    const path = join(dir, 'saved.json');

    await invoke(2, 'saveScript', { session, path });
    expect(replyTo(2)?.error?.message).toMatch(/outside the folders chosen.*no folder was chosen/);
    expect(existsSync(path)).toBe(false);

    await handleHostMessage({ type: 'allowWritesIn', folder: dir }, service, out);
    await invoke(3, 'saveScript', { session, path });
    expect(replyTo(3)?.error).toBeUndefined();
    expect(existsSync(path)).toBe(true);
    expect(complaints).toEqual([]);
  });

  test('the API path cannot grant: allowWritesIn is not a method a client can invoke', async () => {
    await invoke(1, 'allowWritesIn', { folder: dir });
    expect(replyTo(1)?.error?.message).toMatch(/unknown method "allowWritesIn"/);
    await invoke(2, 'newWorkspace', { path: join(dir, 'state.pis') });
    expect(replyTo(2)?.error?.message).toMatch(/refused to write a new store/);
    expect(existsSync(join(dir, 'state.pis'))).toBe(false);
  });

  test('a grant for a bad or missing folder is reported, never thrown, and grants nothing', async () => {
    for (const folder of [undefined, 42, '', 'relative/dir', join(dir, 'missing')]) {
      await handleHostMessage({ type: 'allowWritesIn', folder }, service, out);
    }
    expect(complaints).toHaveLength(5);
    expect(complaints[0]).toMatch(/allowWritesIn needs an absolute folder path, got undefined/);
    expect(complaints[3]).toMatch(/got "relative\/dir"/);
    expect(complaints[4]).toMatch(/cannot allow writes in .*missing: .*missing is not a folder/);
    await invoke(1, 'newWorkspace', { path: join(dir, 'state.pis') });
    expect(replyTo(1)?.error?.message).toMatch(/no folder was chosen/);
  });

  test('unknown messages and requests without an id are reported, not answered', async () => {
    await handleHostMessage({ type: 'grant', folder: dir }, service, out);
    await handleHostMessage(null, service, out);
    await handleHostMessage({ type: 'invoke', method: 'workspace', params: {} }, service, out);
    expect(posted).toEqual([]);
    expect(complaints).toEqual([
      'engine host: unknown message type "grant"',
      'engine host: unknown message type undefined',
      'engine host: an invoke message needs a numeric id, got undefined',
    ]);
  });
});
