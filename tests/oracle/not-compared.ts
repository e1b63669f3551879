/**
 * Exported functions of the built contracts that tests/oracle/differential.test.ts does not
 * compare with wasmtime, and why. A string excludes a whole contract; an object names functions.
 */
export const NOT_COMPARED: Record<string, string | Record<string, string>> = {
  arg_buffer_past_max: 'rejected at deploy (its argument buffer lies past the memory): never runs',
  arg_buffer_near_end:
    'rejected at deploy by the engine (InvalidArgumentBuffer: A = 60000 + 65536 bytes exceed the initial 1-page memory, engine/vm/contract-module.ts; tests/scenarios/bad-input.test.ts expects it): never runs. piecrust itself only refuses A + 65536 >= the maximum memory (spec §2.2), so there echo/first_byte would run',
  arg_buffer_wrong_type: 'rejected at deploy (`A` has the wrong type): never runs',
  mutable_arg_buffer: 'rejected at deploy (`A` is mutable): never runs',
  no_arg_buffer: 'rejected at deploy (no `A`): never runs',
  no_memory: 'rejected at deploy (no memory): never runs',
  unexported_memory: 'rejected at deploy (memory not exported): never runs',
  two_memories: 'rejected at deploy (two memories): never runs',
  start_fn:
    'rejected at deploy (a start function traps with zero gas at instantiation): never runs',
  invalid: 'rejected at deploy (an export of the wrong type): never runs',
  unknown_import: 'rejected at deploy (imports a function piecrust does not provide): never runs',
  wrong_import_type: 'rejected at deploy (imports `c` with the wrong type): never runs',
};
