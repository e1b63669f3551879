/**
 * Engine errors that carry a session's internal id (`details.session`, e.g. "s12"), said with the
 * session's name instead: the id names nothing the user has seen. `no open session "s12"` (the
 * session was committed or discarded, here or elsewhere) reads "session “try-increment” is no
 * longer open", or "the session is no longer open" when its name is not known here.
 */
import type { ApiError } from '../../../../engine/api/types';

/** A session's name from its id; undefined when this page never saw it. */
export type SessionNames = (id: string) => string | undefined;

const NOT_OPEN = /^no open session\b/;

function sessionId(error: ApiError): string | undefined {
  const id = error.details.session;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The session's name, quoted, or undefined. */
function quotedName(error: ApiError, names: SessionNames | undefined): string | undefined {
  const id = sessionId(error);
  const name = id === undefined ? undefined : names?.(id);
  return name === undefined || name === '' ? undefined : `“${name}”`;
}

/** The session the error is about is gone: the request named one that is no longer open. */
export function isSessionGone(error: ApiError): boolean {
  return (
    error.code === 'InvalidInput' && sessionId(error) !== undefined && NOT_OPEN.test(error.message)
  );
}

export function sessionGoneWords(
  error: ApiError,
  names: SessionNames | undefined,
): { title: string; sentence: string } {
  const name = quotedName(error, names);
  return {
    title: 'Session no longer open',
    sentence: `${name === undefined ? 'The session' : `The session ${name}`} is no longer open: it was committed or discarded (here, in another window or by a script). Open a session to go on; committed state is untouched.`,
  };
}

/**
 * The engine's message with the session's id replaced by its name, or left out when the name is
 * not known; `no open session "s12"` becomes "session “name” is no longer open".
 */
export function namedMessage(error: ApiError, names?: SessionNames): string {
  const id = sessionId(error);
  if (id === undefined) return error.message;
  const name = quotedName(error, names);
  if (isSessionGone(error))
    return name === undefined
      ? 'the session is no longer open'
      : `session ${name} is no longer open`;
  // The id as a word of its own, quoted or not (never inside another word).
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const mention = new RegExp(`(["“]?)\\b${escaped}\\b(["”]?)`, 'g');
  return error.message
    .replace(mention, () => name ?? 'the session')
    .replace(/\bsession the session\b/g, 'the session');
}

/** The details as lines, the session named by its name (dropped when unknown), never by its id. */
export function namedDetails(error: ApiError, names?: SessionNames): string[] {
  const id = sessionId(error);
  return Object.entries(error.details).flatMap(([k, v]) => {
    if (k !== 'session' || id === undefined) return [`${k}: ${String(v)}`];
    const name = names?.(id);
    return name === undefined || name === '' ? [] : [`session: ${name}`];
  });
}
