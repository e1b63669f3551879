import { expect, test } from 'vitest';
import type { ContractDiffView } from '../../../engine/api/types';
import { changedPageOrder, neighbourPage } from './change-order';

const contract = (id: string, changed: number[], added: number[] = []): ContractDiffView => ({
  contract: id,
  status: 'changed',
  pagesChanged: changed,
  pagesAdded: added,
  pagesRemoved: [],
});

test('changed pages in the listed order: contract by contract, pages by number', () => {
  const order = changedPageOrder([contract('a', [3, 1], [2]), contract('b', [0])]);
  expect(order).toEqual([
    { contract: 'a', page: 1 },
    { contract: 'a', page: 2 },
    { contract: 'a', page: 3 },
    { contract: 'b', page: 0 },
  ]);
  // Past a page's edge: the next page of the contract, then the next contract; none at the ends.
  expect(neighbourPage(order, { contract: 'a', page: 3 }, 1)).toEqual({ contract: 'b', page: 0 });
  expect(neighbourPage(order, { contract: 'b', page: 0 }, -1)).toEqual({ contract: 'a', page: 3 });
  expect(neighbourPage(order, { contract: 'b', page: 0 }, 1)).toBeUndefined();
  expect(neighbourPage(order, { contract: 'a', page: 1 }, -1)).toBeUndefined();
  expect(neighbourPage(order, { contract: 'x', page: 1 }, 1)).toBeUndefined();
});
