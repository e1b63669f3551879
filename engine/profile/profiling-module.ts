/**
 * The profiling variant of a contract's module (wasm/profile-instrument.ts), compiled once per
 * contract code and gas table: the cache is keyed by the shared, immutable ContractModule, which
 * the VM itself caches by code hash and gas table. The normal module is untouched.
 */
import { PiecrustError } from '../core/errors';
import { GAS_TABLES } from '../wasm/gas-schedule';
import { instrumentModule } from '../wasm/instrument';
import { parseUserModule } from '../wasm/parse-user-module';
import type { ContractModule } from '../vm/contract-module';

export interface ProfilingModule {
  module: WebAssembly.Module;
}

const cache = new WeakMap<ContractModule, ProfilingModule>();

export function profilingModule(contract: ContractModule): ProfilingModule {
  let cached = cache.get(contract);
  if (cached === undefined) {
    const m = parseUserModule(
      contract.bytecode,
      (message, details) => new PiecrustError('RuntimeError', message, details),
    );
    const bytes = instrumentModule(m, GAS_TABLES[contract.gasTable], { profile: true }).bytes;
    cached = { module: new WebAssembly.Module(new Uint8Array(bytes)) };
    cache.set(contract, cached);
  }
  return cached;
}
