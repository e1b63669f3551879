/**
 * rustc's v0 symbol mangling (RFC 2603), printed as rustc-demangle's alternate format: paths
 * with their crate disambiguators dropped, `<T>` and `<T as Trait>` impls, generic arguments,
 * closures as `{closure#N}`, types, const generics and back-references. The input is the symbol
 * without its `_R`; `undefined` means "not a valid v0 symbol" (the caller keeps the original).
 *
 * Hostile input cannot loop or blow up: a back-reference must point before itself, nesting
 * (including through back-references) is capped at MAX_DEPTH, and output at MAX_OUTPUT chars.
 */

const MAX_DEPTH = 200;
const MAX_OUTPUT = 16_384;

class Invalid extends Error {}

/** A suffix a symbol may carry after its mangled part (`.exit.i.i`, `.0.0`): printable ASCII. */
export function isSymbolLike(suffix: string): boolean {
  return /^[\x21-\x7e]*$/.test(suffix);
}

const BASIC_TYPES: Record<string, string> = {
  a: 'i8',
  b: 'bool',
  c: 'char',
  d: 'f64',
  e: 'str',
  f: 'f32',
  h: 'u8',
  i: 'isize',
  j: 'usize',
  l: 'i32',
  m: 'u32',
  n: 'i128',
  o: 'u128',
  s: 'i16',
  t: 'u16',
  u: '()',
  v: '...',
  x: 'i64',
  y: 'u64',
  z: '!',
  p: '_',
};

export function demangleV0(sym: string): string | undefined {
  try {
    const p = new V0Printer(sym);
    // An encoding version: only the implicit one (none) exists.
    if (/^[0-9]/.test(sym)) return undefined;
    p.path(true);
    // The instantiating crate, when given, is not printed.
    if (p.pos < sym.length && /[A-Z]/.test(sym[p.pos])) p.skipping(() => p.path(false));
    const suffix = sym.slice(p.pos);
    if (suffix !== '' && !(suffix.startsWith('.') && isSymbolLike(suffix))) return undefined;
    return p.out + suffix;
  } catch {
    return undefined;
  }
}

class V0Printer {
  pos = 0;
  out = '';
  private depth = 0;
  private silent = 0;
  private boundLifetimes = 0;

  constructor(private readonly s: string) {}

  private peek(): string | undefined {
    return this.s[this.pos];
  }

  private next(): string {
    const c = this.s[this.pos];
    if (c === undefined) throw new Invalid();
    this.pos++;
    return c;
  }

  private eat(c: string): boolean {
    if (this.s[this.pos] !== c) return false;
    this.pos++;
    return true;
  }

  private write(text: string): void {
    if (this.silent > 0) return;
    this.out += text;
    if (this.out.length > MAX_OUTPUT) throw new Invalid();
  }

  skipping(run: () => void): void {
    this.silent++;
    try {
      run();
    } finally {
      this.silent--;
    }
  }

  private nested<T>(run: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new Invalid();
    try {
      return run();
    } finally {
      this.depth--;
    }
  }

  /** `_` is 0; otherwise base-62 digits then `_`, the value plus one. */
  private base62(): number {
    if (this.eat('_')) return 0;
    let value = 0;
    for (;;) {
      const c = this.next();
      if (c === '_') break;
      const digit = /[0-9]/.test(c)
        ? c.charCodeAt(0) - 48
        : /[a-z]/.test(c)
          ? c.charCodeAt(0) - 87
          : /[A-Z]/.test(c)
            ? c.charCodeAt(0) - 29
            : -1;
      if (digit < 0) throw new Invalid();
      // Crate disambiguators are 64-bit hashes: past 2^53 the value is inexact, which only they
      // (never printed) reach; a back-reference that large is out of range anyway.
      value = value * 62 + digit;
    }
    return value + 1;
  }

  /** An optional `<tag>` base-62 number (disambiguators, binders): 0 when absent, else n + 1. */
  private optBase62(tag: string): number {
    return this.eat(tag) ? this.base62() + 1 : 0;
  }

  private decimal(): number {
    // A leading 0 is the whole number (`00` is two empty identifiers).
    const digits = /^(0|[1-9][0-9]{0,8})/.exec(this.s.slice(this.pos, this.pos + 9))?.[0];
    if (digits === undefined) throw new Invalid();
    this.pos += digits.length;
    return Number(digits);
  }

  /** `[u] <length> [_] <bytes>`: `u` marks Punycode. */
  private ident(): string {
    const puny = this.eat('u');
    const length = this.decimal();
    this.eat('_');
    const raw = this.s.slice(this.pos, this.pos + length);
    if (raw.length !== length) throw new Invalid();
    this.pos += length;
    if (!puny) return raw;
    const decoded = decodePunycode(raw);
    if (decoded === undefined) throw new Invalid();
    return decoded;
  }

  /** Run `print` at the position a `B<n>` back-reference names (before it), then come back. */
  private backref(print: () => void): void {
    const at = this.pos - 1;
    const target = this.base62();
    if (target >= at) throw new Invalid();
    const resume = this.pos;
    this.pos = target;
    this.nested(print);
    this.pos = resume;
  }

  path(inValue: boolean): void {
    this.nested(() => this.pathInner(inValue));
  }

  private pathInner(inValue: boolean): void {
    const tag = this.next();
    switch (tag) {
      case 'C': {
        this.optBase62('s');
        this.write(this.ident());
        return;
      }
      case 'N': {
        const ns = this.next();
        if (!/[a-zA-Z]/.test(ns)) throw new Invalid();
        this.path(inValue);
        const dis = this.optBase62('s');
        const name = this.ident();
        if (/[A-Z]/.test(ns)) {
          const kind = ns === 'C' ? 'closure' : ns === 'S' ? 'shim' : ns;
          this.write(`::{${kind}${name === '' ? '' : `:${name}`}#${dis}}`);
        } else if (name !== '') {
          this.write(`::${name}`);
        }
        return;
      }
      case 'M':
      case 'X':
      case 'Y': {
        if (tag !== 'Y') {
          this.optBase62('s');
          this.skipping(() => this.path(false));
        }
        this.write('<');
        this.type();
        if (tag !== 'M') {
          this.write(' as ');
          this.path(false);
        }
        this.write('>');
        return;
      }
      case 'I': {
        this.path(inValue);
        this.write(inValue ? '::<' : '<');
        this.genericArgs();
        this.write('>');
        return;
      }
      case 'B':
        this.backref(() => this.pathInner(inValue));
        return;
      default:
        throw new Invalid();
    }
  }

  /** `{generic-arg} E`, comma-separated. */
  private genericArgs(): void {
    for (let i = 0; !this.eat('E'); i++) {
      if (i > 0) this.write(', ');
      this.genericArg();
    }
  }

  private genericArg(): void {
    if (this.eat('L')) this.lifetime(this.base62());
    else if (this.eat('K')) this.constValue();
    else this.type();
  }

  private lifetime(index: number): void {
    if (index === 0) {
      this.write("'_");
      return;
    }
    const depth = this.boundLifetimes - index;
    if (depth < 0) throw new Invalid();
    this.write(depth < 26 ? `'${String.fromCharCode(97 + depth)}` : `'_${depth}`);
  }

  private binder(run: () => void): void {
    const count = this.optBase62('G');
    if (count > 0) {
      this.write('for<');
      for (let i = 0; i < count; i++) {
        if (i > 0) this.write(', ');
        this.boundLifetimes++;
        this.lifetime(1);
      }
      this.write('> ');
    }
    try {
      run();
    } finally {
      this.boundLifetimes -= count;
    }
  }

  type(): void {
    this.nested(() => this.typeInner());
  }

  private typeInner(): void {
    const tag = this.next();
    const basic = BASIC_TYPES[tag];
    if (basic !== undefined) {
      this.write(basic);
      return;
    }
    switch (tag) {
      case 'R':
      case 'Q':
        this.write('&');
        if (this.eat('L')) {
          const lt = this.base62();
          if (lt !== 0) {
            this.lifetime(lt);
            this.write(' ');
          }
        }
        if (tag === 'Q') this.write('mut ');
        this.type();
        return;
      case 'P':
      case 'O':
        this.write(tag === 'P' ? '*const ' : '*mut ');
        this.type();
        return;
      case 'A':
      case 'S':
        this.write('[');
        this.type();
        if (tag === 'A') {
          this.write('; ');
          this.constValue();
        }
        this.write(']');
        return;
      case 'T': {
        this.write('(');
        let count = 0;
        for (; !this.eat('E'); count++) {
          if (count > 0) this.write(', ');
          this.type();
        }
        if (count === 1) this.write(',');
        this.write(')');
        return;
      }
      case 'F':
        this.binder(() => this.fnSig());
        return;
      case 'D':
        this.write('dyn ');
        this.binder(() => {
          for (let i = 0; !this.eat('E'); i++) {
            if (i > 0) this.write(' + ');
            this.dynTrait();
          }
        });
        if (!this.eat('L')) throw new Invalid();
        {
          const lt = this.base62();
          if (lt !== 0) {
            this.write(' + ');
            this.lifetime(lt);
          }
        }
        return;
      case 'B':
        this.backref(() => this.typeInner());
        return;
      default:
        this.pos--;
        this.path(false);
    }
  }

  private fnSig(): void {
    if (this.eat('U')) this.write('unsafe ');
    if (this.eat('K')) {
      if (this.eat('C')) this.write('extern "C" ');
      else this.write(`extern "${this.ident().replace(/_/g, '-')}" `);
    }
    this.write('fn(');
    for (let i = 0; !this.eat('E'); i++) {
      if (i > 0) this.write(', ');
      this.type();
    }
    this.write(')');
    if (this.eat('u')) return;
    this.write(' -> ');
    this.type();
  }

  /** A trait of a `dyn` type, with its associated type bindings inside its generic arguments. */
  private dynTrait(): void {
    const open = this.pathMaybeOpenGenerics();
    let first = !open;
    while (this.eat('p')) {
      this.write(first ? '<' : ', ');
      first = false;
      this.write(`${this.ident()} = `);
      this.type();
    }
    if (!first) this.write('>');
  }

  /** A path whose generic arguments are left open (`Trait<A`), so bindings can follow. */
  private pathMaybeOpenGenerics(): boolean {
    if (this.eat('B')) {
      let open = false;
      this.backref(() => {
        open = this.pathMaybeOpenGenerics();
      });
      return open;
    }
    if (this.eat('I')) {
      this.path(false);
      this.write('<');
      this.genericArgs();
      return true;
    }
    this.path(false);
    return false;
  }

  private constValue(): void {
    this.nested(() => {
      if (this.eat('B')) {
        this.backref(() => this.constValue());
        return;
      }
      const tag = this.next();
      if (tag === 'p') this.write('_');
      else if ('htmyoj'.includes(tag)) this.write(this.constUint());
      else if ('aslxni'.includes(tag)) this.write((this.eat('n') ? '-' : '') + this.constUint());
      else if (tag === 'b') {
        const v = this.hexNibbles();
        if (v !== '0' && v !== '1') throw new Invalid();
        this.write(v === '1' ? 'true' : 'false');
      } else if (tag === 'c') {
        const v = this.hexNibbles();
        const code = v.length > 8 ? -1 : parseInt(v, 16);
        if (code < 0 || code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) throw new Invalid();
        this.write(`'${escapeChar(String.fromCodePoint(code))}'`);
      } else throw new Invalid();
    });
  }

  private hexNibbles(): string {
    const end = this.s.indexOf('_', this.pos);
    if (end < 0) throw new Invalid();
    const hex = this.s.slice(this.pos, end);
    if (!/^[0-9a-f]*$/.test(hex)) throw new Invalid();
    this.pos = end + 1;
    return hex;
  }

  private constUint(): string {
    const hex = this.hexNibbles();
    if (hex.length > 16) return `0x${hex}`;
    return hex === '' ? '0' : BigInt(`0x${hex}`).toString();
  }
}

/** How Rust's `{:?}` shows a char inside quotes (the common escapes; others as themselves). */
function escapeChar(c: string): string {
  const escapes: Record<string, string> = {
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\\': '\\\\',
    "'": "\\'",
    '\0': '\\0',
  };
  return escapes[c] ?? c;
}

/** RFC 3492 Punycode, with v0's `_` in place of `-` as the delimiter. */
function decodePunycode(input: string): string | undefined {
  const delimiter = input.lastIndexOf('_');
  const output = [...(delimiter < 0 ? '' : input.slice(0, delimiter))].map((c) =>
    c.codePointAt(0)!,
  );
  let rest = delimiter < 0 ? input : input.slice(delimiter + 1);
  const base = 36;
  let n = 128;
  let i = 0;
  let bias = 72;
  while (rest.length > 0) {
    const oldI = i;
    let w = 1;
    for (let k = base; ; k += base) {
      const c = rest[0];
      if (c === undefined) return undefined;
      rest = rest.slice(1);
      const digit = /[a-z]/.test(c)
        ? c.charCodeAt(0) - 97
        : /[0-9]/.test(c)
          ? c.charCodeAt(0) - 22
          : -1;
      if (digit < 0) return undefined;
      i += digit * w;
      if (i > 0x10ffff * (output.length + 1)) return undefined;
      const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
      if (digit < t) break;
      w *= base - t;
    }
    const length = output.length + 1;
    let delta = oldI === 0 ? Math.floor((i - oldI) / 700) : Math.floor((i - oldI) / 2);
    delta += Math.floor(delta / length);
    let k = 0;
    while (delta > ((base - 1) * 26) / 2) {
      delta = Math.floor(delta / (base - 1));
      k += base;
    }
    bias = k + Math.floor((base * delta) / (delta + 38));
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff || (n >= 0xd800 && n < 0xe000)) return undefined;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}
