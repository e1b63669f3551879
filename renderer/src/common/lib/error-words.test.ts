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

describe('deploy errors name their real cause (issue 10)', () => {
  test('bytes that are not a module: not a trap, but what they are, with size and first bytes', () => {
    const w = describeError({
      code: 'RuntimeError',
      message: 'not a WebAssembly module: 29 bytes starting 68 65 6c 6c …',
      details: {
        problem: 'not-wasm',
        size: 29,
        start: '68 65 6c 6c 6f 20 74 68',
        expected: '00 61 73 6d 01 00 00 00 ("\\0asm", version 1)',
        looksLike: 'text',
      },
    });
    expect(w.title).toBe('Not a WebAssembly module');
    expect(w.sentence).toBe(
      'It has 29 bytes, starting 68 65 6c 6c 6f 20 74 68 (text); a WebAssembly module starts 00 61 73 6d 01 00 00 00 ("\\0asm", version 1). Nothing was deployed: pick the compiled .wasm.',
    );
    expect(w.sentence).not.toMatch(/trap|division/);
  });

  test('a directory is a directory', () => {
    const w = describeError({
      code: 'InvalidInput',
      message: 'cannot read contract /home/me/build: it is a directory, not a regular file',
      details: { path: '/home/me/build', kind: 'a directory' },
    });
    expect(w.title).toBe('Path is a directory');
    expect(w.sentence).toContain('/home/me/build is a directory, not a file');
  });

  test('the same code deployed twice is a duplicate id: which one, and how to deploy a copy', () => {
    const id = '9930cf570e14b66dc1177d07e3c5c5f927f203eec8717164ce02d85e1df8e6d4';
    const error = {
      code: 'InitalizationError',
      message: 'InitalizationError: Deployed error already exists',
      details: { contract: id, reason: 'duplicate-id', deployedIn: 'session', explicitId: false },
    };
    const w = describeError(error);
    expect(w.title).toBe('Contract already deployed');
    expect(w.sentence).toContain(
      'A contract with id 9930cf57…1df8e6d4 is already deployed in this session',
    );
    expect(w.sentence).toContain('give it another contract id');
    expect(w.sentence).not.toContain('init argument.');
    const taken = describeError({
      ...error,
      details: { ...error.details, deployedIn: 'base', explicitId: true },
    });
    expect(taken.title).toBe('Contract id taken');
    expect(taken.sentence).toContain('already deployed in the base commit. Choose another id.');
  });

  test('an export of the wrong type shows both signatures, never “does not export”', () => {
    const w = describeError({
      code: 'InvalidFunction',
      message: 'Invalid function: bad_function',
      details: { function: 'bad_function', type: '(i64) -> (i64)', expected: '(i32) -> (i32)' },
    });
    expect(w.title).toBe('Export has the wrong type');
    expect(w.sentence).toContain(
      'The module exports bad_function as (i64) -> (i64), but piecrust calls every exported function as (i32) -> (i32)',
    );
    expect(w.sentence).not.toContain('does not export');
  });

  test('a trap names the trap; other runtime errors say their own text', () => {
    const trap = describeError({
      code: 'RuntimeError',
      message: 'RuntimeError: wasm trap: unreachable',
      details: { trap: 'unreachable' },
    });
    expect(trap.title).toBe('The contract trapped');
    expect(trap.sentence).toContain('with a trap: unreachable.');
    expect(trap.sentence).not.toContain('division by zero');
    const other = describeError({
      code: 'RuntimeError',
      message: 'RuntimeError: returned length 70000 is outside 0..=65536',
      details: {},
    });
    expect(other.title).toBe('Runtime error');
    expect(other.sentence).toContain('Returned length 70000 is outside 0..=65536');
  });

  test('a short decode: the type, its size and the byte count', () => {
    const w = describeError({
      code: 'ValidationError',
      message: 'cannot decode 4 bytes as u64: a u64 is 8 bytes',
      details: { requested: 'u64', requestedSize: 8, bytes: 4, check: 'Overrun' },
    });
    expect(w.title).toBe('4 bytes are not a u64');
    expect(w.sentence).toContain('Cannot decode 4 bytes as u64: a u64 is 8 bytes.');
  });
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
