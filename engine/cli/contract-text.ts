/**
 * How `log`, `show` and `diff` name a contract: its stored name (vm/contract-names.ts) with its
 * id, `counter (0a1b2c3d…)`, or the id alone when it has no name; in `--json` a `name` field
 * beside the id, omitted when it has none.
 */
import type { ContractId } from '../core/ids';

/** Hex digits of a short id (as the app shows contracts). */
const SHORT_ID = 8;

/** At most this many contracts are listed on one `log` line; the rest are counted. */
export const LISTED_CONTRACTS = 3;

/**
 * `name (id)` with the id shortened (or whole with `full`, where the command printed the whole
 * id before); unnamed, the id as it was printed (short without the ellipsis).
 */
export function contractText(
  id: ContractId,
  name: string | undefined,
  options: { full?: boolean } = {},
): string {
  const shown = options.full === true ? id : id.slice(0, SHORT_ID);
  if (name === undefined) return shown;
  return `${name} (${options.full === true ? shown : `${shown}…`})`;
}

/**
 * A journal entry's contract and function (`fn` '' for a deploy): named,
 * `counter.increment (0a1b2c3d…)` or `counter (0a1b2c3d…)`; unnamed, `0a1b2c3d.increment` or
 * `0a1b2c3d.(deploy)` as before names were stored.
 */
export function callText(id: ContractId, name: string | undefined, fn: string): string {
  if (name === undefined) return `${contractText(id, undefined)}.${fn || '(deploy)'}`;
  return fn === '' ? contractText(id, name) : `${name}.${fn} (${id.slice(0, SHORT_ID)}…)`;
}

/** The `name` field of a JSON object about a contract: absent when it has none. */
export function nameField(name: string | undefined): { name?: string } {
  return name === undefined ? {} : { name };
}

/** A short list of contracts for one line: the first few, then how many more. */
export function contractListText(
  contracts: Array<{ id: ContractId; name?: string }>,
  max = LISTED_CONTRACTS,
): string {
  const listed = contracts.slice(0, max).map((c) => contractText(c.id, c.name));
  const more = contracts.length - listed.length;
  return more > 0 ? `${listed.join(', ')} and ${more} more` : listed.join(', ');
}
