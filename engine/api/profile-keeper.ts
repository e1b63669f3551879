/**
 * The profiles the service computed, kept by id so that a client can diff two or export one
 * without sending them back (a profile of a long call is large). The newest KEPT are kept; an id
 * asked for after it was dropped gets an error that says so, and what to do.
 */
import { PiecrustError } from '../core/errors';
import type { CallProfile } from '../profile/profile-tree';
import type { JournalSource } from './types';

/** Profiles kept: enough for a session of comparing, small enough to forget. */
export const KEPT_PROFILES = 64;

export interface KeptProfile {
  id: string;
  label: string;
  profile: CallProfile;
  recordedGas?: bigint;
  matched?: boolean;
  /** The journal entry a re-profiled recorded call came from. */
  journalCall?: { source: JournalSource; call: number };
}

export class ProfileKeeper {
  private readonly kept = new Map<string, KeptProfile>();
  private next = 1;

  constructor(private readonly capacity = KEPT_PROFILES) {}

  keep(entry: Omit<KeptProfile, 'id'>): KeptProfile {
    const kept = { ...entry, id: `profile${this.next++}` };
    this.kept.set(kept.id, kept);
    while (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value!);
    return kept;
  }

  get(id: string): KeptProfile {
    const kept = this.kept.get(id);
    if (kept !== undefined) return kept;
    throw new PiecrustError(
      'InvalidInput',
      `no profile ${id}: the engine keeps the newest ${this.capacity} (and none from before it was restarted or another store was opened); profile the call again`,
      { id, kept: this.capacity },
    );
  }

  /** Another store was opened: the profiles were of its calls. */
  clear(): void {
    this.kept.clear();
  }
}
