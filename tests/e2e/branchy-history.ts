/**
 * A branchy commit history made through the service, for the Diff tests that follow a side's
 * lineage (history.ts has the small two-branch one):
 *
 *   deployed (counter) ─┬─ left   (1 increment)
 *                       ├─ right  (2 increments) ── right2 (1 increment)
 *                       └─ boxed  (box deployed and set)
 *
 * right2 is made last, so it is the newest commit.
 */
import type { CommitNode } from '../../engine/api/types';
import type { InspectorService } from '../../engine/api/service';
import { commitOn } from './history';

export interface BranchyHistory {
  counter: string;
  box: string;
  deployed: CommitNode;
  left: CommitNode;
  right: CommitNode;
  right2: CommitNode;
  boxed: CommitNode;
}

export async function makeBranchyHistory(service: InspectorService): Promise<BranchyHistory> {
  const setup = await service.openSession({ name: 'setup' });
  const counter = (
    await service.deploy({ session: setup.id, source: { kind: 'sample', name: 'counter' } })
  ).contractId!;
  const deployed = await service.commit({ session: setup.id, label: 'deployed' });
  const left = await commitOn(service, deployed.root, 'left', counter, 1);
  const right = await commitOn(service, deployed.root, 'right', counter, 2);
  const boxing = await service.openSession({ base: deployed.root, name: 'boxing' });
  const box = (
    await service.deploy({ session: boxing.id, source: { kind: 'sample', name: 'box' } })
  ).contractId!;
  const set = await service.call({
    session: boxing.id,
    contract: box,
    fn: 'set',
    arg: { value: { i16: 7 } },
  });
  if (!set.ok) throw new Error(`box.set failed: ${set.error?.message}`);
  const boxed = await service.commit({ session: boxing.id, label: 'boxed' });
  const right2 = await commitOn(service, right.root, 'right2', counter, 1);
  return { counter, box, deployed, left, right, right2, boxed };
}
