/**
 * Structure and pure behaviour of the built contracts: the piecrust ABI of every module (with the
 * deliberate departures of the bad fixtures), the SDK's rkyv encoder/validator against spec §7.4,
 * BLAKE3, and a few contracts that need no host. Behaviour that needs a host is in test/*.test.ts
 * (against test/mock-host.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { blake3 } from 'hash-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContracts } from './build.mjs';
import { abiViolations, exportedFunctions } from './test/abi';
import { readModule } from './test/wasm-sections';

const BUILD = new URL('./build/', import.meta.url);
const wasm = (name: string): Uint8Array => readFileSync(new URL(`${name}.wasm`, BUILD));

/** Every contract and fixture: its exported functions and the ABI rules it breaks on purpose. */
const CONTRACTS: Record<string, { exports: string[]; violations?: string[] }> = {
  // AssemblyScript ports of spec §8
  badreturn: { exports: ['valid_bool', 'counter', 'garbage_value', 'raw_return_len'] },
  box: { exports: ['set', 'get'] },
  callcenter: {
    exports: [
      'query_counter',
      'increment_counter',
      'call_init',
      'calling_self',
      'call_self',
      'call_self_n_times',
      'call_spend_with_limit',
      'return_self_id',
      'return_caller',
      'return_callstack',
      'delegate_query',
      'delegate_query_with_event',
      'query_passthrough',
      'delegate_transaction',
      'panik',
      'try_query_bool',
    ],
  },
  callstack: { exports: ['return_callstack'] },
  counter: { exports: ['read_value', 'increment'] },
  counter_float: { exports: ['read_value', 'increment'] },
  crossover: {
    exports: [
      'crossover',
      'set_crossover',
      'check_consistent_state_on_errors',
      'check_iccs_dont_rollback',
      'set_back_and_panic',
    ],
  },
  debugger: { exports: ['debug'] },
  double_counter: {
    exports: ['read_values', 'increment_left', 'increment_right', 'increment_left_and_call'],
  },
  empty_initializer: { exports: ['init', 'read_value', 'increment'] },
  event_reverter: { exports: ['emit_then_panic'] },
  eventer: {
    exports: ['emit_events', 'emit_events_raw', 'emit_input', 'emit_and_mutate', 'read_value'],
  },
  everest: { exports: ['get_height'] },
  fallible_counter: { exports: ['read_value', 'increment'] },
  feeder: { exports: ['feed_num', 'feed_num_raw'] },
  fibonacci: { exports: ['nth'] },
  grower: { exports: ['append', 'append_and_panic', 'view', 'len'] },
  host: {
    exports: ['host_hash', 'host_verify', 'host_very_expensive', 'delegate_host_very_expensive'],
  },
  initializer: { exports: ['init', 'read_value', 'increment'] },
  invalid: { exports: ['bad_function'], violations: ['export-type:bad_function'] },
  merkle: { exports: ['insert', 'root'] },
  metadata: {
    exports: [
      'read_owner',
      'read_id',
      'read_owner_of',
      'read_owner_wrong_n',
      'read_owner_of_wrong_n',
    ],
  },
  micro: { exports: ['change'] },
  sdk_probe: { exports: ['encode', 'validate', 'blake3', 'debug_str', 'utf8_check'] },
  spender: { exports: ['get_limit_and_spent', 'spend'] },
  stack: { exports: ['push', 'pop', 'len'] },
  vector: { exports: ['push', 'pop'] },
  // WebAssembly text: wasm64, the OLD ABI, and fixtures for the host's error paths
  c_example: { exports: ['increment_and_read', 'out_of_bounds', 'not_out_of_bounds'] },
  counter64: {
    exports: [
      'read_value',
      'increment',
      'emit_one',
      'read_meta',
      'read_owner',
      'read_self',
      'read_caller',
      'query',
      'call_read_value',
    ],
  },
  old_caller: { exports: ['return_caller', 'call_other'], violations: ['import-type:caller'] },
  arg_buffer_near_end: { exports: ['echo', 'first_byte'] },
  arg_buffer_past_max: { exports: ['noop'] },
  arg_buffer_wrong_type: { exports: ['noop'], violations: ['A-type'] },
  bad_return: { exports: ['too_long', 'negative'] },
  depth: { exports: ['descend'] },
  grow: { exports: ['grow'] },
  mutable_arg_buffer: { exports: ['noop'], violations: ['A-mutable'] },
  nan: { exports: ['nan'] },
  no_arg_buffer: { exports: ['noop'], violations: ['A-missing'] },
  no_memory: { exports: ['noop'], violations: ['memories:0', 'memory-not-exported'] },
  oob_pointer: { exports: ['emit_oob', 'store_oob'] },
  pages: { exports: ['bump', 'write', 'write_many'] },
  spin: { exports: ['spin', 'recurse'] },
  trap_after_calls: {
    exports: ['oob_after_calls', 'div_after_calls', 'oob_in_callee', 'null_indirect', 'calls_only'],
  },
  start_fn: { exports: ['read'], violations: ['start'] },
  two_memories: { exports: ['noop'], violations: ['memories:2'] },
  unexported_memory: { exports: ['noop'], violations: ['memory-not-exported'] },
  unknown_import: { exports: ['call_foo'], violations: ['import:foo'] },
  wrong_import_type: { exports: ['call_c'], violations: ['import-type:c'] },
};

beforeAll(async () => {
  await buildContracts({ log: () => {} });
});

describe('build output', () => {
  it('has exactly the contracts listed here and in README.md', () => {
    const built = readdirSync(BUILD)
      .filter((f) => f.endsWith('.wasm'))
      .map((f) => f.slice(0, -5))
      .sort();
    expect(built).toEqual(Object.keys(CONTRACTS).sort());
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    for (const name of built) expect(readme, name).toContain(`| \`${name}\``);
  });
});

describe.each(Object.entries(CONTRACTS))('%s', (name, expected) => {
  it('exports the expected functions and follows the ABI except where intended', () => {
    const info = readModule(wasm(name));
    expect(exportedFunctions(info).sort()).toEqual([...expected.exports].sort());
    expect(abiViolations(info)).toEqual(expected.violations ?? []);
  });

  // V8 has no multi-memory, so two_memories is rejected already by the JS API (the engine's own
  // parser rejects it first, with its own error: see the bad-input scenarios).
  it('is accepted by the WebAssembly JS API (two_memories: rejected)', () => {
    if (name === 'two_memories') {
      expect(() => new WebAssembly.Module(wasm(name))).toThrow(WebAssembly.CompileError);
      return;
    }
    const module = new WebAssembly.Module(wasm(name));
    const kinds = WebAssembly.Module.exports(module).map((e) => `${e.name}:${e.kind}`);
    if (!expected.violations)
      expect(kinds).toEqual(expect.arrayContaining(['A:global', 'memory:memory']));
  });
});

/** Instantiates a contract that needs no host; any import call fails the test. */
function standalone(name: string) {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm(name)), {
    env: new Proxy(
      {},
      {
        get: (_, field) => () => {
          throw new Error(`unexpected host call ${String(field)}`);
        },
      },
    ),
  });
  const exports = instance.exports as Record<string, unknown>;
  const A = Number((exports.A as WebAssembly.Global).value);
  const memory = exports.memory as WebAssembly.Memory;
  return {
    A,
    call(fn: string, arg: Uint8Array = new Uint8Array()): Buffer {
      new Uint8Array(memory.buffer).set(arg, A);
      const len = (exports[fn] as (n: number) => number)(arg.length);
      return Buffer.from(new Uint8Array(memory.buffer).slice(A, A + len));
    },
  };
}

const h = (hex: string): Buffer => Buffer.from(hex, 'hex');
const u32 = (x: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(x);
  return b;
};

describe('contracts without a host', () => {
  it('counter: read_value returns rkyv 0xfc_i64 in A, increment adds one', () => {
    const c = standalone('counter');
    expect(c.call('read_value').toString('hex')).toBe('fc00000000000000');
    expect(c.call('increment').length).toBe(0);
    expect(c.call('read_value').toString('hex')).toBe('fd00000000000000');
  });

  it('fibonacci: nth 0..4 = 1, 1, 2, 3, 5', () => {
    const c = standalone('fibonacci');
    expect([0, 1, 2, 3, 4].map((n) => c.call('nth', u32(n)).readBigUInt64LE(0))).toEqual([
      1n,
      1n,
      2n,
      3n,
      5n,
    ]);
  });

  it('box: None, then Some(0x11), then Some(0x12) (BOX-2 encodings)', () => {
    const c = standalone('box');
    expect(c.call('get').toString('hex')).toBe('00000000');
    expect(c.call('set', h('1100')).length).toBe(0);
    expect(c.call('get').toString('hex')).toBe('01001100');
    c.call('set', h('1200'));
    expect(c.call('get').toString('hex')).toBe('01001200');
  });

  it('micro: returns the previous argument length, initially 42', () => {
    const c = standalone('micro');
    expect(c.call('change', new Uint8Array(5)).length).toBe(42);
    expect(c.call('change', new Uint8Array(7)).length).toBe(5);
  });

  it('badreturn: garbage_value returns 16 bytes that are no bool archive', () => {
    const c = standalone('badreturn');
    expect(c.call('garbage_value').toString('hex')).toBe('deadbeefcafebad0ffffffff99999999');
    expect(c.call('valid_bool').toString('hex')).toBe('01');
  });
});

/** Spec §7.4, in table order (the probe's `encode` indices). */
const WORKED_EXAMPLES = [
  '',
  'fc00000000000000',
  '4871000000000000',
  '05000000',
  '2a000000',
  '1100',
  'ab',
  '01',
  '0000000000806f40',
  '00000000',
  '01001100',
  '01000000000000004871000000000000',
  '010000002a000000',
  '01' + '04'.repeat(33),
  '01'.repeat(32),
  '00'.repeat(33),
  '70616e696b000005',
  '726561645f76616c756500000a000000f4ffffff',
  '0000000000000000',
  '01020300fcffffff03000000',
  '01'.repeat(64) + 'c0ffffff02000000',
  'fc00000000000000cf00000000000000',
  '726561645f76616c756500000a000000f4fffffff6ffffff00000000',
  '696e6372656d656e74000000' + '01'.repeat(32) + '09000000d4ffffffd5ffffff00000000',
  '01'.repeat(32) + 'e114000000000000',
  '76616c69645f626f6f6c0000' + '01'.repeat(32) + '0a000000d4ffffff',
  '01'.repeat(32) + '2a0000003a01000010010000',
  '00'.repeat(16),
  '01000000010000000000000000000000',
  '01000000020000000000000000000000',
  '01000000030000000000000000000000',
  '49206c696b65207370656e64696e6700' + '01000000' + '00000000' + '0f000000e8ffffff',
  '00010000000000000000000000000000',
  'fc00000000000000' + '00000000f4ffffff0800000000000000',
];

describe('SDK (through the sdk_probe contract)', () => {
  it.each(WORKED_EXAMPLES.map((hex, i) => [i, hex] as const))(
    'encodes spec §7.4 example %i byte for byte, and validates it',
    (i, hex) => {
      const probe = standalone('sdk_probe');
      const encoded = probe.call('encode', u32(i));
      expect(encoded.toString('hex')).toBe(hex);
      const checked = probe.call('validate', Buffer.concat([u32(i), encoded]));
      expect(checked.subarray(4).toString()).toBe('');
    },
  );

  it.each([
    [7, '02', 'check bytes error: check failed for bool: expected 0 or 1, found 2'],
    [9, '02001100', 'check bytes error: invalid tag for enum: 2'],
    [
      16,
      '61ff000000000002',
      'check bytes error: value check bytes error: invalid utf-8 sequence of 1 bytes from index 1',
    ],
    [
      16,
      '6161616161616109',
      'check bytes error: pointer check bytes error: length too long for inline: 9 is longer than the inline capacity of 7',
    ],
    [2, '000000000000000000', 'context error: unaligned pointer'],
    [2, '00000000', 'context error: pointer overran buffer'],
    [17, '0a000000f4ffffff', 'check bytes error: context error: pointer out of bounds'],
    // The Vec's bytes overlap the String's: relative pointers must target fresh bytes in field order.
    [
      22,
      '726561645f76616c756500000a000000f4fffffff2ffffff00000000',
      'check failed for tuple struct member 1: context error: subtree pointer out of bounds',
    ],
    // A relative pointer to bytes at (not before) its holder.
    [19, '000000000000000001000000', 'context error: subtree pointer out of bounds'],
    [
      32,
      '00020000000000000000000000000000',
      'check failed for enum tuple variant Ok: check failed for tuple struct member 0: check failed for bool',
    ],
  ])('rejects example %i shape with %s', (i, hex, message) => {
    const out = standalone('sdk_probe').call('validate', Buffer.concat([u32(i), h(hex)]));
    expect(out.readInt32LE(0)).toBe(-1);
    expect(out.subarray(4).toString()).toContain(message);
  });

  it('BLAKE3 matches the reference for the official test-vector lengths', async () => {
    const probe = standalone('sdk_probe');
    expect(probe.call('blake3').toString('hex')).toBe(
      'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262',
    );
    for (const n of [
      1, 63, 64, 65, 1023, 1024, 1025, 2048, 2049, 3072, 3073, 4096, 4097, 5120, 5121, 6144, 6145,
      7168, 7169, 8192, 8193, 16384, 31744, 65536,
    ]) {
      const input = Uint8Array.from({ length: n }, (_, i) => i % 251);
      expect(probe.call('blake3', input).toString('hex'), `length ${n}`).toBe(await blake3(input));
    }
  });

  it("formats strings like Rust's {:?}", () => {
    const probe = standalone('sdk_probe');
    expect(probe.call('debug_str', Buffer.from('I like spending')).toString()).toBe(
      '"I like spending"',
    );
    expect(probe.call('debug_str', Buffer.from('a"b\\c\n\t\r\0\x01é😀\x7f')).toString()).toBe(
      '"a\\"b\\\\c\\n\\t\\r\\0\\u{1}é😀\\u{7f}"',
    );
  });

  it("reports UTF-8 errors like Rust's Utf8Error", () => {
    const probe = standalone('sdk_probe');
    expect(probe.call('utf8_check', Buffer.from('héllo')).toString()).toBe('');
    expect(probe.call('utf8_check', h('61ff')).toString()).toBe(
      'invalid utf-8 sequence of 1 bytes from index 1',
    );
    expect(probe.call('utf8_check', h('61e282')).toString()).toBe(
      'incomplete utf-8 byte sequence from index 1',
    );
    expect(probe.call('utf8_check', h('eda080')).toString()).toBe(
      'invalid utf-8 sequence of 1 bytes from index 0',
    );
    expect(probe.call('utf8_check', h('f09f98')).toString()).toBe(
      'incomplete utf-8 byte sequence from index 0',
    );
    expect(probe.call('utf8_check', h('f09f2880')).toString()).toBe(
      'invalid utf-8 sequence of 2 bytes from index 0',
    );
  });
});
