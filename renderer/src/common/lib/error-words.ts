/**
 * Engine errors in plain words. The engine reports piecrust's error variants as `{ code, message,
 * details }`; the UI leads with a sentence a user can act on and keeps the code and the raw
 * message visible underneath, because the raw text is what one searches for or reports.
 */
import type { ApiError } from '../../../../engine/api/types';
import { fileWords, initWords, moduleWords, notWasmWords, type Words } from './deploy-error-words';
import { plural } from './format';
import {
  isSessionGone,
  namedDetails,
  namedMessage,
  sessionGoneWords,
  type SessionNames,
} from './session-error-words';

export interface ErrorWording {
  code: string;
  /** Short heading: "Out of gas". */
  title: string;
  /** What happened and what to do. */
  sentence: string;
  /** The engine's own message, verbatim but for a session's internal id (named instead). */
  raw: string;
  /** Details as `key: value` lines (numbers that explain the failure). */
  details: string[];
}

type Explain = (error: ApiError) => Words;

const detail = (error: ApiError, key: string): string | undefined => {
  const v = error.details[key];
  return v === undefined || v === null ? undefined : String(v);
};

/** The panic text after piecrust's `Panic: ` prefix. */
export function panicMessage(error: ApiError): string {
  return detail(error, 'message') ?? error.message.replace(/^Panic:\s*/, '');
}

const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Any other RuntimeError: a missing export, a wasm trap (named), or the engine's own text. */
function runtimeWords(e: ApiError): Words {
  const fn = detail(e, 'function');
  if (fn !== undefined && /does not export/.test(e.message))
    return {
      title: 'No such function',
      sentence: `The contract does not export ${fn}. Pick one of its exports.`,
    };
  const trap = detail(e, 'trap');
  if (trap !== undefined)
    return {
      title: 'The contract trapped',
      sentence: `WebAssembly stopped the contract with a trap: ${trap}. The call was reverted.`,
    };
  return {
    title: 'Runtime error',
    sentence: `${capitalised(e.message.replace(/^RuntimeError:\s*/, ''))}. Nothing it did was kept.`,
  };
}

const WORDS: Record<string, Explain> = {
  Panic: (e) => ({
    title: 'The contract panicked',
    sentence: `The contract stopped with “${panicMessage(e)}”. The call was reverted: its memory writes and events are undone.`,
  }),
  OutOfGas: () => ({
    title: 'Out of gas',
    sentence:
      'The call used up its gas limit before it finished and was reverted. Raise the gas limit and call again.',
  }),
  ContractDoesNotExist: (e) => ({
    title: 'No such contract',
    sentence: `There is no contract ${detail(e, 'contract') ?? 'with this id'} in this state. Deploy it first, or check the id.`,
  }),
  // piecrust raises it at deploy only: an export of the wrong type or an unknown import.
  InvalidFunction: (e) =>
    moduleWords(e) ?? {
      title: 'Function refused',
      sentence: `piecrust refused the module (${e.message}). Nothing was deployed.`,
    },
  MemoryAccessOutOfBounds: () => ({
    title: 'Memory access out of bounds',
    sentence:
      'The contract (or the host on its behalf) read or wrote past the end of its memory. The call was reverted.',
  }),
  RuntimeError: (e) => notWasmWords(e) ?? moduleWords(e) ?? runtimeWords(e),
  InitalizationError: (e) =>
    initWords(e) ?? {
      title: 'Deploy failed in init',
      sentence: `${e.message.replace(/^InitalizationError:\s*/, '')}. Nothing was deployed.`,
    },
  InvalidArgumentBuffer: () => ({
    title: 'Invalid argument buffer',
    sentence:
      'The contract’s argument buffer A is missing, misplaced or too small, so it cannot be called.',
  }),
  InvalidMemory: () => ({
    title: 'Invalid memory',
    sentence: 'The module’s memory does not meet piecrust’s rules (one exported memory).',
  }),
  TooManyMemories: () => ({
    title: 'Too many memories',
    sentence: 'The module declares more than one memory; piecrust contracts have exactly one.',
  }),
  ValidationError: (e) => {
    const type = detail(e, 'requested');
    const bytes = Number(e.details.bytes);
    return {
      title:
        type === undefined || Number.isNaN(bytes)
          ? 'Bytes do not fit the type'
          : `${plural(bytes, 'byte')} ${bytes === 1 ? 'is' : 'are'} not a ${type}`,
      sentence: `${e.message === 'ValidationError' ? 'The bytes could not be read as the requested type' : capitalised(e.message)}. Try another type, or look at the raw hex.`,
    };
  },
  ContractPositionCollision: () => ({
    title: 'Contract id taken',
    sentence:
      'A contract with this id (or the same position in the contract tree) is already deployed. Choose another id or owner.',
  }),
  MissingHostQuery: (e) => ({
    title: 'Unknown host query',
    sentence: `The contract asked the host for ${detail(e, 'name') ?? 'a query'} it does not provide.`,
  }),
  MissingHostData: (e) => ({
    title: 'Missing session data',
    sentence:
      `The contract read session data ${detail(e, 'name') ?? ''} that the session was not opened with.`.replace(
        '  ',
        ' ',
      ),
  }),
  MissingFeed: () => ({
    title: 'No feeder',
    sentence: 'The contract fed data, but the call was not made as a feeder call.',
  }),
  FeedPulled: () => ({ title: 'Feed closed', sentence: 'The receiver of the fed data went away.' }),
  Utf8: () => ({
    title: 'Invalid UTF-8',
    sentence: 'The contract handed the host text that is not valid UTF-8.',
  }),
  CompositeSerializerError: () => ({
    title: 'Encoding failed',
    sentence: 'A value could not be rkyv-encoded.',
  }),
  PersistenceError: () => ({
    title: 'Store error',
    sentence:
      'The state store could not read or write that state (an unknown commit, or a damaged file).',
  }),
  CommitError: () => ({
    title: 'Commit failed',
    sentence: 'The state could not be committed. The session is unchanged.',
  }),
  SessionError: () => ({
    title: 'Session busy',
    sentence: 'The session is running another call. Wait for it to finish or interrupt it.',
  }),
  SessionClosed: (e) =>
    detail(e, 'reason') === 'terminated'
      ? {
          title: 'Terminated',
          sentence:
            'The session’s thread was ended while this call ran (the call would not stop, or the session was discarded): the call did not finish and changed nothing. A session re-created after a stuck call has its earlier calls, without this one. Committed state is untouched.',
        }
      : {
          title: 'Session closed',
          sentence:
            'The session ended (committed or discarded) before this finished. Open a new session to continue.',
        },
  Interrupted: (e) => ({
    title: detail(e, 'reason') === 'timeout' ? 'Time limit reached' : 'Interrupted',
    sentence:
      detail(e, 'reason') === 'timeout'
        ? `The call ran longer than the app's time limit of ${Math.round(Number(detail(e, 'timeoutMs')) / 1000)} s and was stopped. It was reverted; the session and its earlier calls are kept. Lower the gas limit to stop it sooner.`
        : 'The call was stopped on request and reverted. The session and its earlier calls are kept.',
  }),
  InvalidInput: (e) =>
    fileWords(e) ?? {
      title: 'Invalid request',
      sentence:
        'The request was not accepted. The reason is below; your input is kept so you can fix it.',
    },
  ConnectionError: () => ({
    title: 'Cannot reach the engine',
    sentence: 'The inspector engine is not answering. Is `piecrust-inspector serve` still running?',
  }),
  ConnectionClosed: () => ({
    title: 'Connection lost',
    sentence: 'The connection to the inspector engine closed. The next action reconnects.',
  }),
};

/**
 * An error in plain words. `names` gives a session's name from its internal id: a session is
 * named the user's way in the words, the raw message and the details, never as "s12".
 */
export function describeError(error: ApiError, names?: SessionNames): ErrorWording {
  const explain = WORDS[error.code];
  const words = isSessionGone(error)
    ? sessionGoneWords(error, names)
    : (explain?.(error) ?? {
        title: error.code || 'Error',
        sentence: 'The engine reported an error.',
      });
  return {
    code: error.code,
    ...words,
    raw: namedMessage(error, names),
    details: namedDetails(error, names),
  };
}

/** Anything thrown by a client call, as ApiError data (ApiRequestError already is one). */
export function toApiError(e: unknown): ApiError {
  if (typeof e === 'object' && e !== null && 'code' in e && 'message' in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    const details = (e as { details?: unknown }).details;
    return {
      code: String(code),
      message: String(message),
      details:
        typeof details === 'object' && details !== null ? (details as ApiError['details']) : {},
    };
  }
  return { code: 'Error', message: e instanceof Error ? e.message : String(e), details: {} };
}
