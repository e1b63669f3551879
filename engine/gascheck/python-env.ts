/**
 * Finding a Python that can import `wasmtime` (the oracle), and making one: a virtual
 * environment with `pip install wasmtime` (on these machines pip finds it in the local package
 * index, without the internet).
 *
 * `$PIECRUST_WASMTIME_PYTHON`, when set, is the only one tried (an explicit choice is not second-
 * guessed). Otherwise, in order: the virtual environment made by `setup`
 * (`$XDG_CACHE_HOME/piecrust-inspector/wasmtime-venv`, else `~/.cache/…`); the one the tests make
 * in the repository (`.cache/wasmtime-venv`); `python3` itself.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type OracleRuntime = { python: string; version: string } | { unavailable: string };

const PROBE = 'import wasmtime, importlib.metadata as m; print(m.version("wasmtime"))';

function run(
  command: string,
  args: string[],
  timeoutMs: number,
): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 4 << 20 }, (error, stdout, stderr) =>
      resolve({
        ok: error === null,
        stdout: String(stdout),
        stderr: String(stderr || error?.message || ''),
      }),
    );
  });
}

/** The virtual environment `setup` makes (and `find` looks in). */
export function defaultVenvDir(): string {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'piecrust-inspector', 'wasmtime-venv');
}

/** The tests' environment, from engine/gascheck/ and from the CLI bundle in out/cli/ alike. */
export function repositoryVenvDir(): string {
  return fileURLToPath(new URL('../../.cache/wasmtime-venv', import.meta.url));
}

function venvPython(dir: string): string {
  return join(dir, 'bin', 'python');
}

async function probe(python: string): Promise<OracleRuntime> {
  const r = await run(python, ['-c', PROBE], 30_000);
  if (r.ok) return { python, version: r.stdout.trim() };
  if (r.stderr.includes('ENOENT')) return { unavailable: `${python} does not exist` };
  const last = r.stderr.trim().split('\n').at(-1) ?? 'failed';
  return { unavailable: `${python} cannot import wasmtime (${last})` };
}

/** A Python with wasmtime, or why there is none (every place looked in, and what it said). */
export async function findOraclePython(venvDir = defaultVenvDir()): Promise<OracleRuntime> {
  const reasons: string[] = [];
  const fromEnv = process.env.PIECRUST_WASMTIME_PYTHON;
  const candidates = fromEnv
    ? [fromEnv]
    : [...[venvDir, repositoryVenvDir()].map(venvPython).filter((p) => existsSync(p)), 'python3'];
  for (const python of candidates) {
    const found = await probe(python);
    if ('python' in found) return found;
    reasons.push(found.unavailable);
  }
  if (!fromEnv && !existsSync(venvPython(venvDir))) {
    reasons.push(`no virtual environment at ${venvDir}`);
  }
  return { unavailable: reasons.join('; ') };
}

/**
 * Make the virtual environment at `venvDir` and install wasmtime into it (a no-op when it
 * already works). Takes a minute at most; never throws: it says why it could not.
 */
export async function setUpOraclePython(venvDir = defaultVenvDir()): Promise<OracleRuntime> {
  const python = venvPython(venvDir);
  if (existsSync(python)) {
    const found = await probe(python);
    if ('python' in found) return found;
  }
  const venv = await run('python3', ['-m', 'venv', venvDir], 120_000);
  if (!venv.ok) {
    return { unavailable: `python3 -m venv ${venvDir} failed: ${lastLine(venv.stderr)}` };
  }
  const pip = await run(
    python,
    ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', 'wasmtime'],
    300_000,
  );
  if (!pip.ok) return { unavailable: `pip install wasmtime failed: ${lastLine(pip.stderr)}` };
  return probe(python);
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}
