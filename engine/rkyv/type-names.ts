/**
 * Rust spellings of descriptors, for the UI's "decode as …" box: `Option<i16>`, `[u8; 33]`,
 * `(ContractId, String, Vec<u8>)`, `Result<bool, ContractError>`. `parseType(formatType(x))`
 * gives back an equal descriptor.
 */
import { PiecrustError } from '../core/errors';
import { t, type PrimType, type RkyvType } from './types';

const PRIMITIVE_NAMES: Record<string, PrimType> = {
  bool: t.bool,
  u8: t.u8,
  u16: t.u16,
  u32: t.u32,
  u64: t.u64,
  i8: t.i8,
  i16: t.i16,
  i32: t.i32,
  i64: t.i64,
  f32: t.f32,
  f64: t.f64,
  String: t.string,
  ContractId: t.contractId,
  ContractError: t.contractError,
};

const GENERIC_ARITY: Record<string, number> = { Vec: 1, Option: 1, Result: 2 };

const KNOWN = [
  ...Object.keys(PRIMITIVE_NAMES),
  'Vec<T>',
  'Option<T>',
  'Result<T, E>',
  '[T; N]',
  '()',
  '(A, B, …)',
];

export function formatType(type: RkyvType): string {
  switch (type.kind) {
    case 'unit':
      return '()';
    case 'string':
      return 'String';
    case 'contractId':
      return 'ContractId';
    case 'contractError':
      return 'ContractError';
    case 'vec':
      return `Vec<${formatType(type.item)}>`;
    case 'array':
      return `[${formatType(type.item)}; ${type.length}]`;
    case 'option':
      return `Option<${formatType(type.some)}>`;
    case 'result':
      return `Result<${formatType(type.ok)}, ${formatType(type.err)}>`;
    case 'tuple':
      // A one-element tuple needs Rust's trailing comma to differ from a parenthesised type.
      if (type.items.length === 1) return `(${formatType(type.items[0])},)`;
      return `(${type.items.map(formatType).join(', ')})`;
    default:
      return type.kind;
  }
}

/** Parse a Rust type name; throws `PiecrustError('InvalidInput')` naming the position. */
export function parseType(text: string): RkyvType {
  const p = new Parser(text);
  const type = p.type();
  p.skipSpace();
  if (!p.atEnd()) p.fail(`unexpected "${p.rest()}" after the type`);
  return type;
}

class Parser {
  pos = 0;

  constructor(private readonly text: string) {}

  fail(message: string, position = this.pos): never {
    throw new PiecrustError(
      'InvalidInput',
      `invalid type "${this.text}": ${message} at position ${position}`,
      {
        text: this.text,
        position,
      },
    );
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  rest(): string {
    return this.text.slice(this.pos);
  }

  private peek(): string {
    this.skipSpace();
    return this.text[this.pos] ?? '';
  }

  private expect(ch: string): void {
    const got = this.peek();
    if (got !== ch) this.fail(`expected "${ch}" but found ${got ? `"${got}"` : 'the end'}`);
    this.pos++;
  }

  private word(pattern: RegExp): string {
    this.skipSpace();
    const m = pattern.exec(this.text.slice(this.pos));
    return m ? m[0] : '';
  }

  type(): RkyvType {
    const ch = this.peek();
    if (ch === '(') return this.tuple();
    if (ch === '[') return this.array();
    const start = this.pos;
    const name = this.word(/^[A-Za-z_][A-Za-z0-9_]*/);
    if (!name) {
      this.fail(ch ? `expected a type but found "${ch}"` : 'expected a type but found the end');
    }
    this.pos += name.length;
    const prim = Object.hasOwn(PRIMITIVE_NAMES, name) ? PRIMITIVE_NAMES[name] : undefined;
    if (prim) return prim;
    const arity = Object.hasOwn(GENERIC_ARITY, name) ? GENERIC_ARITY[name] : undefined;
    if (arity === undefined) {
      this.fail(`unknown type "${name}" (known: ${KNOWN.join(', ')})`, start);
    }
    const args = this.generics(name, arity);
    if (name === 'Vec') return t.vec(args[0]);
    if (name === 'Option') return t.option(args[0]);
    return t.result(args[0], args[1]);
  }

  private generics(name: string, arity: number): RkyvType[] {
    if (this.peek() !== '<') {
      this.fail(`${name} needs ${arity} type argument${arity > 1 ? 's' : ''}: expected "<"`);
    }
    this.pos++;
    const args: RkyvType[] = [this.type()];
    while (this.peek() === ',') {
      this.pos++;
      args.push(this.type());
    }
    if (args.length !== arity) {
      this.fail(`${name} takes ${arity} type argument${arity > 1 ? 's' : ''}, got ${args.length}`);
    }
    this.expect('>');
    return args;
  }

  private tuple(): RkyvType {
    this.expect('(');
    if (this.peek() === ')') {
      this.pos++;
      return t.unit;
    }
    const items: RkyvType[] = [this.type()];
    let trailingComma = false;
    while (this.peek() === ',') {
      this.pos++;
      trailingComma = true;
      if (this.peek() === ')') break;
      items.push(this.type());
      trailingComma = false;
    }
    this.expect(')');
    // `(T)` is just T in Rust; only `(T,)` is a one-element tuple.
    if (items.length === 1 && !trailingComma) return items[0];
    return t.tuple(...items);
  }

  private array(): RkyvType {
    this.expect('[');
    const item = this.type();
    this.expect(';');
    this.skipSpace();
    const start = this.pos;
    const digits = this.word(/^[0-9][0-9_]*/);
    if (!digits) this.fail('expected the array length (a decimal number)');
    this.pos += digits.length;
    const length = Number(digits.replace(/_/g, ''));
    if (length > 0xffff_ffff) this.fail(`array length ${length} exceeds u32`, start);
    this.expect(']');
    return t.array(item, length);
  }
}
