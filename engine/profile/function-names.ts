/**
 * Names the functions of a contract's original module (before instrumentation) the way its
 * developer wrote them: the `name` section's name, demangled (`dusk_stake_contract::state::
 * StakeState::stake`), else the name it is exported under, else `func[N]`. Built once per module
 * (vm/contract-module.ts keeps one with the module); each name is demangled on first use.
 */
import { moduleNames } from '../wasm/name-section';
import type { WasmModule } from '../wasm/module';
import { demangle } from './demangle';
import type { FunctionNamer } from './profile-tree';

/** Longer names (a hostile section's megabyte name) are cut here. */
export const MAX_NAME_LENGTH = 1000;

export function createFunctionNamer(m: WasmModule): FunctionNamer {
  const fromSection = moduleNames(m).functionNames;
  const exported = new Map<number, string>();
  for (const e of m.exports) {
    if (e.kind === 'func' && !exported.has(e.index)) exported.set(e.index, e.name);
  }
  const cache = new Map<number, string>();
  return (funcIndex) => {
    let name = cache.get(funcIndex);
    if (name === undefined) {
      const raw = fromSection.get(funcIndex);
      name =
        readable(raw === undefined || raw === '' ? undefined : demangle(raw)) ??
        readable(exported.get(funcIndex)) ??
        `func[${funcIndex}]`;
      cache.set(funcIndex, name);
    }
    return name;
  };
}

/** A name as one line of bounded length: control characters would break a line of text. */
function readable(name: string | undefined): string | undefined {
  if (name === undefined || name === '') return undefined;
  const line = name.replace(/[\u0000-\u001f\u007f]/g, '\ufffd');
  return line.length > MAX_NAME_LENGTH ? `${line.slice(0, MAX_NAME_LENGTH)}…` : line;
}
