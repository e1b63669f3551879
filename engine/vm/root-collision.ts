/**
 * Two different states with one root. piecrust's HEAD root covers each contract's memory at its
 * internal position, not the contracts' ids, owners or code (spec §6.2), so two sessions that
 * deploy equal contracts under different ids reach the same root with different contract indexes.
 * A commit store keyed by root would then silently keep the first and drop the second: the engine
 * keeps piecrust's root, but refuses to commit the second state and says which contracts differ.
 */
import { PiecrustError } from '../core/errors';
import { hexToBytes, type Root } from '../core/ids';
import type { NodeStore } from '../merkle/sparse-tree';
import { listRecords } from '../state/contract-index';
import type { ContractRecord } from '../state/contract-record';
import type { CommitRecord } from '../store/commit-store';

function describe(r: ContractRecord): string {
  return `${r.id.slice(0, 8)}… (code ${r.codeHash.slice(0, 8)}…, owner ${Buffer.from(r.owner).toString('hex').slice(0, 8)}…)`;
}

/** The error when `indexRoot` (the session's) differs from `existing`'s under the same root. */
export function rootCollision(
  root: Root,
  existing: CommitRecord,
  indexRoot: string,
  nodes: NodeStore,
): PiecrustError {
  const key = (r: ContractRecord) =>
    `${r.id}:${r.codeHash}:${Buffer.from(r.owner).toString('hex')}`;
  const theirs = listRecords(nodes, hexToBytes(existing.indexRoot));
  const ours = listRecords(nodes, hexToBytes(indexRoot));
  const theirKeys = new Set(theirs.map(key));
  const ourKeys = new Set(ours.map(key));
  const onlyOurs = ours.filter((r) => !theirKeys.has(key(r))).map(describe);
  const onlyTheirs = theirs.filter((r) => !ourKeys.has(key(r))).map(describe);
  const name = existing.label
    ? `"${existing.label}" (${root.slice(0, 12)}…)`
    : `${root.slice(0, 12)}…`;
  return new PiecrustError(
    'CommitError',
    `CommitError: this state has the root of commit ${name} but other contracts ` +
      `(here: ${onlyOurs.join(', ') || 'none'}; there: ${onlyTheirs.join(', ') || 'none'}). ` +
      "piecrust's root covers contract memories, not ids, owners or code, so this state cannot be " +
      'told apart from that commit by its root: it was not committed, where a store keyed by root ' +
      'would have dropped it. Make the states differ (a write, or the same ids), or continue from ' +
      'that commit.',
    {
      root,
      existingIndexRoot: existing.indexRoot,
      indexRoot,
      onlyHere: onlyOurs.join(', '),
      onlyThere: onlyTheirs.join(', '),
    },
  );
}
