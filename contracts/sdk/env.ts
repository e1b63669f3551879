// Host functions of piecrust's HEAD ABI (spec §3.2). AssemblyScript imports a declared function from
// the module named after its file, so these become `env.c`, `env.hq`, …; piecrust links by name and
// rejects any other name or a wrong signature, so names and types must match exactly. Only the
// imports a contract calls are emitted, as with a Rust contract. Other SDK files import them under
// `ext_*` aliases to keep the host's names apart from the SDK's.

export declare function c(
  callee: usize,
  name: usize,
  nameLen: u32,
  argLen: u32,
  gasLimit: u64,
): i32;
export declare function hq(name: usize, nameLen: u32, argLen: u32): u32;
export declare function hd(name: usize, nameLen: u32): u32;
export declare function emit(topic: usize, topicLen: u32, argLen: u32): void;
export declare function feed(argLen: u32): void;
export declare function caller(): i32;
export declare function callstack(): i32;
export declare function limit(): u64;
export declare function spent(): u64;
export declare function panic(msgLen: u32): void;
export declare function owner(id: usize): i32;
export declare function self_id(): void;
export declare function hdebug(msgLen: u32): void;
