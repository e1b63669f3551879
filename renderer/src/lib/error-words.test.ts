import { describe, expect, test } from 'vitest';
import { describeError, panicMessage, toApiError } from './error-words';

describe('errors in plain words', () => {
  test('a panic quotes the contract’s message and keeps the raw one', () => {
    const w = describeError({ code: 'Panic', message: 'Panic: Incremental panic', details: {} });
    expect(w.title).toBe('The contract panicked');
    expect(w.sentence).toContain('“Incremental panic”');
    expect(w.sentence).toContain('reverted');
    expect(w.raw).toBe('Panic: Incremental panic');
    expect(w.code).toBe('Panic');
  });

  test('each engine code has its own sentence', () => {
    for (const code of [
      'OutOfGas',
      'ContractDoesNotExist',
      'InvalidFunction',
      'MemoryAccessOutOfBounds',
      'RuntimeError',
      'InitalizationError',
      'SessionClosed',
    ]) {
      const w = describeError({ code, message: code, details: {} });
      expect(w.title).not.toBe(code);
      expect(w.sentence.length).toBeGreaterThan(20);
    }
    expect(describeError({ code: 'OutOfGas', message: 'OutOfGas', details: {} }).sentence).toMatch(
      /Raise the gas limit/,
    );
  });

  test('a missing export reported as a RuntimeError reads as “No such function”, with details', () => {
    const w = describeError({
      code: 'RuntimeError',
      message: 'RuntimeError: contract 99 does not export `nope`',
      details: { contract: '99', function: 'nope', exports: 'read_value, increment' },
    });
    expect(w.title).toBe('No such function');
    expect(w.sentence).toContain('nope');
    expect(w.details).toContain('exports: read_value, increment');
  });

  test('unknown codes still show the code and the raw message', () => {
    const w = describeError({ code: 'Weird', message: 'something odd', details: { n: 3 } });
    expect(w).toMatchObject({ title: 'Weird', raw: 'something odd', details: ['n: 3'] });
  });

  test('anything thrown becomes error data', () => {
    expect(toApiError({ code: 'InvalidInput', message: 'no', details: { a: 1 } })).toEqual({
      code: 'InvalidInput',
      message: 'no',
      details: { a: 1 },
    });
    expect(toApiError(new Error('boom'))).toEqual({ code: 'Error', message: 'boom', details: {} });
    expect(panicMessage({ code: 'Panic', message: 'Panic: x', details: {} })).toBe('x');
  });
});

test('an interrupted call says the session is kept, and names the time limit when that stopped it', () => {
  const timeout = describeError({
    code: 'Interrupted',
    message: 'Interrupted: the call ran longer than its time limit of 60 s (stopped after 60 s)',
    details: { reason: 'timeout', elapsedMs: 60_004, timeoutMs: 60_000 },
  });
  expect(timeout.title).toBe('Time limit reached');
  expect(timeout.sentence).toContain('time limit of 60 s');
  expect(timeout.sentence).toContain('the session and its earlier calls are kept');
  const requested = describeError({
    code: 'Interrupted',
    message: 'Interrupted: stopped on request after 2.0 s',
    details: { reason: 'request', elapsedMs: 2000, timeoutMs: null },
  });
  expect(requested.title).toBe('Interrupted');
  expect(requested.sentence).toContain('stopped on request');
});

test('a call cut short by terminating its session says so, not that the session merely closed', () => {
  const terminated = describeError({
    code: 'SessionClosed',
    message: 'the session was terminated while this call ran',
    details: { reason: 'terminated' },
  });
  expect(terminated.title).toBe('Terminated');
  expect(terminated.sentence).toContain('would not stop');
  expect(terminated.sentence).toContain('did not finish and changed nothing');
  const closed = describeError({ code: 'SessionClosed', message: 'gone', details: {} });
  expect(closed.title).toBe('Session closed');
  expect(closed.sentence).not.toContain('would not stop');
});
