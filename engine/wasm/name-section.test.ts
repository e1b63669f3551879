import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { ByteWriter } from './binary';
import { parseModule } from './module';
import { moduleNames, readNameSection } from './name-section';
import { wat } from '../testing/wat';

const SOURCE = `(module $my_contract
  (import "env" "panic" (func $host_panic (param i32)))
  (func $first (export "first") (param i32) (result i32) (call $second (local.get 0)))
  (func $second (param i32) (result i32) (local.get 0))
  (func (param i32) (result i32) (local.get 0)))`;

/** A name section payload from (id, payload) subsections. */
function section(...subsections: Array<[number, Uint8Array]>): Uint8Array {
  const w = new ByteWriter(64);
  for (const [id, payload] of subsections) w.u8(id).u32(payload.length).bytes(payload);
  return w.finish().slice();
}

function nameMap(entries: Array<[number, string]>, count = entries.length): Uint8Array {
  const w = new ByteWriter(64);
  w.u32(count);
  for (const [index, name] of entries) w.u32(index).name(name);
  return w.finish().slice();
}

describe('the name section', () => {
  test('wabt with debug names: the module name and every named function, imports first', async () => {
    const names = moduleNames(parseModule(await wat(SOURCE, { debugNames: true })));
    expect(names.moduleName).toBe('my_contract');
    expect([...names.functionNames]).toEqual([
      [0, 'host_panic'],
      [1, 'first'],
      [2, 'second'],
    ]);
  });

  test('a module without one has no names', async () => {
    const names = moduleNames(parseModule(await wat(SOURCE)));
    expect(names.moduleName).toBeUndefined();
    expect(names.functionNames.size).toBe(0);
  });

  test('our AssemblyScript contracts are built without one (asc -O3, no --debug)', () => {
    const bytes = readFileSync(new URL('../../contracts/build/counter.wasm', import.meta.url));
    expect(moduleNames(parseModule(new Uint8Array(bytes))).functionNames.size).toBe(0);
  });

  test('a truncated entry keeps the entries before it', () => {
    const full = nameMap([
      [0, 'alpha'],
      [1, 'beta'],
    ]);
    const names = readNameSection(section([1, full.subarray(0, full.length - 2)]));
    expect([...names.functionNames]).toEqual([[0, 'alpha']]);
  });

  test('a name that is not UTF-8 stops the map there', () => {
    const w = new ByteWriter(16);
    w.u32(2).u32(0).name('ok').u32(1).u32(2).u8(0xff).u8(0xfe);
    const names = readNameSection(section([1, w.finish().slice()]));
    expect([...names.functionNames]).toEqual([[0, 'ok']]);
  });

  test('a huge count over a few bytes reads what is there, quickly', () => {
    const names = readNameSection(section([1, nameMap([[3, 'x']], 0xffffffff)]));
    expect([...names.functionNames]).toEqual([[3, 'x']]);
  });

  test('indices out of order, a repeated subsection, a size past the end: nothing further', () => {
    expect([
      ...readNameSection(
        section([
          1,
          nameMap([
            [5, 'a'],
            [2, 'b'],
          ]),
        ]),
      ).functionNames,
    ]).toEqual([[5, 'a']]);
    const repeated = readNameSection(section([1, nameMap([[0, 'a']])], [1, nameMap([[1, 'b']])]));
    expect([...repeated.functionNames]).toEqual([[0, 'a']]);
    const w = new ByteWriter(8);
    w.u8(1).u32(1000).u32(1).u32(0);
    expect(readNameSection(w.finish().slice()).functionNames.size).toBe(0);
  });

  test('other subsections are skipped; garbage and empty input give no names, never a throw', () => {
    const locals = new Uint8Array([0, 0]);
    const names = readNameSection(
      section(
        [0, new Uint8Array([2, 0x6d, 0x79])],
        [1, nameMap([[0, 'f']])],
        [2, locals],
        [9, locals],
      ),
    );
    expect(names.moduleName).toBe('my');
    expect(names.functionNames.get(0)).toBe('f');
    for (const bytes of [
      new Uint8Array(),
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      new Uint8Array([1]),
    ]) {
      expect(readNameSection(bytes).functionNames.size).toBe(0);
    }
  });
});
