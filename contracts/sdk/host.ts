// The remaining uplink helpers over the host imports (spec §3.2, §3.3).
import { A, CONTRACT_ID_BYTES } from './argbuf';
import {
  callstack as ext_callstack,
  caller as ext_caller,
  emit as ext_emit,
  feed as ext_feed,
  hd as ext_hd,
  hq as ext_hq,
  limit as ext_limit,
  owner as ext_owner,
  self_id as ext_self_id,
  spent as ext_spent,
} from './env';
import { ContractId } from './id';
import { assertEqFailed, panic } from './panic';
import { checkError, checkRoot } from './rkyv/check';
import { toArgBuf, Value } from './rkyv/value';
import { encodedLen, encodeName } from './utf8';

function emitArgBuf(topic: string, argLen: u32): void {
  const t = encodeName(topic);
  ext_emit(t, encodedLen(), argLen);
}

/** `uplink::emit`: the event data is the rkyv archive of `data` (null = `()`). */
export function emit(topic: string, data: Value | null): void {
  emitArgBuf(topic, data === null ? 0 : toArgBuf(data));
}

/** `uplink::emit_raw`: the event data is the bytes as given. */
export function emitRaw(topic: string, ptr: usize, len: u32): void {
  memory.copy(A, ptr, len);
  emitArgBuf(topic, len);
}

export function feed(data: Value): void {
  ext_feed(toArgBuf(data));
}

export function feedRaw(ptr: usize, len: u32): void {
  memory.copy(A, ptr, len);
  ext_feed(len);
}

/**
 * `uplink::host_query`: archives `arg` (null = `()`), runs the named query, and returns the address
 * of the validated `ret` root in `A`. The host is trusted, so bad bytes are a panic, as in uplink.
 */
export function hostQuery(name: string, arg: Value | null, ret: string): usize {
  const argLen = arg === null ? 0 : toArgBuf(arg);
  const n = encodeName(name);
  const retLen = ext_hq(n, encodedLen(), argLen);
  const root = checkRoot(ret, A, retLen);
  if (root < 0) panic('host query: return bytes are not a valid rkyv archive: ' + checkError());
  return A + <usize>root;
}

/**
 * `uplink::meta_data`: address of the validated root in `A`, or 0 for `None` (absent, empty, or not
 * a valid archive of `desc` — HEAD maps all three to `None`).
 */
export function metaData(name: string, desc: string): usize {
  const n = encodeName(name);
  const len = ext_hd(n, encodedLen());
  if (len == 0) return 0;
  const root = checkRoot(desc, A, len);
  return root < 0 ? 0 : A + <usize>root;
}

export function selfId(): ContractId {
  ext_self_id();
  return ContractId.at(A);
}

/** `uplink::caller`: `None` for a call made by the host. */
export function caller(): ContractId | null {
  return ext_caller() == 0 ? null : ContractId.at(A);
}

/**
 * `uplink::callstack`: the calling contracts' ids back to back, immediate caller first, root last
 * (`vIdsOf` archives them as a `Vec<ContractId>`).
 */
export function callstack(): ArrayBuffer {
  const n = <u32>ext_callstack();
  const ids = new ArrayBuffer(n * CONTRACT_ID_BYTES);
  memory.copy(changetype<usize>(ids), A, n * CONTRACT_ID_BYTES);
  return ids;
}

export function limit(): u64 {
  return ext_limit();
}

export function spent(): u64 {
  return ext_spent();
}

function ownerBytes(n: u32): ArrayBuffer {
  const out = new ArrayBuffer(n);
  memory.copy(changetype<usize>(out), A, n);
  return out;
}

/** `uplink::owner::<N>`: `None` if the contract does not exist; panics if its owner is not N bytes. */
export function owner(contract: ContractId, n: u32): ArrayBuffer | null {
  const len = ext_owner(contract.ptr);
  if (len == 0) return null;
  if (<u32>len != n) {
    assertEqFailed(
      len.toString(),
      n.toString(),
      'owner: N (' + n.toString() + ') does not match host owner length (' + len.toString() + ')',
    );
  }
  return ownerBytes(n);
}

/** `uplink::self_owner::<N>`: panics if the owner is not N bytes. */
export function selfOwner(n: u32): ArrayBuffer {
  const len = ext_owner(0);
  if (<u32>len != n) {
    assertEqFailed(
      len.toString(),
      n.toString(),
      'self_owner: N (' +
        n.toString() +
        ') does not match host owner length (' +
        len.toString() +
        ')',
    );
  }
  return ownerBytes(n);
}
