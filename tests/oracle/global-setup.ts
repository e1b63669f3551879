/**
 * vitest global setup: make the Python environment of the wasmtime oracle once, before any test
 * file runs (test files run in parallel and must not race to create it). Test files read the
 * outcome from the environment through `oracleRuntime()` (tests/oracle/oracle-runtime.ts).
 */
import { fileURLToPath } from 'node:url';
import { setUpOraclePython } from '../../engine/gascheck/python-env';

export default async function setup(): Promise<void> {
  if (process.env.PIECRUST_WASMTIME_PYTHON) return;
  const venv = fileURLToPath(new URL('../../.cache/wasmtime-venv', import.meta.url));
  const runtime = await setUpOraclePython(venv);
  if ('python' in runtime) process.env.PIECRUST_WASMTIME_PYTHON = runtime.python;
  else process.env.PIECRUST_ORACLE_UNAVAILABLE = runtime.unavailable;
}
