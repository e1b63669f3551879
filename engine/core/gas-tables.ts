/**
 * The names of piecrust's gas tables (the tables themselves are in wasm/gas-schedule.ts). Every
 * commit and recorded call carries the name of the table its gas was counted with, so figures
 * of different tables are never mixed; this file is what every layer may import for that.
 */

/** The names users pick a table by (`"piecrust"` in scripts, `--piecrust` in the CLI). */
export const GAS_TABLE_NAMES = ['head', '0.19'] as const;
export type GasTableName = (typeof GAS_TABLE_NAMES)[number];
export const DEFAULT_GAS_TABLE: GasTableName = 'head';

/** What each table is, in words, for help texts and the UI. */
export const GAS_TABLE_DESCRIPTIONS: Readonly<Record<GasTableName, string>> = {
  head: 'piecrust 0.32 (HEAD): stores 16/32/64 gas, emit 4 gas per byte, host queries priced',
  '0.19': 'piecrust 0.19: every operator 1 (eight free), emit and host queries free',
};

export function isGasTableName(value: unknown): value is GasTableName {
  return typeof value === 'string' && (GAS_TABLE_NAMES as readonly string[]).includes(value);
}

/** Why `value` is not a table name, in words that list the known ones. */
export function unknownGasTableMessage(value: unknown): string {
  return `unknown gas table ${JSON.stringify(value)}: use ${GAS_TABLE_NAMES.map((n) => `"${n}"`).join(' or ')}`;
}
