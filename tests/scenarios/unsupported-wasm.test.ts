// spec §9.30 UNIT-3 (a unit test in piecrust's src/): features a deterministic
// contract VM must not accept — several memories, relaxed SIMD, Wasm-GC types — are refused at
// deploy with a clear error, and the session stays usable.
import wabtInit from 'wabt';
import { describe, expect, test } from 'vitest';
import type { Session } from '../../engine/vm/session';
import { contractWat, wat } from '../../engine/testing/wat';
import { call, deploy, expectError, LIMIT, newVm, OWNER, t } from './support';

/**
 * `wat()` compiles without the GC proposal (no contract needs it); these fixtures need it to
 * declare array and struct types. The module is otherwise a valid contract.
 */
async function gcContract(typeDeclaration: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const source = contractWat(
    `${typeDeclaration} (func (export "f") (param i32) (result i32) (i32.const 0))`,
  );
  const module = wabt.parseWat('gc.wat', source, { gc: true, reference_types: true });
  try {
    return new Uint8Array(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}

/** Deploying `bytecode` fails with `part` in the message; nothing is left loaded. */
function expectRefused(s: Session, bytecode: Uint8Array, part: string): void {
  expectError(() => s.deploy(bytecode, { owner: OWNER }, LIMIT), 'RuntimeError', part);
  expect(s.loadedContracts()).toEqual([]);
}

describe('UNIT-3', () => {
  test('UNIT-3 engine rejects two memories, relaxed SIMD and Wasm-GC array/struct types', async () => {
    const s = (await newVm()).session();

    // contracts/wat/two_memories.wat stores to its second, unexported memory; declaring a second
    // memory without touching it is refused the same way: by the engine's count, before V8 or
    // the instruction scan could refuse it in their own words.
    expectError(
      () => deploy(s, 'two_memories'),
      'RuntimeError',
      'multiple memories are not supported (found 2)',
    );
    expect(s.loadedContracts()).toEqual([]);
    const unusedSecond = await wat(
      contractWat('(memory $unused 1) (func (export "f") (param i32) (result i32) (i32.const 0))'),
    );
    const e = expectError(() => s.deploy(unusedSecond, { owner: OWNER }, LIMIT), 'RuntimeError');
    expect(e.message).toContain('multiple memories are not supported (found 2)');
    expect(s.loadedContracts()).toEqual([]);

    const relaxed = await wat(
      contractWat(`(func (export "f") (param i32) (result i32)
        (drop (f32x4.relaxed_madd (v128.const i64x2 0 0) (v128.const i64x2 0 0) (v128.const i64x2 0 0)))
        (i32.const 0))`),
    );
    expectRefused(s, relaxed, 'relaxed SIMD');

    const array = await gcContract('(type $ints (array (mut i32)))');
    expectRefused(s, array, 'unsupported type form 0x5e (Wasm-GC types are rejected)');
    const struct = await gcContract('(type $point (struct (field i32) (field i64)))');
    expectRefused(s, struct, 'unsupported type form 0x5f (Wasm-GC types are rejected)');

    // The same skeleton without the GC type deploys: the type alone is what is refused.
    const plain = await gcContract('');
    expect(s.deploy(plain, { owner: OWNER }, LIMIT).contractId).toMatch(/^[0-9a-f]{64}$/);

    const counter = deploy(s, 'counter');
    expect(call(s, counter, 'read_value', t.unit, null, t.i64)).toBe(0xfcn);
  });
});
