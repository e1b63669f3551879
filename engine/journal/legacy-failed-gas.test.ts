// Journals stored before format 3 recorded a failed frame's limit as its gas and a failed call
// no gas at all. Read back, they must not show the limit as gas spent: the failed exits say
// "not recorded" (gasNotRecorded), while format 3 keeps the spent figure and reverted writes.
import { describe, expect, test } from 'vitest';
import type { ErrorData } from '../core/errors';
import { wrapJournal } from '../store/journal-container';
import { BinaryWriter } from './binary-io';
import { decodeJournal } from './codec';

const contract = 'cd'.repeat(32);
const panic: ErrorData = { code: 'Panic', message: 'Panic: no', details: { message: 'no' } };

/** A one-call journal in format 2's layout: a top-level call whose only exit failed. */
function format2FailedCall(limit: bigint): Uint8Array {
  const w = new BinaryWriter();
  w.u8(2); // format
  w.u8(0); // no base
  w.u8(0); // no table
  w.u32(1); // calls
  w.u32(0).u8(1).raw(Buffer.from(contract, 'hex'));
  w.str('f').bytes(new Uint8Array(0)).u64(limit);
  w.u8(0); // gasSpent: none
  w.u8(0); // table
  w.u8(0); // result
  w.u8(1).str(JSON.stringify(panic)); // error
  w.u8(0).u8(0).u8(0); // codeHash, owner, explicitId
  w.f64(1).u32(1); // micros, steps
  w.u8(1).u32(0).raw(Buffer.from(contract, 'hex')); // exit, depth 0
  w.str('f').u64(limit); // the limit, as format 2 recorded it
  w.u8(0); // data
  w.u8(1).str(JSON.stringify(panic));
  w.u8(0); // ran
  w.u32(0).u32(0).u32(0); // deltas, events, debug
  return wrapJournal([], w.finish());
}

describe('failed calls in journals of earlier formats', () => {
  test('format 2: the failed exit held the limit, so its gas reads as not recorded', () => {
    const journal = decodeJournal(format2FailedCall(1_000_000n));
    const call = journal.calls[0];
    expect(call.gasSpent).toBeUndefined();
    expect(call.steps[0].gasNotRecorded).toBe(true);
    expect(call.steps[0].reverted).toBeUndefined();
  });

  test('format 1 (JSON): the same', () => {
    const legacy = {
      format: 1,
      journal: {
        base: null,
        calls: [
          {
            index: 0,
            kind: 'call',
            contract,
            fn: 'f',
            arg: { $bytes: '' },
            gasLimit: { $u64: '1000' },
            error: panic,
            steps: [
              {
                kind: 'exit',
                depth: 0,
                contract,
                fn: 'f',
                gas: { $u64: '1000' },
                error: panic,
                deltas: [],
                events: [],
                debug: [],
              },
            ],
            micros: 1,
          },
        ],
      },
    };
    const journal = decodeJournal(new TextEncoder().encode(JSON.stringify(legacy)));
    expect(journal.calls[0].steps[0].gasNotRecorded).toBe(true);
  });
});
