// callcenter: stateless; exercises every flavour of inter-contract call, caller/callstack/self_id,
// events and debug output.
import {
  argChecked,
  argUnit,
  call,
  callRaw,
  caller,
  callstack,
  callWithLimit,
  contractErrorAt,
  ContractId,
  debug,
  emit,
  expect,
  panic,
  resultDebug,
  ret,
  retBool,
  retBytes,
  retI64,
  retUnit,
  selfId,
  strAt,
  unwrap,
  Value,
  vBool,
  vecAt,
  vErr,
  vIdsOf,
  vOk,
  vOptionId,
  vResult,
  vStrUtf8,
  vTuple,
  vU32,
  vUnit,
  vVecU8Of,
} from '../sdk';
export { A } from '../sdk';

function idArg(arg_len: u32): ContractId {
  return ContractId.at(argChecked(arg_len, 'I'));
}

/** `(ContractId, String, Vec<u8>)`, copied out of the argument buffer. */
class Delegation {
  contract: ContractId;
  fnName: string;
  fnArg: ArrayBuffer;
  constructor(arg_len: u32) {
    const root = argChecked(arg_len, '(Isv1)');
    this.contract = ContractId.at(root);
    this.fnName = strAt(root + 32).toStr();
    this.fnArg = vecAt(root + 40).toBuffer();
  }
}

/** `delegate_query`: logs, calls with raw bytes, and returns `Result<Vec<u8>, ContractError>`. */
function delegateQuery(d: Delegation): Value {
  debug('raw query ' + d.fnName + ' at ' + d.contract.toString());
  const r = callRaw(d.contract, d.fnName, changetype<usize>(d.fnArg), <u32>d.fnArg.byteLength);
  return r.ok ? vOk(vVecU8Of(r.bytes())) : vErr(r.error().value(), 'v1');
}

/** Argument: `ContractId` of a counter. Result: its `i64` value. */
export function query_counter(arg_len: u32): u32 {
  const r = unwrap(call(idArg(arg_len), 'read_value', null, '8'));
  return retI64(load<i64>(r.addr));
}

export function increment_counter(arg_len: u32): u32 {
  unwrap(call(idArg(arg_len), 'increment', null, 'u'));
  return retUnit();
}

/** Calls `init` of the given contract, which piecrust refuses: panics with the unwrapped error. */
export function call_init(arg_len: u32): u32 {
  unwrap(call(idArg(arg_len), 'init', null, 'u'));
  return retUnit();
}

/** Argument: `ContractId`. Result: `bool`, whether it is ours. */
export function calling_self(arg_len: u32): u32 {
  const id = idArg(arg_len);
  return retBool(selfId().equals(id));
}

/** Result: `Result<bool, ContractError>`. From the host it calls itself; the inner frame answers `Ok(caller == self)`. */
export function call_self(arg_len: u32): u32 {
  argUnit(arg_len);
  const self = selfId();
  const from = caller();
  if (from !== null) return ret(vOk(vBool(from.equals(self))));
  const r = expect(call(self, 'call_self', null, '!b'), 'querying self should succeed');
  const inner = r.addr;
  if (load<u8>(inner) == 0) return ret(vOk(vBool(load<u8>(inner, 1) != 0)));
  return ret(vErr(contractErrorAt(inner + 4).value(), 'b'));
}

/** Argument: `u32` n. Recurses n times into itself; the innermost frame returns the call stack. */
export function call_self_n_times(arg_len: u32): u32 {
  const n = load<u32>(argChecked(arg_len, '4'));
  const self = selfId();
  if (n == 0) return ret(vIdsOf(callstack()));
  const r = expect(
    call(self, 'call_self_n_times', vU32(n - 1), 'vI'),
    'calling self should succeed',
  );
  return ret(vIdsOf(vecAt(r.addr).toBuffer(32)));
}

/** Argument: `(ContractId, u64 gas_limit)`. Result: `Result<(), ContractError>` of its `spend`. */
export function call_spend_with_limit(arg_len: u32): u32 {
  const root = argChecked(arg_len, '(I8)');
  const contract = ContractId.at(root);
  const gasLimit = load<u64>(root, 32);
  const r = callWithLimit(contract, 'spend', null, 'u', gasLimit);
  debug('spend call: ' + resultDebug(r, '()'));
  return ret(vResult(r.err, vUnit(), 'u'));
}

export function return_self_id(arg_len: u32): u32 {
  argUnit(arg_len);
  return retBytes(selfId().ptr, 32);
}

/** Result: `Option<ContractId>`. */
export function return_caller(arg_len: u32): u32 {
  argUnit(arg_len);
  return ret(vOptionId(caller()));
}

/** Result: `Vec<ContractId>`, immediate caller first. */
export function return_callstack(arg_len: u32): u32 {
  argUnit(arg_len);
  return ret(vIdsOf(callstack()));
}

/** Argument: `(ContractId, String fn, Vec<u8> arg)`. Result: `Result<Vec<u8>, ContractError>`. */
export function delegate_query(arg_len: u32): u32 {
  return ret(delegateQuery(new Delegation(arg_len)));
}

/** `delegate_query` between two events of its own, which must survive a failing delegation. */
export function delegate_query_with_event(arg_len: u32): u32 {
  const d = new Delegation(arg_len);
  emit('callcenter-before', null);
  const result = delegateQuery(d);
  emit('callcenter-after', null);
  return ret(result);
}

/** Argument and result: `(String, Vec<u8>)`, unchanged. */
export function query_passthrough(arg_len: u32): u32 {
  const root = argChecked(arg_len, '(sv1)');
  const fnName = strAt(root);
  const name = fnName.toBuffer();
  const fnArg = vecAt(root + 8).toBuffer();
  debug('q passthrough ' + fnName.toStr());
  return ret(vTuple([vStrUtf8(name), vVecU8Of(fnArg)]));
}

/** Argument: `(ContractId, String, Vec<u8>)`. Result: `Vec<u8>`; a failed call panics (unwrap). */
export function delegate_transaction(arg_len: u32): u32 {
  const d = new Delegation(arg_len);
  const data = unwrap(
    callRaw(d.contract, d.fnName, changetype<usize>(d.fnArg), <u32>d.fnArg.byteLength),
  ).bytes();
  return ret(vVecU8Of(data));
}

/** Panics whatever the argument (the argument type is `()`). */
export function panik(arg_len: u32): u32 {
  argUnit(arg_len);
  panic('panik');
  return unreachable();
}

/** Argument: `(ContractId, String fn)`. Typed call returning `bool`, as `Result<bool, ContractError>`. */
export function try_query_bool(arg_len: u32): u32 {
  const root = argChecked(arg_len, '(Is)');
  const contract = ContractId.at(root);
  const fnName = strAt(root + 32).toStr();
  const r = call(contract, fnName, null, 'b');
  return ret(vResult(r.err, vBool(r.ok && load<u8>(r.addr) != 0), 'b'));
}
