/**
 * Test helper: the built CLI (`bin/piecrust-inspector.js`, `npm run build`) as a child process
 * with a time limit, for inputs that could hang or exhaust a process: a test that ran them in
 * its own process would hang or die with it instead of failing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../../bin/piecrust-inspector.js', import.meta.url).pathname;

export interface CliRun {
  /** Exit code; null when it was killed at the time limit. */
  code: number | null;
  out: string;
  err: string;
  timedOut: boolean;
}

/**
 * Run the CLI with `args`; kill it after `limitMs`. `maxFileKiB` caps the size of any file it
 * writes (`ulimit -f`, SIGXFSZ ignored): a write past it fails with EFBIG, as on a full disk.
 */
export function runCli(
  args: string[],
  limitMs = 20_000,
  { maxFileKiB }: { maxFileKiB?: number } = {},
): Promise<CliRun> {
  const [command, argv] =
    maxFileKiB === undefined
      ? [process.execPath, [BIN, ...args]]
      : [
          'bash',
          [
            '-c',
            `trap '' XFSZ; ulimit -f ${maxFileKiB}; exec "$0" "$@"`,
            process.execPath,
            BIN,
            ...args,
          ],
        ];
  return new Promise((resolve) => {
    const child = spawn(command, argv, {
      env: { ...process.env, XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'pi-cli-config-')) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limitMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err, timedOut });
    });
  });
}
