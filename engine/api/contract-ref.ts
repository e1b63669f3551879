/**
 * A contract as a typed value names it (`{"contractId": …}` in an argument, owner, init or
 * session meta): its id, or the name stored with it (vm/contract-names.ts), as scripts already
 * accept the names their deploy steps gave. A name must pick exactly one contract.
 */
import { PiecrustError } from '../core/errors';
import { toContractId, type ContractId } from '../core/ids';
import type { ContractResolver } from '../rkyv/script-values';
import type { Vm } from '../vm/vm';

const CONTRACT_ID = /^(0x)?[0-9a-f]{64}$/i;
/** How many known names an error lists (a store can name thousands). */
const NAMES_LISTED = 10;

export function contractResolver(vm: Vm): ContractResolver {
  return (nameOrHex: string): ContractId => {
    if (CONTRACT_ID.test(nameOrHex)) return toContractId(nameOrHex);
    const names = vm.contractNames();
    const matches = [...names].filter(([, name]) => name === nameOrHex.trim()).map(([id]) => id);
    if (matches.length === 1) return matches[0];
    if (matches.length > 1)
      throw new PiecrustError(
        'InvalidInput',
        `${matches.length} contracts are named "${nameOrHex}" (${matches.map((id) => id.slice(0, 8)).join(', ')}): give the contract id instead`,
        { name: nameOrHex, matches: matches.length },
      );
    const known = [...new Set(names.values())].sort();
    const listed =
      known.length === 0
        ? 'no contract has a name yet'
        : `the named ones are ${known
            .slice(0, NAMES_LISTED)
            .map((n) => `"${n}"`)
            .join(
              ', ',
            )}${known.length > NAMES_LISTED ? ` and ${known.length - NAMES_LISTED} more` : ''}`;
    throw new PiecrustError(
      'InvalidInput',
      `"${nameOrHex}" is neither a contract id (64 hex digits) nor a contract's name: ${listed}`,
      { name: nameOrHex, named: known.length },
    );
  };
}
