// host: calls the host queries "hash", "verify_proof" (a mock of the PLONK verifier: any query
// returning an rkyv bool) and "very_expensive".
import {
  argChecked,
  argUnit,
  call,
  ContractId,
  hostQuery,
  ret,
  retBytes,
  retUnit,
  vecAt,
  vResult,
  vStr,
  vUnit,
  vVecU8Of,
} from '../sdk';
export { A } from '../sdk';

function bytesArg(arg_len: u32): ArrayBuffer {
  return vecAt(argChecked(arg_len, 'v1')).toBuffer();
}

/** Argument: `Vec<u8>`. Result: `[u8; 32]`, the host's blake3 of the bytes. */
export function host_hash(arg_len: u32): u32 {
  const hash = hostQuery('hash', vVecU8Of(bytesArg(arg_len)), '[32]');
  return retBytes(hash, 32);
}

/** Argument: `Vec<u8>` (the proof, in the Rust original). Result: `String`, the verdict. */
export function host_verify(arg_len: u32): u32 {
  const valid = load<u8>(hostQuery('verify_proof', vVecU8Of(bytesArg(arg_len)), 'b')) != 0;
  return ret(vStr(valid ? 'PROOF IS VALID' : 'PROOF IS INVALID'));
}

export function host_very_expensive(arg_len: u32): u32 {
  argUnit(arg_len);
  hostQuery('very_expensive', null, 'u');
  return retUnit();
}

/** Argument: `ContractId` of another host contract. Result: `Result<(), ContractError>`. */
export function delegate_host_very_expensive(arg_len: u32): u32 {
  const callee = ContractId.at(argChecked(arg_len, 'I'));
  const r = call(callee, 'host_very_expensive', null, 'u');
  return ret(vResult(r.err, vUnit(), 'u'));
}
