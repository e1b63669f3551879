/**
 * The service's read-only queries over commits and live sessions, in one namespace for
 * service.ts: each file reads a state through a StateView (state-of.ts resolves the request's
 * StateRef or JournalSource to one).
 */
export { idleSession, sessionEntry } from './session-lookup';
export { contracts, memoryInfo } from './contract-queries';
export { readMemory } from './memory-reads';
export { diff, pageDiff } from './state-diffs';
export { commitGraph, commitNode } from './commit-graph';
export {
  journalCalls,
  pageAtStep,
  pageRange,
  stepDetail,
  stepsWritingPage,
} from './journal-queries';
