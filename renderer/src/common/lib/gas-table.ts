/**
 * Gas tables as the UI names them. Every gas figure is shown with the table it is counted in
 * (`1,234 gas · head`), so figures of piecrust HEAD and 0.19 are never read as comparable.
 */
import type { CommitNode, GasTableName, GasTables, RootHex } from '../../../../engine/api/types';

/** Before the engine has answered: HEAD, the engine's own default. */
export const FALLBACK_GAS_TABLE: GasTableName = 'head';

/**
 * The table a session opened on `base` gets when it asks for none, as the engine decides it: the
 * base commit's recorded table, else the engine's default (genesis, or a commit from before
 * tables were recorded).
 */
export function baseGasTable(
  base: RootHex | null,
  commits: ReadonlyMap<RootHex, Pick<CommitNode, 'gasTable'>>,
  engineDefault: GasTableName = FALLBACK_GAS_TABLE,
): GasTableName {
  const recorded = base === null ? undefined : commits.get(base)?.gasTable;
  return recorded ?? engineDefault;
}

/** A table's name next to a figure; calls and commits from before tables were have none. */
export function gasTableText(table: GasTableName | undefined): string {
  return table ?? 'not recorded';
}

/** The short name of what a table is: its description up to the colon (`piecrust 0.19`). */
export function gasTableShort(description: string): string {
  const colon = description.indexOf(':');
  return colon < 0 ? description : description.slice(0, colon);
}

/** A tooltip for a table's name: what the table is, in the engine's words. */
export function gasTableTitle(tables: GasTables | null, table: GasTableName | undefined): string {
  if (table === undefined) return 'gas table not recorded (made before tables were recorded)';
  const description = tables?.tables.find((t) => t.name === table)?.description;
  return description === undefined ? `gas table ${table}` : `gas table ${table}: ${description}`;
}
