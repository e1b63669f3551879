/**
 * Writing a session as a commit (spec §6): its state's batch (new pages, nodes, the contract
 * index, the journal), refused when another state has the same root.
 */
import { bytesToHex, hexToBytes, type Root } from '../core/ids';
import type { GasTableName } from '../core/gas-tables';
import { addsLabel } from '../store/commit-store';
import { addJournal, batchOverlay, buildCommitBatch } from './commit-batch';
import { changesBetween } from './commit-changes';
import { rootCollision } from './root-collision';
import type { SessionContracts, SessionHost } from './session-contracts';
import type { SessionJournal } from './session-journal';

/**
 * Write the session's state as a commit labelled `label` (nothing when that commit exists
 * already with that label) and return its root. A write that fails leaves everything as it was.
 */
export async function writeCommit(
  host: SessionHost,
  contracts: SessionContracts,
  journal: SessionJournal,
  gasTable: GasTableName,
  label: string,
): Promise<Root> {
  const state = contracts.state();
  const root = bytesToHex(state.root) as Root;
  const existing = host.store.getCommit(root);
  // With a commit of this root there already, only its contract index tells whether this state
  // is that commit's or another one under the same root (refused). The same state committed
  // again under a new label records the label; its batch stays complete all the same, in case
  // the commit is deleted before the write.
  const relabel = existing !== undefined && addsLabel(existing, label);
  const batch = buildCommitBatch(
    contracts.baseState,
    state,
    contracts.nodes,
    contracts.base,
    label,
    gasTable,
    existing === undefined || relabel,
  );
  if (existing !== undefined && existing.indexRoot !== batch.commit.indexRoot) {
    throw rootCollision(
      root,
      existing,
      batch.commit.indexRoot,
      batchOverlay(batch, contracts.nodes),
    );
  }
  if (existing === undefined || relabel) {
    // Recorded with the commit for the graph: against the base this session started from (its
    // parent), read through the batch's new nodes over the ones the session has read.
    batch.commit.changes = changesBetween(
      batchOverlay(batch, contracts.nodes),
      contracts.baseState.indexRoot,
      hexToBytes(batch.commit.indexRoot),
    );
    const recorder = journal.recorder;
    if (recorder !== undefined) addJournal(batch, recorder.journal, recorder.pages);
    // A write that fails (a full disk, another state under this root committed meanwhile)
    // leaves the session open: nothing of it is lost, the commit can be tried again.
    await host.writeCommit(batch);
  }
  return root;
}
