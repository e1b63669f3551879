/**
 * The inverse of script-values.ts: a decoded value in the script value syntax, so that what the
 * inspector shows can be pasted into a script or a call. Types the syntax cannot express
 * (vectors other than `Vec<u8>`, arrays, `Result`, `ContractError`) give `null`.
 */
import { bytesToHex } from '../core/ids';
import { formatType } from './type-names';
import type { RkyvType, RkyvValue } from './types';

export function toScriptValue(type: RkyvType, value: RkyvValue): unknown {
  switch (type.kind) {
    case 'u8':
    case 'u16':
    case 'u32':
    case 'i8':
    case 'i16':
    case 'i32':
    case 'f32':
    case 'f64':
    case 'bool':
    case 'string':
      return { [type.kind]: value };
    case 'u64':
    case 'i64':
      return { [type.kind]: String(value) };
    case 'contractId':
      return { contractId: `0x${String(value)}` };
    case 'unit':
      return { unit: null };
    case 'vec':
      return type.item.kind === 'u8' ? { bytes: `0x${bytesToHex(value as Uint8Array)}` } : null;
    case 'option': {
      if (value === null) return { option: null, of: formatType(type.some) };
      const some =
        typeof value === 'object' && 'some' in (value as object)
          ? (value as { some: RkyvValue }).some
          : value;
      const inner = toScriptValue(type.some, some);
      return inner === null ? null : { option: inner };
    }
    case 'tuple': {
      const items = (value as RkyvValue[]).map((v, i) => toScriptValue(type.items[i], v));
      return items.includes(null) ? null : { tuple: items };
    }
    default:
      return null;
  }
}
