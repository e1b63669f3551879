import { describe, expect, test } from 'vitest';
import { parseModule } from '../wasm/module';
import { wat } from '../testing/wat';
import { createFunctionNamer, MAX_NAME_LENGTH } from './function-names';

// `$_ZN…E` / `$_R…`: wabt takes the characters of a mangled symbol in a `$name`.
const SOURCE = `(module
  (import "env" "panic" (func $host_panic (param i32)))
  (func $_ZN19dusk_stake_contract5state10StakeState5stake17h0123456789abcdefE (export "stake") (param i32) (result i32) (local.get 0))
  (func $_RNvCs15kBYyAo9fc_7mycrate7example (param i32) (result i32) (local.get 0))
  (func $plain (param i32) (result i32) (local.get 0))
  (func (export "unnamed_export") (param i32) (result i32) (local.get 0))
  (func (param i32) (result i32) (local.get 0)))`;

describe('createFunctionNamer', () => {
  test('demangled name-section names, then export names, then func[N]', async () => {
    const name = createFunctionNamer(parseModule(await wat(SOURCE, { debugNames: true })));
    expect(name(0)).toBe('host_panic');
    expect(name(1)).toBe('dusk_stake_contract::state::StakeState::stake');
    expect(name(2)).toBe('mycrate::example');
    expect(name(3)).toBe('plain');
    expect(name(4)).toBe('unnamed_export');
    expect(name(5)).toBe('func[5]');
    expect(name(99)).toBe('func[99]');
  });

  test('a stripped module: export names, then func[N]', async () => {
    const name = createFunctionNamer(parseModule(await wat(SOURCE)));
    expect(name(1)).toBe('stake');
    expect(name(2)).toBe('func[2]');
    expect(name(4)).toBe('unnamed_export');
  });

  test('a hostile name is one bounded line', async () => {
    const long = 'x'.repeat(MAX_NAME_LENGTH * 3);
    const source = `(module (func (export "a\\nb") (param i32) (result i32) (local.get 0)) (func (export "${long}") (param i32) (result i32) (local.get 0)))`;
    const name = createFunctionNamer(parseModule(await wat(source)));
    expect(name(0)).toBe('a\ufffdb');
    expect(name(1)).toHaveLength(MAX_NAME_LENGTH + 1);
  });
});
