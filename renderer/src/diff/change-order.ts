/**
 * Every changed page of a diff in the order the Diff view lists them — contract by contract as
 * the engine returns them, each contract's pages by number — so that next/previous change can
 * go on past a page's last change to the next changed page (and contract), and stop at the end.
 */
import type { ContractDiffView } from '../../../engine/api/types';

export interface ChangedPage {
  contract: string;
  page: number;
}

export function changedPageOrder(contracts: readonly ContractDiffView[]): ChangedPage[] {
  return contracts.flatMap((c) =>
    [...c.pagesChanged, ...c.pagesAdded, ...c.pagesRemoved]
      .sort((a, b) => a - b)
      .map((page) => ({ contract: c.contract, page })),
  );
}

/** Where `page` is in the order (-1 when it is not a changed page). */
export function indexOfPage(order: readonly ChangedPage[], page: ChangedPage | null): number {
  if (page === null) return -1;
  return order.findIndex((p) => p.contract === page.contract && p.page === page.page);
}

/** The changed page before (-1) or after (+1) `page`, or undefined at either end. */
export function neighbourPage(
  order: readonly ChangedPage[],
  page: ChangedPage | null,
  direction: 1 | -1,
): ChangedPage | undefined {
  const i = indexOfPage(order, page);
  if (i < 0) return undefined;
  return order[i + direction];
}
