// crossover: an i32 (initially 0) that other crossover contracts set re-entrantly, to check that a
// failing inter-contract call reverts exactly its own subtree.
import {
  argChecked,
  argUnit,
  assertEqFailed,
  call,
  caller,
  ContractId,
  debug,
  panic,
  retI32,
  retUnit,
  unwrap,
  vI32,
  vTuple,
} from '../sdk';
export { A } from '../sdk';

const INITIAL_VALUE: i32 = 0;
const VALUE: usize = memory.data<i32>([INITIAL_VALUE]);

function setCrossover(to: i32): i32 {
  const old = load<i32>(VALUE);
  debug('setting crossover from ' + old.toString() + ' to ' + to.toString());
  store<i32>(VALUE, to);
  return old;
}

/** Makes `contract` set its value and ours, then panic; both writes must be gone afterwards. */
function checkConsistentStateOnErrors(
  contract: ContractId,
  value: i32,
  forward: i32,
  back: i32,
): void {
  debug('calling panicking contract ' + contract.toString());
  const r = call(contract, 'set_back_and_panic', vTuple([vI32(forward), vI32(back)]), 'u');
  if (r.ok) panic('should give an error on a panic: ()');
  const own = load<i32>(VALUE);
  if (own != INITIAL_VALUE)
    assertEqFailed(
      own.toString(),
      INITIAL_VALUE.toString(),
      'Our value should not be set due to the panicked call',
    );
  debug('querying contract ' + contract.toString() + ' for their state');
  const other = load<i32>(unwrap(call(contract, 'crossover', null, '4')).addr);
  if (other != INITIAL_VALUE) {
    assertEqFailed(
      other.toString(),
      INITIAL_VALUE.toString(),
      "The other contract's value should also not be set due to their panic",
    );
  }
  setCrossover(value);
}

/** Result: `i32`, the current value. */
export function crossover(arg_len: u32): u32 {
  argUnit(arg_len);
  const value = load<i32>(VALUE);
  debug('returning crossover: ' + value.toString());
  return retI32(value);
}

/** Argument: `i32`. Result: `i32`, the previous value. */
export function set_crossover(arg_len: u32): u32 {
  return retI32(setCrossover(load<i32>(argChecked(arg_len, '4'))));
}

/** Argument: `(ContractId, i32 value, i32 forward, i32 back)`. */
export function check_consistent_state_on_errors(arg_len: u32): u32 {
  const root = argChecked(arg_len, '(I444)');
  checkConsistentStateOnErrors(
    ContractId.at(root),
    load<i32>(root, 32),
    load<i32>(root, 36),
    load<i32>(root, 40),
  );
  return retUnit();
}

/** Argument: `(ContractId, i32)`. Sets our value, then lets `contract` fail after writing back into us. */
export function check_iccs_dont_rollback(arg_len: u32): u32 {
  const root = argChecked(arg_len, '(I4)');
  const contract = ContractId.at(root);
  setCrossover(load<i32>(root, 32));
  debug('calling panicking contract ' + contract.toString());
  const r = call(contract, 'set_back_and_panic', vTuple([vI32(5), vI32(6)]), 'u');
  if (r.ok) panic('should give an error on a panic: ()');
  return retUnit();
}

/** Argument: `(i32 forward, i32 back)`. Sets our value and the caller's, then panics. */
export function set_back_and_panic(arg_len: u32): u32 {
  const root = argChecked(arg_len, '(44)');
  const forward = load<i32>(root);
  const back = load<i32>(root, 4);
  setCrossover(forward);
  const from = caller();
  if (from === null) {
    panic('Should be called by another contract');
    return unreachable();
  }
  debug('calling back ' + from.toString());
  unwrap(call(from, 'set_crossover', vI32(back), 'u'));
  debug('panicking after setting the crossover');
  panic('OH NOES');
  return unreachable();
}
