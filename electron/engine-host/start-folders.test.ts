/**
 * The folders the desktop engine host may write in from its start (issue 9, item 8): the store it
 * opens, its recent stores' folders and earlier grants — only those that exist, each once.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InspectorService } from '../../engine/api/service';
import { isFolder, startFolders } from './start-folders';

const folders =
  (...existing: string[]) =>
  (path: string) =>
    existing.includes(path);

describe('which folders the engine host grants at start', () => {
  test("the opened store's folder, then the recent stores' folders, then earlier grants", () => {
    expect(
      startFolders(
        { store: '/data/a/state.pis', recent: ['/data/b/old.pis'], granted: ['/data/scripts'] },
        folders('/data/a', '/data/b', '/data/scripts'),
      ),
    ).toEqual(['/data/a', '/data/b', '/data/scripts']);
  });

  test('a folder that is gone is left out, not an error', () => {
    expect(
      startFolders(
        {
          store: '/data/a/state.pis',
          recent: ['/unplugged/disk/old.pis', '/data/a/state.pis'],
          granted: ['/deleted'],
        },
        folders('/data/a'),
      ),
    ).toEqual(['/data/a']);
  });

  test('each folder once, however many stores it holds', () => {
    expect(
      startFolders(
        {
          store: '/data/a/one.pis',
          recent: ['/data/a/one.pis', '/data/a/two.pis', '/data/b/x.pis', '/data/b/../a/three.pis'],
          granted: ['/data/a', '/data/b/'],
        },
        folders('/data/a', '/data/b'),
      ),
    ).toEqual(['/data/a', '/data/b']);
    // Normalised before comparing: '/data/b/../a' is '/data/a'.
    expect(
      startFolders(
        { store: undefined, recent: ['/data/b/../a/three.pis'], granted: [] },
        folders('/data/a'),
      ),
    ).toEqual(['/data/a']);
  });

  test('no store (`:memory:` or none) and no recent list: no folder', () => {
    const none = folders('/');
    expect(startFolders({ store: ':memory:', recent: [], granted: [] }, none)).toEqual([]);
    expect(startFolders({ store: undefined, recent: [], granted: [] }, none)).toEqual([]);
  });

  test('entries that are not absolute paths name no chosen store and grant nothing', () => {
    // `dirname('')` and `dirname('x.pis')` would be the working folder.
    expect(
      startFolders(
        { store: undefined, recent: ['', 'x.pis', ':memory:'], granted: ['', 'relative'] },
        () => true,
      ),
    ).toEqual([]);
  });

  test('with a recent folder gone, the service still starts and writes only in the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-host-start-'));
    try {
      const kept = join(dir, 'kept');
      mkdirSync(kept);
      const list = startFolders(
        {
          store: undefined,
          recent: [join(kept, 'a.pis'), join(dir, 'gone', 'b.pis')],
          granted: [],
        },
        isFolder,
      );
      expect(list).toEqual([kept]);
      const service = await InspectorService.create({
        sessionMode: 'local',
        writableFolders: list,
      });
      try {
        const { id } = await service.openSession({});
        await expect(
          service.saveScript({ session: id, path: join(dir, 'outside.json') }),
        ).rejects.toThrow(/outside the folders chosen/);
        await service.saveScript({ session: id, path: join(kept, 'inside.json') });
        expect(existsSync(join(kept, 'inside.json'))).toBe(true);
        expect(existsSync(join(dir, 'outside.json'))).toBe(false);
      } finally {
        await service.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
