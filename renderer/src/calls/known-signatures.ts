/**
 * Argument and result types of the bundled sample contracts (contracts/README.md), so that a new
 * user calling `box.set` sees `i16 17` as the example and `get`'s result decodes as `Option<i16>`
 * without knowing the types yet. Contracts of unknown code get no hints; the user picks a type.
 */

export interface Signature {
  /** Example argument in the editor's syntax; undefined means the function takes `()`. */
  arg?: string;
  /** Rust type of the result, for decodeValue; undefined means `()`. */
  ret?: string;
}

const ID = '{"contractId": "0x…"}';

export const SAMPLE_SIGNATURES: Record<string, Record<string, Signature>> = {
  counter: { read_value: { ret: 'i64' }, increment: {} },
  fallible_counter: { read_value: { ret: 'i64' }, increment: { arg: 'bool true' } },
  box: { set: { arg: 'i16 17' }, get: { ret: 'Option<i16>' } },
  callcenter: {
    query_counter: { arg: ID, ret: 'i64' },
    increment_counter: { arg: ID },
    call_init: { arg: ID },
    calling_self: { arg: ID, ret: 'bool' },
    call_self: { ret: 'Result<bool, ContractError>' },
    call_self_n_times: { arg: 'u32 3', ret: 'Vec<ContractId>' },
    return_self_id: { ret: 'ContractId' },
    return_caller: { ret: 'Option<ContractId>' },
    return_callstack: { ret: 'Vec<ContractId>' },
  },
  eventer: {
    emit_events: { arg: 'u32 3' },
    emit_events_raw: { arg: 'u32 3' },
    emit_input: { arg: 'bytes 0x010203', ret: '(u64, u64)' },
    emit_and_mutate: { arg: 'u32 3' },
    read_value: { ret: 'u32' },
  },
  fibonacci: { nth: { arg: 'u32 10', ret: 'u64' } },
  stack: { push: { arg: 'i32 7' }, pop: { ret: 'Option<i32>' }, len: { ret: 'u32' } },
  vector: { push: { arg: 'i16 7' }, pop: { ret: 'Option<i16>' } },
  metadata: {
    read_id: { ret: 'ContractId' },
    read_owner: { ret: '[u8; 33]' },
    read_owner_of: { arg: ID, ret: 'Option<[u8; 33]>' },
  },
  crossover: { crossover: { ret: 'i32' }, set_crossover: { arg: 'i32 7', ret: 'i32' } },
  spender: { get_limit_and_spent: { ret: '(u64, u64, u64, u64, u64)' } },
  double_counter: { read_values: { ret: '(i64, i64)' }, increment_left: {}, increment_right: {} },
  debugger: { debug: { arg: 'string hello' } },
  initializer: { init: { arg: 'u8 7' }, read_value: { ret: 'u8' }, increment: {} },
  counter64: { read_value: { ret: 'i64' }, increment: {} },
};

export function signatureOf(sample: string | undefined, fn: string): Signature | undefined {
  return sample === undefined ? undefined : SAMPLE_SIGNATURES[sample]?.[fn];
}

/** Types offered in the decode box, most useful first. */
export const COMMON_TYPES: readonly string[] = [
  'i64',
  'u64',
  'i32',
  'u32',
  'i16',
  'u16',
  'u8',
  'bool',
  'String',
  'ContractId',
  'Option<i16>',
  'Option<u64>',
  '(u64, u64)',
  '(i64, i64)',
  'Vec<u8>',
  'Vec<ContractId>',
  '[u8; 32]',
];
