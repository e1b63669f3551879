/**
 * The InspectorApi suite, continued (see suite.ts): genesis, the all-zero root, read as a
 * commit is the empty state — the state every session without a base starts from.
 */
import { describe, expect, test } from 'vitest';
import { rejection, type Connection } from './suite-support';

const GENESIS = '0'.repeat(64);
const SOME_CONTRACT = '07'.repeat(32);

export function genesisTests(connection: () => Connection): void {
  describe('genesis as a commit', () => {
    test('has no contracts, reads zeros, and holds no contract’s memory', async () => {
      const { api } = connection();
      expect(await api.contracts({ commit: GENESIS })).toEqual([]);
      expect(
        await api.readMemory({ commit: GENESIS, contract: SOME_CONTRACT, offset: 0, length: 4 }),
      ).toBe('0x00000000');
      const missing = await rejection(api.memory({ commit: GENESIS, contract: SOME_CONTRACT }));
      expect(missing).toMatchObject({
        code: 'ContractDoesNotExist',
        message: `Contract does not exist: ${SOME_CONTRACT} in commit ${GENESIS}`,
      });
    });
  });
}
