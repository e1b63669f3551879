// event_reverter: makes the eventer emit and mutate, then panics, so both must be reverted.
import { argChecked, call, ContractId, panic, vU32 } from '../sdk';
export { A } from '../sdk';

const EVENT_VALUE: u32 = 42;

export function emit_then_panic(arg_len: u32): u32 {
  const eventer = ContractId.at(argChecked(arg_len, 'I'));
  if (!call(eventer, 'emit_and_mutate', vU32(EVENT_VALUE), 'u').ok)
    panic('eventer call should succeed');
  panic('event reverter panic');
  return unreachable();
}
