import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
// electron-builder's own loader and schema validator, so that a misspelt or unknown key fails
// here rather than at packaging time (which this repository's CI cannot run).
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('electron-builder.yml', () => {
  test('passes electron-builder 26 validation and flips the security fuses', async () => {
    const config = await getConfig(ROOT, null, null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  test('the validator refuses an unknown fuse (the check above is not vacuous)', async () => {
    const config = await getConfig(ROOT, null, null);
    const misspelt = { ...config, electronFuses: { runAsNodes: false } } as never;
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(
      /electronFuses/,
    );
  });

  test('nothing needs RunAsNode: the engine host is a utility process, nothing re-runs Electron', async () => {
    const client = await readFile(new URL('main/engine-host-client.ts', import.meta.url), 'utf8');
    expect(client).toMatch(/utilityProcess\.fork\(/);
    // What ships: the main, engine host and session worker bundles (when built) and their
    // sources here. No child process at all, so none could be Electron run as Node.
    const built = new URL('../out/main/', import.meta.url);
    const files = [
      ...(await sources(new URL('./', import.meta.url))),
      ...(existsSync(built) ? await sources(built) : []),
    ];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      expect(await readFile(file, 'utf8'), file.pathname).not.toMatch(
        /ELECTRON_RUN_AS_NODE|process\.execPath|child_process/,
      );
    }
  });
});

async function sources(dir: URL): Promise<URL[]> {
  const names = await readdir(dir, { recursive: true });
  return names
    .filter((n) => /\.(ts|js|mjs|cjs)$/.test(n) && !n.endsWith('.test.ts'))
    .map((n) => new URL(n, dir));
}
