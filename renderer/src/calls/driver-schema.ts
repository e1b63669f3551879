/**
 * A data-driver's `get_schema`, read for the call form: its functions (offered beside the
 * contract's exports) and, for the function picked, an example JSON argument of its input type to
 * start from. Our drivers name Rust types (`i16`, `Option<i16>`, `()`; contracts/README.md);
 * a driver that answers with JSON-Schema objects gets examples from those; anything else starts
 * from `null`. The schema is the driver's word, so nothing here trusts its shape.
 */

export interface DriverFunction {
  name: string;
  /** The input type as the schema gives it (a type name, a JSON Schema, …). */
  input?: unknown;
  output?: unknown;
}

/** The functions a schema lists (`{functions: [{name, input, output}]}`), those with a name. */
export function schemaFunctions(schema: unknown): DriverFunction[] {
  const list = (schema as { functions?: unknown } | null)?.functions;
  if (!Array.isArray(list)) return [];
  return list.flatMap((f: unknown) => {
    const entry = f as { name?: unknown; input?: unknown; output?: unknown } | null;
    return typeof entry?.name === 'string'
      ? [{ name: entry.name, input: entry.input, output: entry.output }]
      : [];
  });
}

/** The contract's exports, then the schema's functions it does not export (in schema order). */
export function mergeFunctions(exports: readonly string[], schema: DriverFunction[]): string[] {
  const seen = new Set(exports);
  return [...exports, ...schema.map((f) => f.name).filter((n) => !seen.has(n) && seen.add(n))];
}

/** A type as a short caption: its name, or the JSON it was given as. */
export function typeCaption(type: unknown): string | undefined {
  if (type === undefined) return undefined;
  return typeof type === 'string' ? type : JSON.stringify(type);
}

/** Split `A, B<C, D>, (E, F)` at its top-level commas. */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '<' || c === '(' || c === '[') depth++;
    else if (c === '>' || c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last !== '') parts.push(last);
  return parts;
}

/** An example JSON value of a Rust type name, as the drivers write it (contracts/README.md). */
function exampleOfTypeName(name: string): unknown {
  const t = name.trim();
  if (t === '()' || t === '') return null;
  if (t === 'bool') return false;
  if (/^[ui](8|16|32)$/.test(t) || /^f(32|64)$/.test(t)) return 0;
  // 64- and 128-bit integers travel as strings of decimals (JSON numbers lose precision).
  if (/^[ui](64|128)$/.test(t)) return '0';
  if (t === 'ContractId') return '0'.repeat(64);
  if (t === 'String' || t === 'string') return '';
  const generic = /^(\w+)<([\s\S]*)>$/.exec(t);
  if (generic !== null) {
    const [, outer, inner] = generic;
    // An Option is `null` or its value: the value shows the shape to fill in.
    if (outer === 'Option' || outer === 'Box') return exampleOfTypeName(inner);
    if (outer === 'Vec') return [exampleOfTypeName(inner)];
    return null;
  }
  if (t.startsWith('(') && t.endsWith(')'))
    return topLevelParts(t.slice(1, -1)).map(exampleOfTypeName);
  return null;
}

/** An example of a JSON Schema (`{type: 'object', properties: …}`). */
function exampleOfJsonSchema(schema: Record<string, unknown>): unknown {
  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants) && variants.length > 0) return exampleOf(variants[0]);
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  const type = Array.isArray(schema.type) ? (schema.type as unknown[])[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, exampleOf(v)]));
    }
    case 'array':
      return schema.items === undefined ? [] : [exampleOf(schema.items)];
    case 'string':
      return '';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/** An example JSON value of an input type, to pre-fill the editor with its shape. */
export function exampleOf(type: unknown): unknown {
  if (typeof type === 'string') return exampleOfTypeName(type);
  if (type !== null && typeof type === 'object' && !Array.isArray(type))
    return exampleOfJsonSchema(type as Record<string, unknown>);
  return null;
}

/** The editor's starting text for `fn`: its input's example, or `null` when the schema lacks it. */
export function exampleJsonText(functions: DriverFunction[], fn: string): string {
  const f = functions.find((x) => x.name === fn);
  return JSON.stringify(f === undefined ? null : exampleOf(f.input), null, 2);
}
