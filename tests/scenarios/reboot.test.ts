// spec §9.28 (piecrust tests/cold-reboot): state written by one process is read by a fresh one.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';

const run = promisify(execFile);
const SCRIPT = new URL('./reboot-process.ts', import.meta.url).pathname;

async function step(mode: 'write' | 'read', dir: string): Promise<string> {
  const { stdout } = await run(process.execPath, [
    '--experimental-wasm-memory64',
    '--import',
    'tsx',
    SCRIPT,
    mode,
    dir,
  ]);
  return stdout.trim();
}

describe('cold reboot', () => {
  test('REBOOT-1 a fresh process reads what another committed (three rounds)', async () => {
    for (let round = 0; round < 3; round++) {
      const dir = mkdtempSync(join(tmpdir(), 'pi-reboot-'));
      await step('write', dir);
      expect(await step('read', dir)).toBe(String(0xfd));
    }
  });
});
