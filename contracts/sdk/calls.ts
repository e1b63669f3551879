// Inter-contract calls (uplink `call`, `call_with_limit`, `call_raw`), spec §3.3 and §3.5.
import { A } from './argbuf';
import { c as ext_c } from './env';
import { ContractError, PANIC } from './error';
import { ContractId } from './id';
import { panic } from './panic';
import { checkError, checkRoot } from './rkyv/check';
import { toArgBuf, Value } from './rkyv/value';
import { encodedLen, encodeName, utf8 } from './utf8';

/** Outcome of a call: an error, or the result's root position and length in `A`. */
export class CallResult {
  err: ContractError | null = null;
  /** Position in `A` of the validated result (typed calls). Read it before `A` is reused. */
  root: u32 = 0;
  len: u32 = 0;
  /** Copy of the result bytes (raw calls). */
  data: ArrayBuffer | null = null;

  get ok(): bool {
    return this.err === null;
  }

  /** Address of the result's root in `A`. */
  get addr(): usize {
    return A + this.root;
  }

  error(): ContractError {
    return this.err as ContractError;
  }

  bytes(): ArrayBuffer {
    return this.data as ArrayBuffer;
  }
}

/**
 * A function name encoded once. Rust passes `c` a static byte string; encoding ahead of time keeps
 * the gas between a contract's last `spent()` and its call close to a Rust contract's (SPEND-6).
 */
export class FnName {
  constructor(public bytes: ArrayBuffer) {}
}

export function fnName(name: string): FnName {
  return new FnName(utf8(name));
}

function outcome(code: i32, ret: string): CallResult {
  const result = new CallResult();
  if (code < 0) {
    result.err = ContractError.fromCode(code);
    return result;
  }
  const root = checkRoot(ret, A, <u32>code);
  if (root < 0) {
    result.err = new ContractError(PANIC, 'Callee return value failed validation: ' + checkError());
    return result;
  }
  result.root = <u32>root;
  result.len = <u32>code;
  return result;
}

function invoke(contract: ContractId, fnName: string, argLen: u32, gasLimit: u64): i32 {
  const name = encodeName(fnName);
  return ext_c(contract.ptr, name, encodedLen(), argLen, gasLimit);
}

/** `callArgBuf` with a pre-encoded name. */
export function callNamed(
  contract: ContractId,
  name: FnName,
  argLen: u32,
  ret: string,
  gasLimit: u64,
): CallResult {
  const bytes = name.bytes;
  return outcome(
    ext_c(contract.ptr, changetype<usize>(bytes), <u32>bytes.byteLength, argLen, gasLimit),
    ret,
  );
}

/**
 * Typed call with the argument already archived in `A[0..argLen]`. `gasLimit` 0 (or ≥ the remaining
 * gas) gives the callee 93 % of what is left. The callee's bytes are validated as `ret` (a type
 * descriptor, see rkyv/check.ts); a failure becomes `Panic("Callee return value failed validation:
 * …")`, as at HEAD.
 */
export function callArgBuf(
  contract: ContractId,
  fnName: string,
  argLen: u32,
  ret: string,
  gasLimit: u64,
): CallResult {
  return outcome(invoke(contract, fnName, argLen, gasLimit), ret);
}

/** `call_with_limit`; a null `arg` is `()`. */
export function callWithLimit(
  contract: ContractId,
  fnName: string,
  arg: Value | null,
  ret: string,
  gasLimit: u64,
): CallResult {
  return callArgBuf(contract, fnName, arg === null ? 0 : toArgBuf(arg), ret, gasLimit);
}

/** `call`; a null `arg` is `()`. */
export function call(
  contract: ContractId,
  fnName: string,
  arg: Value | null,
  ret: string,
): CallResult {
  return callWithLimit(contract, fnName, arg, ret, 0);
}

/** `call_raw_with_limit`: raw argument bytes in, a copy of the raw result bytes out. */
export function callRawWithLimit(
  contract: ContractId,
  fnName: string,
  argPtr: usize,
  argLen: u32,
  gasLimit: u64,
): CallResult {
  memory.copy(A, argPtr, argLen);
  const code = invoke(contract, fnName, argLen, gasLimit);
  const result = new CallResult();
  if (code < 0) {
    result.err = ContractError.fromCode(code);
    return result;
  }
  result.len = <u32>code;
  const data = new ArrayBuffer(code);
  memory.copy(changetype<usize>(data), A, <u32>code);
  result.data = data;
  return result;
}

export function callRaw(
  contract: ContractId,
  fnName: string,
  argPtr: usize,
  argLen: u32,
): CallResult {
  return callRawWithLimit(contract, fnName, argPtr, argLen, 0);
}

/** `.unwrap()`: Rust's panic text for an `Err`. */
export function unwrap(result: CallResult): CallResult {
  if (!result.ok) panic('called `Result::unwrap()` on an `Err` value: ' + result.error().debug());
  return result;
}

/** `.expect(msg)`: Rust's panic text for an `Err`. */
export function expect(result: CallResult, msg: string): CallResult {
  if (!result.ok) panic(msg + ': ' + result.error().debug());
  return result;
}

/** `{:?}` of the `Result`, given the `Debug` text of the `Ok` value. */
export function resultDebug(result: CallResult, okDebug: string): string {
  return result.ok ? 'Ok(' + okDebug + ')' : 'Err(' + result.error().debug() + ')';
}
