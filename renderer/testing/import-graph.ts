/**
 * The value-import graph of a set of modules given as text (keys are paths like `./a/b.ts`),
 * and its cycles through Pinia stores. Pure string work, so it runs on `import.meta.glob`'s raw
 * sources without a file system.
 */

/** Relative value imports of one module, resolved to keys (`./x` → `./x.ts`, `./x.vue`). */
export function valueImports(path: string, text: string, known?: ReadonlySet<string>): string[] {
  const script = path.endsWith('.vue') ? scriptBlocks(text) : text;
  const out: string[] = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?([^'";]*?\s+from\s+)?['"](\.[^'"]+)['"]/gm;
  for (const match of script.matchAll(pattern)) {
    if (match[2] !== undefined) continue; // `import type` / `export type`: erased at run time
    if (match[3] !== undefined && /^\{[^}]*\}\s+from\s+$/.test(match[3].trim() + ' ')) {
      // `import { type A, type B } from` names only types: erased too.
      const names = match[3]
        .replace(/from\s+$/, '')
        .trim()
        .slice(1, -1)
        .split(',');
      if (names.every((n) => n.trim() === '' || n.trim().startsWith('type '))) continue;
    }
    out.push(resolve(path, match[4], known));
  }
  return out;
}

function scriptBlocks(vue: string): string {
  return [...vue.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

function resolve(from: string, specifier: string, known?: ReadonlySet<string>): string {
  const parts = from.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  const base = parts.join('/');
  const candidates = [base, `${base}.ts`, `${base}/index.ts`];
  if (known === undefined) return /\.(ts|vue)$/.test(base) ? base : `${base}.ts`;
  return candidates.find((c) => known.has(c)) ?? base;
}

/**
 * Every strongly connected component (Tarjan) of more than one module that holds a store
 * (`defineStore(`), each as its sorted module paths.
 */
export function importCycles(sources: Record<string, string>): string[][] {
  const known = new Set(Object.keys(sources));
  const edges = new Map<string, string[]>();
  for (const [path, text] of Object.entries(sources))
    edges.set(
      path,
      valueImports(path, text, known).filter((p) => known.has(p)),
    );

  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;

  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      components.push(component.sort());
    }
  };
  for (const v of [...known].sort()) if (!index.has(v)) visit(v);

  return components.filter(
    (c) => c.length > 1 && c.some((path) => sources[path].includes('defineStore(')),
  );
}
