// The little JSON our drivers read: null, booleans and integers (bare or as a decimal string, as
// serde writes 64-bit integers). Errors are set in `jsonError` with the character position.

export let jsonError: string = '';

export class JsonReader {
  pos: i32 = 0;
  constructor(public text: string) {}

  skipWs(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c != 0x20 && c != 0x09 && c != 0x0a && c != 0x0d) break;
      this.pos++;
    }
  }

  /** Consume `word` (after whitespace) if it is next. */
  accept(word: string): bool {
    this.skipWs();
    if (this.text.substr(this.pos, word.length) != word) return false;
    this.pos += word.length;
    return true;
  }

  /** True when only whitespace is left; else records the stray position. */
  end(): bool {
    this.skipWs();
    if (this.pos == this.text.length) return true;
    return this.fail('unexpected text after the value');
  }

  fail(what: string): bool {
    jsonError = `Json("${what} at character ${this.pos.toString()}")`;
    return false;
  }
}

/** An integer read by `readInteger`: magnitude and sign. */
export class JsonInt {
  magnitude: u64 = 0;
  negative: bool = false;
}

/** `123`, `-5` or `"123"`; no fraction or exponent. Returns null (with jsonError) otherwise. */
export function readInteger(r: JsonReader): JsonInt | null {
  r.skipWs();
  const quoted = r.pos < r.text.length && r.text.charCodeAt(r.pos) == 0x22;
  if (quoted) r.pos++;
  const out = new JsonInt();
  if (r.pos < r.text.length && r.text.charCodeAt(r.pos) == 0x2d) {
    out.negative = true;
    r.pos++;
  }
  const start = r.pos;
  while (r.pos < r.text.length) {
    const c = r.text.charCodeAt(r.pos);
    if (c < 0x30 || c > 0x39) break;
    const digit = <u64>(c - 0x30);
    if (out.magnitude > (U64.MAX_VALUE - digit) / 10) {
      r.fail('integer too large');
      return null;
    }
    out.magnitude = out.magnitude * 10 + digit;
    r.pos++;
  }
  if (r.pos == start) {
    r.fail('expected an integer');
    return null;
  }
  if (quoted) {
    if (r.pos >= r.text.length || r.text.charCodeAt(r.pos) != 0x22) {
      r.fail('expected the closing quote of the integer');
      return null;
    }
    r.pos++;
  } else if (r.pos < r.text.length) {
    const c = r.text.charCodeAt(r.pos);
    if (c == 0x2e || c == 0x65 || c == 0x45) {
      r.fail('expected an integer, not a fraction or exponent');
      return null;
    }
  }
  return out;
}
