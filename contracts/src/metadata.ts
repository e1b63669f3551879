// metadata: the contract's own and other contracts' owners and ids. The `_wrong_n` variants ask for
// 32-byte owners, so a 33-byte owner makes uplink's length assertion panic.
import {
  argChecked,
  argUnit,
  ContractId,
  owner,
  ret,
  retBytes,
  selfId,
  selfOwner,
  vBuffer,
  vNone,
  vSome,
} from '../sdk';
export { A } from '../sdk';

/** Argument: `ContractId`. Result: `Option<[u8; n]>`. */
function ownerOf(arg_len: u32, n: u32): u32 {
  const id = ContractId.at(argChecked(arg_len, 'I'));
  const bytes = owner(id, n);
  return ret(bytes === null ? vNone('[' + n.toString() + ']') : vSome(vBuffer(bytes)));
}

function selfOwnerOf(n: u32): u32 {
  const bytes = selfOwner(n);
  return retBytes(changetype<usize>(bytes), n);
}

export function read_owner(arg_len: u32): u32 {
  argUnit(arg_len);
  return selfOwnerOf(33);
}

export function read_id(arg_len: u32): u32 {
  argUnit(arg_len);
  return retBytes(selfId().ptr, 32);
}

export function read_owner_of(arg_len: u32): u32 {
  return ownerOf(arg_len, 33);
}

export function read_owner_wrong_n(arg_len: u32): u32 {
  argUnit(arg_len);
  return selfOwnerOf(32);
}

export function read_owner_of_wrong_n(arg_len: u32): u32 {
  return ownerOf(arg_len, 32);
}
