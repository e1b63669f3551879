/**
 * A session tracer that runs every contract on its module instrumented without metering
 * (instrumentModule's `metering: false`: no gas charges, no out-of-gas checks; the rest of the
 * instrumentation the same). `npm run bench`'s metering_overhead_ratio is the same call through
 * the same engine with and without it, so only the metering differs. Test and benchmark support:
 * such a call spends no gas and never runs out of it.
 */
import { PiecrustError } from '../core/errors';
import type { CallTracer } from '../vm/call-tracer';
import type { ContractModule } from '../vm/contract-module';
import { GAS_TABLES } from '../wasm/gas-schedule';
import { instrumentModule } from '../wasm/instrument';
import { parseUserModule } from '../wasm/parse-user-module';

const cache = new WeakMap<ContractModule, WebAssembly.Module>();

/** The contract's module without metering, compiled once per ContractModule. */
export function unmeteredModule(contract: ContractModule): WebAssembly.Module {
  let module = cache.get(contract);
  if (module === undefined) {
    const m = parseUserModule(
      contract.bytecode,
      (message, details) => new PiecrustError('RuntimeError', message, details),
    );
    const { bytes } = instrumentModule(m, GAS_TABLES[contract.gasTable], { metering: false });
    module = new WebAssembly.Module(new Uint8Array(bytes));
    cache.set(contract, module);
  }
  return module;
}

export const unmeteredTracer: CallTracer = {
  begin: () => {},
  instantiate: (_contract, imports) => imports,
  moduleFor: (contract) => unmeteredModule(contract.module),
  end: () => {},
};
