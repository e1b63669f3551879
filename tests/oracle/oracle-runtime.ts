/**
 * The wasmtime oracle's Python for a test file, as the global setup left it, or why there is
 * none; then the test prints one loud SKIPPED line and skips what needs it.
 */
import { findOraclePython, type OracleRuntime } from '../../engine/gascheck/python-env';

export async function oracleRuntime(): Promise<OracleRuntime> {
  const reason = process.env.PIECRUST_ORACLE_UNAVAILABLE;
  const runtime: OracleRuntime =
    reason !== undefined ? { unavailable: reason } : await findOraclePython();
  if ('unavailable' in runtime) {
    console.warn(`\n\n  SKIPPED: wasmtime oracle unavailable (${runtime.unavailable})\n\n`);
  }
  return runtime;
}
