/**
 * How a contract is written wherever the app shows one: its stored name with the short id
 * (`counter (0a1b2c3d…)`), or the short id alone while it has no name. The full id stays in a
 * title, for copying into scripts.
 */

/** The first 8 hex digits of a contract id, as contracts and commits are shown everywhere. */
export function shortContractId(id: string): string {
  return `${id.replace(/^0x/i, '').slice(0, 8).toLowerCase()}…`;
}

export function contractLabel(id: string, name: string | undefined): string {
  return name === undefined || name === ''
    ? shortContractId(id)
    : `${name} (${shortContractId(id)})`;
}
