// callstack: returns the ids of the calling contracts, immediate caller first (`Vec<ContractId>`).
import { argUnit, callstack, ret, vIdsOf } from '../sdk';
export { A } from '../sdk';

export function return_callstack(arg_len: u32): u32 {
  argUnit(arg_len);
  return ret(vIdsOf(callstack()));
}
