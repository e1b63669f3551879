// The driver loader against drivers that break the ABI or misbehave: each gives an error that
// names what happened with its numbers, and the host goes on (a good driver still answers, and
// the misbehaving one is restarted).
import { describe, expect, test } from 'vitest';
import { isPiecrustError, PiecrustError } from '../core/errors';
import { driverWat } from '../testing/driver-wat';
import { wat } from '../testing/wat';
import { DataDriver } from './data-driver';

async function driver(source: string, options = {}): Promise<DataDriver> {
  return DataDriver.fromBytes(await wat(source), options);
}

function failure(f: () => unknown): PiecrustError {
  try {
    f();
  } catch (e) {
    if (e instanceof PiecrustError) return e;
    throw e;
  }
  throw new Error('expected a PiecrustError, nothing was thrown');
}

async function loadFailure(source: string, options = {}): Promise<PiecrustError> {
  const bytes = await wat(source);
  return failure(() => DataDriver.fromBytes(bytes, options));
}

const json = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('a well-behaved driver', () => {
  test('answers every ABI function through its output buffer', async () => {
    const d = await driver(driverWat());
    expect(d.version()).toBe('0.1.0');
    expect(d.schema()).toEqual({ functions: 1 });
    expect(Array.from(d.encodeInput('increment', '[1,2]'))).toEqual(Array.from(json('[1,2]')));
    expect(d.decodeInput('increment', json('{"a":1}'))).toEqual({ a: 1 });
    expect(d.decodeOutput('read_value', json('"252"'))).toBe('252');
    expect(d.decodeEvent('moved', json('[true]'))).toEqual([true]);
  });

  test("a refusal carries the driver's own text and its code; the driver goes on", async () => {
    const d = await driver(driverWat());
    const e = failure(() => d.encodeInput('nope', '{}'));
    expect(e.message).toBe(
      'driver\'s encode_input_fn("nope") failed with code 3: Unsupported("nope")',
    );
    expect(e.details).toMatchObject({ code: 3, driverError: 'Unsupported("nope")' });
    expect(d.version()).toBe('0.1.0');
    expect(d.restarts).toBe(0);
  });

  test('an output larger than the buffer is read after growing the buffer to its length', async () => {
    const d = await driver(driverWat(), { initialBuffer: 64 });
    const big = `[${Array.from({ length: 40 }, (_, i) => i).join(',')}]`; // 111 bytes > 60
    expect(big.length).toBeGreaterThan(60);
    expect(d.decodeOutput('read', json(big))).toHaveLength(40);
    // Also past the default 64 KiB buffer.
    const huge = `"${'x'.repeat(100_000)}"`;
    expect(await driver(driverWat()).then((g) => g.decodeOutput('read', json(huge)))).toHaveLength(
      100_000,
    );
  });
});

describe('drivers that break the ABI are refused at load, naming what is wrong', () => {
  test('a missing export and a wrongly typed one are both named', async () => {
    const e = await loadFailure(
      driverWat(
        { dealloc: '(func (export "dealloc") (param i32 i32) (result i32) (i32.const 0))' },
        {
          omit: 'get_last_error',
        },
      ),
    );
    expect(e.message).toContain('get_last_error (missing)');
    expect(e.message).toContain('dealloc (type (i32, i32) -> (i32), expected (i32, i32) -> ())');
    expect(e.details.problems).toBe(2);
  });

  test('an exported memory under another name is a missing `memory`', async () => {
    const e = await loadFailure(driverWat().replace('(export "memory")', '(export "mem")'));
    expect(e.message).toContain('memory (missing)');
  });

  test('an import is refused, naming it', async () => {
    const e = await loadFailure(
      driverWat({}, { imports: '(import "env" "abort" (func (param i32)))' }),
    );
    expect(e.message).toContain('imports env.abort (func)');
  });

  test('bytes that are not a module say so', async () => {
    const e = failure(() => DataDriver.fromBytes(json('(module)')));
    expect(e.message).toMatch(/^not a data-driver: /);
  });

  test('a start function runs metered: one that returns is fine, one that loops fails the load', async () => {
    const setsVersion = `(func $start (i32.store8 (i32.const 20) (i32.const 0x39))) (start $start)`;
    expect((await driver(driverWat({ start: setsVersion }))).version()).toBe('0.1.9'); // its last byte, 0x39;
    const loops = `(func $start (loop $l (br $l))) (start $start)`;
    const e = await loadFailure(driverWat({ start: loops }), { gasLimit: 1_000_000n });
    expect(e.message).toBe('driver ran out of its 1000000 gas in start');
  });

  test('a trap in init fails the load with the trap', async () => {
    const e = await loadFailure(driverWat({ init: '(func (export "init") unreachable)' }));
    expect(e.message).toBe('driver trapped in init: unreachable');
  });
});

describe('drivers that misbehave at run time: a clear error, and the host goes on', () => {
  test('an endless loop runs out of its gas and the driver is restarted', async () => {
    const loop = `(func (export "decode_input_fn") (param i32 i32 i32 i32 i32 i32) (result i32)
      (loop $l (br $l)) (i32.const 0))`;
    const d = await driver(driverWat({ decode_input_fn: loop }), { gasLimit: 2_000_000n });
    const e = failure(() => d.decodeInput('increment', json('1')));
    expect(isPiecrustError(e, 'OutOfGas')).toBe(true);
    expect(e.message).toBe('driver ran out of its 2000000 gas in decode_input_fn');
    expect(d.restarts).toBe(1);
    expect(d.decodeOutput('read', json('7'))).toBe(7);
  });

  test('a trap names the function; the driver is restarted and answers again', async () => {
    const d = await driver(
      driverWat({
        get_schema: '(func (export "get_schema") (param i32 i32) (result i32) unreachable)',
      }),
    );
    expect(failure(() => d.schema()).message).toBe('driver trapped in get_schema: unreachable');
    expect(d.restarts).toBe(1);
    expect(d.version()).toBe('0.1.0');
  });

  test('endless recursion overflows the stack: a trap, and the driver is restarted', async () => {
    const recurse = `(func $deep (param i32 i32) (result i32) (call $deep (local.get 0) (local.get 1)))
      (func (export "get_schema") (param i32 i32) (result i32) (call $deep (local.get 0) (local.get 1)))`;
    const d = await driver(driverWat({ get_schema: recurse }));
    const e = failure(() => d.schema());
    expect(e.message).toBe('driver trapped in get_schema: Maximum call stack size exceeded');
    expect(d.restarts).toBe(1);
    expect(d.version()).toBe('0.1.0');
  });

  test('a length header beyond any sane output is refused with the numbers', async () => {
    const absurd = `(func (export "decode_output_fn") (param i32 i32 i32 i32 i32 i32) (result i32)
      (i32.store (local.get 4) (i32.const 0x7fffffff)) (i32.const 0))`;
    const d = await driver(driverWat({ decode_output_fn: absurd }));
    const e = failure(() => d.decodeOutput('read', json('1')));
    expect(e.message).toBe(
      'driver\'s decode_output_fn("read") announced 2147483647 bytes of output in its length header, more than the 67108864 bytes a driver may return (its buffer held 65532)',
    );
    expect(d.version()).toBe('0.1.0');
  });

  test('a header that stays larger than the grown buffer is refused, not looped on', async () => {
    const liar = `(func (export "decode_output_fn") (param i32 i32 i32 i32 i32 i32) (result i32)
      (i32.store (local.get 4) (i32.add (local.get 5) (i32.const 100))) (i32.const 0))`;
    const d = await driver(driverWat({ decode_output_fn: liar }));
    const e = failure(() => d.decodeOutput('read', json('1')));
    // 65,536-byte buffer: header 65,636; grown to 65,640 bytes (65,636 for the payload): 65,740.
    expect(e.message).toBe(
      'driver\'s decode_output_fn("read") still announced 65740 bytes after its buffer was grown to the 65636 bytes it asked for',
    );
  });

  test('an alloc that points past memory is refused with the numbers', async () => {
    const wild = `(func (export "alloc") (param i32) (result i32) (i32.const 0x7fff0000))`;
    const d = await driver(driverWat({ alloc: wild }));
    expect(failure(() => d.encodeInput('increment', '[1]')).message).toBe(
      "driver's alloc returned 2147418112 for 9 bytes, past its memory of 131072 bytes",
    );
  });

  test('memory is capped below what the module declares: growing past the cap fails, saying so', async () => {
    // The bump allocator's memory.grow returns -1 at the cap, so its pointer lands past memory.
    const d = await driver(driverWat(), { maxMemory: 4 * 65536 });
    const big = json(`"${'x'.repeat(300_000)}"`);
    // The function's name is placed first (4 bytes at the heap's start, 65536), the value after.
    expect(failure(() => d.decodeOutput('read', big)).message).toBe(
      `driver's alloc returned ${65536 + 'read'.length} for ${big.length} bytes, past its memory of 131072 bytes (a driver may use at most 262144 bytes of memory)`,
    );
    // Under the default cap the same value decodes.
    expect(await driver(driverWat()).then((g) => g.decodeOutput('read', big))).toHaveLength(
      300_000,
    );
  });

  test('a driver whose memory starts above the cap is refused at load with both sizes', async () => {
    const e = await loadFailure(
      driverWat().replace('(memory (export "memory") 2)', '(memory (export "memory") 8193)'),
    );
    expect(e.message).toBe(
      `not a data-driver we run: its memory starts at ${8193 * 65536} bytes, more than the ${512 * 1024 * 1024} bytes a driver may use`,
    );
  });

  test('invalid UTF-8 names the byte offset', async () => {
    // "0.1" then 0xff: the store writes 0x30 0x2e 0x31 0xff.
    const bad = driverWat({
      get_version: `(func (export "get_version") (param $o i32) (param $s i32) (result i32)
        (i32.store (i32.const 2048) (i32.const 0xff312e30))
        (call $put (local.get $o) (local.get $s) (i32.const 2048) (i32.const 4)))`,
    });
    const v = await driver(bad);
    const u = failure(() => v.version());
    expect(isPiecrustError(u, 'Utf8')).toBe(true);
    expect(u.message).toBe(
      "the driver's get_version output is not valid UTF-8: byte 3 of 4 (0xff…) starts no valid character",
    );
    expect(v.schema()).toEqual({ functions: 1 });
  });

  test('invalid JSON names the function and the position', async () => {
    const d = await driver(driverWat());
    const e = failure(() => d.decodeOutput('read', json('{"a":}')));
    expect(e.message).toContain('the driver\'s decode_output_fn("read") output is not valid JSON');
    expect(e.details.position).toBe(5);
    expect(e.message).toContain('at character 5 of 6, in "{\\"a\\":}"');
    expect(d.decodeOutput('read', json('{"a":2}'))).toEqual({ a: 2 });
  });
});
