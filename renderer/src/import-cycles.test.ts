/**
 * No import cycle through a Pinia store. Stores that import each other in a circle can be half
 * set up when one of them first runs (a `useXStore()` at setup time meets a module not yet
 * evaluated), and every change to one of them drags the whole circle along. Stores ask for
 * another view through the navigation store's requests and hear the engine's events from the
 * one router (app/), never by importing the store at the other end.
 *
 * The check reads every module's value imports (`import type` is erased and cannot cycle at
 * run time), finds the strongly connected components of that graph, and fails on any component
 * of more than one module that holds a store.
 */
import { describe, expect, it } from 'vitest';
import { importCycles, valueImports } from '../testing/import-graph';

const SOURCES = import.meta.glob<string>(['./**/*.ts', './**/*.vue', '!./**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('renderer imports', () => {
  it('finds the modules (the glob is not empty)', () => {
    expect(Object.keys(SOURCES).length).toBeGreaterThan(50);
    expect(
      Object.values(SOURCES).filter((text) => text.includes('defineStore(')).length,
    ).toBeGreaterThan(5);
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const cycles = importCycles({
      './a.ts': "import { b } from './b';\nexport const useA = defineStore('a', () => b);",
      './b.ts': "import { useA } from './a';\nexport const b = () => useA();",
      './c.ts': "import type { B } from './b';\nimport { useA } from './a';",
    });
    expect(cycles).toEqual([['./a.ts', './b.ts']]);
  });

  it('has no import cycle through a store', () => {
    const cycles = importCycles(SOURCES);
    expect(cycles, cycles.map((c) => `import cycle among: ${c.join(', ')}`).join('\n')).toEqual([]);
  });

  it('reads value imports of script blocks, not type imports', () => {
    const vue =
      "<script setup lang=\"ts\">\nimport X from './x.vue';\nimport type { Y } from './y';\n</script>";
    expect(valueImports('./dir/a.vue', vue)).toEqual(['./dir/x.vue']);
  });
});
