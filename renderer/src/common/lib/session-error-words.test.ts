import { describe, expect, test } from 'vitest';
import type { ApiError } from '../../../../engine/api/types';
import { describeError } from './error-words';
import { namedDetails, namedMessage } from './session-error-words';

const names = (id: string): string | undefined => ({ s12: 'try-increment' })[id];
const gone: ApiError = {
  code: 'InvalidInput',
  message: 'no open session "s12"',
  details: { session: 's12' },
};

describe('an error about a session names it the user’s way, never by its internal id', () => {
  test('a session no longer open: by its name when known', () => {
    const w = describeError(gone, names);
    expect(w.title).toBe('Session no longer open');
    expect(w.sentence).toContain('The session “try-increment” is no longer open');
    expect(w.raw).toBe('session “try-increment” is no longer open');
    expect(w.details).toEqual(['session: try-increment']);
    expect(JSON.stringify(w)).not.toMatch(/\bs12\b/);
  });

  test('a session no longer open, its name unknown here: “the session”, the id left out', () => {
    for (const w of [describeError(gone), describeError(gone, () => undefined)]) {
      expect(w.title).toBe('Session no longer open');
      expect(w.sentence).toMatch(/^The session is no longer open/);
      expect(w.raw).toBe('the session is no longer open');
      expect(w.details).toEqual([]);
      expect(JSON.stringify(w)).not.toMatch(/\bs12\b/);
    }
    expect(namedMessage(gone)).toBe('the session is no longer open');
  });

  test('any other error with a session id in its details: the name replaces the id', () => {
    const busy: ApiError = {
      code: 'SessionError',
      message: 'session try-increment is running a call: wait for it or interrupt it',
      details: { session: 's12' },
    };
    const w = describeError(busy, names);
    expect(w.title).toBe('Session busy');
    expect(w.raw).toBe(busy.message);
    expect(w.details).toEqual(['session: try-increment']);
    // An id in the message itself, quoted or not, and no other word touched.
    const quoted: ApiError = {
      code: 'InvalidInput',
      message: 'session "s12" cannot do that (s123 is another)',
      details: { session: 's12', limit: 3 },
    };
    expect(namedMessage(quoted, names)).toBe(
      'session “try-increment” cannot do that (s123 is another)',
    );
    expect(namedMessage(quoted)).toBe('the session cannot do that (s123 is another)');
    expect(namedDetails(quoted, names)).toEqual(['session: try-increment', 'limit: 3']);
    expect(namedDetails(quoted)).toEqual(['limit: 3']);
  });

  test('errors without a session are untouched', () => {
    const other: ApiError = { code: 'InvalidInput', message: 'no loaded script "x1"', details: {} };
    expect(describeError(other, names)).toMatchObject({
      title: 'Invalid request',
      raw: 'no loaded script "x1"',
    });
  });
});
