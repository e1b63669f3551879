// How a recorded call and wasmtime's run of it are compared: every disagreement is named with
// both numbers; exclusions and divergences keep their reasons.
import { describe, expect, test } from 'vitest';
import type { ContractId } from '../core/ids';
import type { RecordedCall } from './call-recorder';
import { compareOutcomes } from './gas-check';
import type { OracleResult } from './wasmtime-oracle';

const call = (outcome: Partial<RecordedCall>): RecordedCall => ({
  kind: 'call',
  contract: '00'.repeat(32) as ContractId,
  fn: 'f',
  arg: new Uint8Array(0),
  gasLimit: 1000n,
  gasTable: 'head',
  contracts: new Map(),
  hostCalls: [],
  ...outcome,
});
const result = (r: Partial<OracleResult>): OracleResult => ({ divergences: [], iccs: [], ...r });

describe('compareOutcomes', () => {
  test('equal gas matches; unequal gas says both', () => {
    expect(
      compareOutcomes(call({ gasSpent: 45n }), result({ ok: true, gasSpent: '45' })),
    ).toMatchObject({
      status: 'match',
      notes: [],
    });
    expect(
      compareOutcomes(call({ gasSpent: 43n }), result({ ok: true, gasSpent: '45' })),
    ).toMatchObject({
      status: 'differs',
      notes: ['gas: engine 43, wasmtime 45'],
    });
  });

  test('one succeeds, the other fails; different errors', () => {
    const failed = result({
      ok: false,
      error: { code: 'OutOfGas', message: 'OutOfGas' },
      gasSpent: '1000',
    });
    expect(compareOutcomes(call({ gasSpent: 999n }), failed).notes).toEqual([
      'the engine succeeded (gas 999), wasmtime failed with OutOfGas (OutOfGas)',
    ]);
    expect(compareOutcomes(call({ error: { code: 'Panic', message: 'x' } }), failed).notes).toEqual(
      ['error: engine Panic, wasmtime OutOfGas (OutOfGas)'],
    );
    expect(
      compareOutcomes(call({ error: { code: 'OutOfGas', message: '' }, gasSpent: 1000n }), failed)
        .status,
    ).toBe('match');
  });

  test('both fail the same way: the gas each says was spent at the failure must agree', () => {
    const trapped = result({
      ok: false,
      error: { code: 'RuntimeError', message: 'wasm trap: out of bounds memory access' },
      gasSpent: '16',
    });
    const ours = (gasSpent: bigint) =>
      call({ error: { code: 'RuntimeError', message: 'memory access out of bounds' }, gasSpent });
    expect(compareOutcomes(ours(16n), trapped).status).toBe('match');
    expect(compareOutcomes(ours(0n), trapped).notes).toEqual([
      'gas at the failure: engine 0, wasmtime 16',
    ]);
    // Where the stack runs out is each runtime's own: not compared.
    const overflow = result({
      ok: false,
      error: { code: 'RuntimeError', message: 'wasm trap: call stack exhausted' },
      gasSpent: '54600',
    });
    expect(compareOutcomes(ours(68460n), overflow).status).toBe('match');
  });

  test('gas left at host calls that disagree make a difference even when the totals agree', () => {
    const r = result({ ok: true, gasSpent: '45', divergences: ['at host call #0 …'] });
    expect(compareOutcomes(call({ gasSpent: 45n }), r)).toMatchObject({ status: 'differs' });
  });

  test('exclusions and divergences keep their reasons', () => {
    expect(compareOutcomes(call({}), result({ excluded: 'executes table.fill' }))).toEqual({
      status: 'excluded',
      notes: ['executes table.fill'],
    });
    expect(
      compareOutcomes(call({}), result({ divergence: 'host call #3: …', divergences: ['x'] })),
    ).toEqual({ status: 'diverged', notes: ['host call #3: …', 'x'] });
  });
});
