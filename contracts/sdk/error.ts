// uplink's `ContractError`: what a contract sees when an inter-contract call fails (spec §1.8).
import { A } from './argbuf';
import { debugStr } from './fmt';
import { stringAt } from './rkyv/read';
import { Value, vContractError, vErr, vOk } from './rkyv/value';
import { decodeUtf8 } from './utf8';

export const PANIC: u8 = 0;
export const OUT_OF_GAS: u8 = 1;
export const DOES_NOT_EXIST: u8 = 2;
export const UNKNOWN: u8 = 3;

export class ContractError {
  constructor(
    public kind: u8,
    public msg: string = '',
  ) {}

  /**
   * `ContractError::from_parts`: -1 Panic (message in `A` as `[u32 LE len][utf8]`), -2 OutOfGas,
   * -3 DoesNotExist, anything else Unknown.
   */
  static fromCode(code: i32): ContractError {
    if (code == -1) {
      let len = load<u32>(A);
      if (len > 65532) len = 65532;
      return new ContractError(PANIC, decodeUtf8(A + 4, len));
    }
    if (code == -2) return new ContractError(OUT_OF_GAS);
    if (code == -3) return new ContractError(DOES_NOT_EXIST);
    return new ContractError(UNKNOWN);
  }

  /** Rust's derived `Debug`: `Panic("…")`, `OutOfGas`, `DoesNotExist`, `Unknown`. */
  debug(): string {
    if (this.kind == PANIC) return 'Panic(' + debugStr(this.msg) + ')';
    if (this.kind == OUT_OF_GAS) return 'OutOfGas';
    if (this.kind == DOES_NOT_EXIST) return 'DoesNotExist';
    return 'Unknown';
  }

  value(): Value {
    return vContractError(this.kind, this.msg);
  }
}

/** Reads an archived (validated) `ContractError` at `addr`. */
export function contractErrorAt(addr: usize): ContractError {
  const kind = load<u8>(addr);
  return kind == PANIC ? new ContractError(PANIC, stringAt(addr + 4)) : new ContractError(kind);
}

/** `Result<T, ContractError>` to archive: `Ok(ok)` or `Err(err)`; `okDesc` describes T. */
export function vResult(err: ContractError | null, ok: Value, okDesc: string): Value {
  return err === null ? vOk(ok) : vErr(err.value(), okDesc);
}
