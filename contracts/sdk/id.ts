// `ContractId`: 32 bytes, archived inline (size 32, align 1).
import { CONTRACT_ID_BYTES } from './argbuf';
import { hex } from './fmt';
import { Value, vBytes, vNone, vSome } from './rkyv/value';

/** The 32 bytes live inside the object, so an id costs one allocation. */
@final
export class ContractId {
  private b0: u64 = 0;
  private b1: u64 = 0;
  private b2: u64 = 0;
  private b3: u64 = 0;

  /** Copies the id at `ptr` (usually in `A`, which the next host call overwrites). */
  static at(ptr: usize): ContractId {
    // @ts-ignore: runtime builtin (AssemblyScript)
    const id = changetype<ContractId>(__new(offsetof<ContractId>(), idof<ContractId>()));
    memory.copy(changetype<usize>(id), ptr, CONTRACT_ID_BYTES);
    return id;
  }

  get ptr(): usize {
    return changetype<usize>(this);
  }

  equals(other: ContractId): bool {
    return memory.compare(this.ptr, other.ptr, CONTRACT_ID_BYTES) == 0;
  }

  /** uplink's `Debug` and `Display`: lowercase hex, no prefix. */
  toString(): string {
    return hex(this.ptr, CONTRACT_ID_BYTES);
  }

  value(): Value {
    return vBytes(this.ptr, CONTRACT_ID_BYTES);
  }
}

/** `Option<ContractId>` to archive. */
export function vOptionId(id: ContractId | null): Value {
  return id === null ? vNone('I') : vSome(id.value());
}
