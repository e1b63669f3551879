import { compareGasDesc, gasByFunction, type FunctionGas } from './function-gas';
import type { CallProfile } from './profile-tree';

/**
 * The `n` functions that spent the most gas themselves (for `run --json`'s `"profile"`), each
 * merged across the paths it was reached by: one entry per function of a contract, so the
 * allocator both contracts link is two entries. Host charges (`[host emit]`) and contract frames
 * are entries too: they are where gas went. Ties: more total gas first, then by name. Gas stays
 * bigint; the caller writes it as JSON.
 */
export function topFunctions(profile: CallProfile, n: number): FunctionGas[] {
  const merged = gasByFunction(profile, (node) => `${node.contract ?? ''}\n${node.name}`);
  return [...merged.values()]
    .sort(
      (a, b) =>
        compareGasDesc(a.self, b.self) ||
        compareGasDesc(a.total, b.total) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    )
    .slice(0, Math.max(0, n));
}
