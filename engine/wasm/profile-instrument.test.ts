// The profiling variant of an instrumented module: the same interface plus the two hooks, and
// the normal module left without them.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { GAS_TABLES } from './gas-schedule';
import { instrumentModule } from './instrument';
import { parseModule } from './module';
import { PROFILE_MODULE } from './profile-instrument';

const sample = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../contracts/build/${name}.wasm`, import.meta.url)));

test.each(['counter', 'callcenter', 'counter64'])(
  '%s: the profiling variant adds the hooks only',
  (name) => {
    const m = parseModule(sample(name));
    const compile = (profile: boolean) =>
      new WebAssembly.Module(
        new Uint8Array(instrumentModule(m, GAS_TABLES.head, { profile }).bytes),
      );
    const normal = compile(false);
    const profiled = compile(true);
    const hooks = (module: WebAssembly.Module) =>
      WebAssembly.Module.imports(module).filter((i) => i.module === PROFILE_MODULE);
    expect(hooks(normal)).toEqual([]);
    expect(hooks(profiled)).toEqual([
      { module: PROFILE_MODULE, name: 'enter', kind: 'function' },
      { module: PROFILE_MODULE, name: 'exit', kind: 'function' },
    ]);
    const others = (module: WebAssembly.Module) =>
      WebAssembly.Module.imports(module).filter((i) => i.module !== PROFILE_MODULE);
    expect(others(profiled)).toEqual(others(normal));
    expect(WebAssembly.Module.exports(profiled)).toEqual(WebAssembly.Module.exports(normal));
  },
);
