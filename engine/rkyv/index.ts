/**
 * rkyv 0.7 values as piecrust and uplink exchange them (spec §7): arguments, return values,
 * events, metadata.
 *
 * The wire format (`size_32`, little endian): every value has an archived form of fixed size and
 * alignment; variable-length data (string bytes ≥ 8, vec elements) is written *before* the object
 * that refers to it through a negative i32 offset relative to that object. The serializer writes
 * dependencies depth-first in field order, pads, and writes the root object last, so a reader
 * finds the root in the final `size` bytes of the buffer. `Option`/`Result`/`ContractError` are
 * `repr(u8)` enums (tag, then payload at its alignment); strings of ≤ 7 bytes are stored inline.
 * `decode` validates like rkyv's `check_archived_root` (bounds, alignment, tags, bool, UTF-8,
 * pointer order) and throws `PiecrustError('ValidationError')` with the failed check in `details`.
 *
 * Example (kept as index.test.ts):
 * ```ts
 * const bytes = encode(t.option(t.u64), 29000n); // 01000000 00000000 48710000 00000000
 * decode(t.option(t.u64), bytes);                // 29000n
 * decode(parseType('u64'), bytes);               // 29000n: the root is read from the end
 * ```
 */
export {
  t,
  typeEquals,
  isUnit,
  isNullable,
  type PrimitiveKind,
  type Prim,
  type PrimType,
  type VecType,
  type ArrayType,
  type OptionType,
  type ResultType,
  type TupleType,
  type RkyvType,
  type RkyvValue,
  type ValueOf,
  type ContractErrorValue,
} from './types';
export { sizeOf, alignOf, layoutOf, tupleOffsets, payloadOffset, type Layout } from './layout';
export { encode, INLINE_STRING_CAPACITY } from './encode';
export { decodeExplained, validationMessage } from './validation-message';
export { decode, validates } from './decode';
export {
  decodeContractErrorParts,
  encodeContractErrorParts,
  CONTRACT_ERROR_CODES,
} from './contract-error';
export { parseType, formatType } from './type-names';
export { formatValue, formatFloat, debugString } from './format';
export { toScriptValue } from './to-script-value';
export {
  parseScriptValue,
  encodeScriptValue,
  scriptValueType,
  type ScriptValue,
  type ContractResolver,
} from './script-values';
