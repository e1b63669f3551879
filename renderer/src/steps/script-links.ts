/**
 * Where each script step's call can be stepped through. A step's call lives in its session's
 * journal while the session is open; when the script commits the session, the same calls (at
 * the same indexes) are the journal of the commit; when it drops the session, they are gone.
 */
import type { JournalSource, ScriptStepResult } from '../../../engine/api/types';

/** The results so far with `latest` appended, earlier links following a commit or a drop. */
export function appendResult(
  results: readonly ScriptStepResult[],
  latest: ScriptStepResult,
): ScriptStepResult[] {
  const session = latest.session;
  const ended = latest.passed && (latest.op === 'commit' || latest.op === 'drop');
  if (session === undefined || !ended) return [...results, latest];
  const moved: JournalSource | undefined =
    latest.op === 'commit' && latest.root !== undefined ? { commit: latest.root } : undefined;
  const relinked = results.map((r) => {
    const source = r.journal?.source;
    if (source === undefined || !('session' in source) || source.session !== session) return r;
    const { journal, ...rest } = r;
    return moved === undefined ? rest : { ...rest, journal: { ...journal!, source: moved } };
  });
  return [...relinked, latest];
}

/** A step's journal link if it can still be followed (its session is still open). */
export function followable(
  result: ScriptStepResult,
  openSessions: ReadonlySet<string>,
): ScriptStepResult['journal'] {
  const link = result.journal;
  if (link === undefined) return undefined;
  return 'session' in link.source && !openSessions.has(link.source.session) ? undefined : link;
}
