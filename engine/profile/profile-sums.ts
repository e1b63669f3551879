import { checkProfile, type CallProfile } from './profile-tree';

/**
 * Refuses a profile whose sums are wrong before it is written out: a file whose numbers do not add
 * up to the call's gas would hide a profiler bug behind a plausible flame graph.
 */
export function assertProfileAddsUp(profile: CallProfile, what: string): void {
  const problems = checkProfile(profile);
  if (problems.length > 0)
    throw new Error(`cannot ${what}: the profile does not add up:\n${problems.join('\n')}`);
}
