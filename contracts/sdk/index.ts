// The contract SDK: piecrust-uplink's role for AssemblyScript contracts. See contracts/README.md.
// BLAKE3 is imported from "./blake3" directly by the contracts that hash, so that its tables stay out
// of every other binary.
export * from './argbuf';
export * from './alloc';
export * from './calls';
export * from './error';
export * from './fmt';
export * from './host';
export * from './id';
export * from './panic';
export * from './rkyv/layout';
export * from './rkyv/read';
export * from './rkyv/check';
export * from './rkyv/value';
export * from './utf8';
export * from './wrap';
