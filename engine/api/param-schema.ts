/**
 * A small schema language for the API's request params: each schema checks a JSON value and
 * gives it its TypeScript type, so one description per method (api-params.ts) both checks what
 * a client sends and is checked by the compiler against the InspectorApi. Objects are closed (an
 * unknown field is an error: a misspelt optional field would otherwise be ignored silently);
 * a field set to `undefined` counts as absent (IPC's structured clone keeps such fields, JSON
 * drops them).
 */
import { PiecrustError } from '../core/errors';

/** A problem in a param, before the method and path are put in front of it. */
export class ParamProblem extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly got: string,
  ) {
    super(`${path === '' ? 'params' : `\`${path}\``} must be ${expected}, got ${got}`);
  }
}

export interface Schema<T> {
  /** What a valid value is, in words ("a string", "a whole number ≥ 0"). */
  readonly expected: string;
  /** The value, typed, or a ParamProblem (or a PiecrustError with its own final message). */
  check(value: unknown, path: string): T;
  /** For literal schemas: the one value (a discriminant of `oneOf`'s forms). */
  readonly literal?: string;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

/** A short, bounded rendering of what a client sent, for error messages. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function schema<T>(expected: string, test: (value: unknown) => boolean): Schema<T> {
  return {
    expected,
    check(value, path) {
      if (!test(value)) throw new ParamProblem(path, expected, shown(value));
      return value as T;
    },
  };
}

export const str = (): Schema<string> => schema('a string', (v) => typeof v === 'string');

export const bool = (): Schema<boolean> => schema('true or false', (v) => typeof v === 'boolean');

/** A whole number in min..max (every number the API takes is an index, offset or length). */
export const int = (min: number, max = Number.MAX_SAFE_INTEGER): Schema<number> =>
  schema(
    `a whole number in ${min}..${max}`,
    (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max,
  );

/** Any JSON value (script values: their own parser checks them and names the problem). */
export const anyValue = (): Schema<unknown> => ({ expected: 'any value', check: (v) => v });

export function literal<L extends string>(value: L): Schema<L> {
  return { ...schema<L>(JSON.stringify(value), (v) => v === value), literal: value };
}

/** One of a few strings (`"from"` or `"to"`). */
export function choice<L extends string>(...values: L[]): Schema<L> {
  return schema<L>(values.map((v) => JSON.stringify(v)).join(' or '), (v) =>
    values.includes(v as L),
  );
}

export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  return {
    expected: `${inner.expected} or null`,
    check: (v, path) => (v === null ? null : inner.check(v, path)),
  };
}

/** A schema whose check is the caller's (it throws its own PiecrustError). */
export function custom<T>(expected: string, check: (value: unknown) => T): Schema<T> {
  return { expected, check: (v) => check(v) };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/** `{ [name]: T }` with any names (session meta). */
export function record<T>(values: Schema<T>): Schema<Record<string, T>> {
  return {
    expected: `an object of name → ${values.expected}`,
    check(v, path) {
      if (!isPlainObject(v))
        throw new ParamProblem(path, `an object of name → ${values.expected}`, shown(v));
      const out: Record<string, T> = {};
      for (const [k, x] of Object.entries(v)) out[k] = values.check(x, join(path, k));
      return out;
    },
  };
}

export function array<T>(items: Schema<T>): Schema<T[]> {
  const expected = `an array of ${items.expected}`;
  return {
    expected,
    check(v, path) {
      if (!Array.isArray(v)) throw new ParamProblem(path, expected, shown(v));
      return v.map((x, i) => items.check(x, `${path}[${i}]`));
    },
  };
}

/** A field that may be absent. */
export interface Optional<T> {
  readonly optional: Schema<T>;
}

export function optional<T>(inner: Schema<T>): Optional<T> {
  return { optional: inner };
}

type Fields = Record<string, Schema<unknown> | Optional<unknown>>;

type RequiredKeys<F extends Fields> = {
  [K in keyof F]: F[K] extends Schema<unknown> ? K : never;
}[keyof F];
type OptionalKeys<F extends Fields> = Exclude<keyof F, RequiredKeys<F>>;
type Flat<T> = { [K in keyof T]: T[K] };

export type ObjectOf<F extends Fields> = Flat<
  { [K in RequiredKeys<F>]: Infer<F[K]> } & {
    [K in OptionalKeys<F>]?: F[K] extends Optional<infer T> ? T : never;
  }
>;

export interface ObjectSchema<F extends Fields> extends Schema<ObjectOf<F>> {
  readonly fields: F;
}

/** An object schema as `oneOf` sees it: its fields and its check. */
type Form = Schema<unknown> & { readonly fields: Fields };

/** A closed object: exactly these fields (optional ones may be absent). */
export function object<F extends Fields>(fields: F): ObjectSchema<F> {
  const names = Object.keys(fields);
  const required = names.filter((k) => !('optional' in fields[k]));
  const expected =
    names.length === 0
      ? 'an empty object (no params)'
      : `an object { ${names.map((k) => (required.includes(k) ? k : `${k}?`)).join(', ')} }`;
  return {
    fields,
    expected,
    check(v, path) {
      if (!isPlainObject(v)) throw new ParamProblem(path, expected, shown(v));
      for (const k of Object.keys(v)) {
        if (v[k] !== undefined && !Object.hasOwn(fields, k)) {
          const where = join(path, k);
          throw new ParamProblem(
            where,
            names.length === 0
              ? 'absent: there are no params'
              : `absent (known: ${names.join(', ')})`,
            `a field \`${where}\``,
          );
        }
      }
      const out: Record<string, unknown> = {};
      for (const k of names) {
        const field = fields[k];
        const value = Object.hasOwn(v, k) ? v[k] : undefined;
        if ('optional' in field) {
          if (value !== undefined) out[k] = field.optional.check(value, join(path, k));
        } else {
          if (value === undefined)
            throw new ParamProblem(join(path, k), field.expected, 'nothing (it is required)');
          out[k] = field.check(value, join(path, k));
        }
      }
      return out as ObjectOf<F>;
    },
  };
}

/**
 * One of several object forms (`{ session } | { commit }`, `{ kind: "file", path } | …`). The
 * form is picked by its required fields being present (and its literal fields matching), so the
 * error is about that form's fields, not a list of everything that failed.
 */
export function oneOf<S extends Form[]>(...forms: S): Schema<Infer<S[number]>> {
  const expected = forms.map((f) => f.expected).join(' or ');
  const fits = (form: Form, v: Record<string, unknown>): boolean =>
    Object.entries(form.fields).every(([k, f]) => {
      if ('optional' in f) return true;
      // A literal field (a discriminant such as `kind`) must match for the form to be meant.
      return v[k] !== undefined && (f.literal === undefined || f.literal === v[k]);
    });
  return {
    expected,
    check(v, path) {
      if (!isPlainObject(v)) throw new ParamProblem(path, expected, shown(v));
      const meant = forms.filter((f) => fits(f, v));
      if (meant.length === 0)
        throw new ParamProblem(path, expected, `an object { ${Object.keys(v).join(', ')} }`);
      let first: unknown;
      for (const form of meant) {
        try {
          return form.check(v, path) as Infer<S[number]>;
        } catch (e) {
          first ??= e;
        }
      }
      throw first;
    },
  };
}

/** Check `params` of `method`; a problem becomes an InvalidInput error naming both. */
export function checkParams<T>(method: string, schema: Schema<T>, params: unknown): T {
  try {
    return schema.check(params, '');
  } catch (e) {
    if (!(e instanceof ParamProblem)) throw e;
    throw new PiecrustError('InvalidInput', `invalid params for ${method}: ${e.message}`, {
      method,
      field: e.path,
      expected: e.expected,
      got: e.got,
    });
  }
}
