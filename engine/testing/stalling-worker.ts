/**
 * Tests: the entry of a session worker whose host query "very_expensive" never returns (see
 * stalling-session-worker.mjs), for `WorkerSession.open({ entry })` or the service's
 * `workerEntry`: a call that an interrupt cannot stop.
 */
export const STALLING_WORKER = new URL('./stalling-session-worker.mjs', import.meta.url);
