import { describe, expect, test } from 'vitest';
import { errorCause, errorHeadline, errorText } from './error-text';

describe('an error as one line', () => {
  test('the code leads exactly once, whether or not the message already names it', () => {
    const trap = { code: 'RuntimeError' as const, message: 'RuntimeError: wasm trap: unreachable' };
    expect(errorHeadline(trap)).toBe('RuntimeError: wasm trap: unreachable');
    expect(errorHeadline({ code: 'OutOfGas', message: 'OutOfGas' })).toBe('OutOfGas');
    expect(errorHeadline({ code: 'InvalidFunction', message: 'Invalid function: f' })).toBe(
      'InvalidFunction: Invalid function: f',
    );
  });

  test('a duplicate contract id says which id, where, and how to deploy a second copy', () => {
    const id = 'ab'.repeat(32);
    const dup = {
      code: 'InitalizationError' as const,
      message: 'InitalizationError: Deployed error already exists',
      details: { contract: id, reason: 'duplicate-id', deployedIn: 'session', explicitId: false },
    };
    expect(errorCause(dup)).toContain(`contract ${id} is already deployed in this session`);
    expect(errorCause(dup)).toContain('give a contractId to deploy another copy');
    expect(errorText(dup)).toMatch(
      /^InitalizationError: Deployed error already exists \(contract /,
    );
    const taken = { ...dup, details: { ...dup.details, deployedIn: 'base', explicitId: true } };
    expect(errorCause(taken)).toBe(
      `the contract id ${id} you gave is taken in the base commit: choose another contractId`,
    );
  });

  test('an export of the wrong type names both signatures', () => {
    expect(
      errorText({
        code: 'InvalidFunction',
        message: 'Invalid function: bad_function',
        details: { function: 'bad_function', type: '(i64) -> (i64)', expected: '(i32) -> (i32)' },
      }),
    ).toBe(
      'InvalidFunction: Invalid function: bad_function (the export bad_function has type (i64) -> (i64); piecrust calls every exported function as (i32) -> (i32))',
    );
  });

  test('errors whose message says it all get nothing added', () => {
    const panic = { code: 'Panic' as const, message: 'Panic: boom', details: { message: 'boom' } };
    expect(errorCause(panic)).toBeUndefined();
    expect(errorText(panic)).toBe('Panic: boom');
  });
});
