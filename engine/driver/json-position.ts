/**
 * Where JSON text stops being JSON: V8's `JSON.parse` message gives no position on Node 20
 * ("Unexpected token '}', … is not valid JSON"), and a driver's author needs one. A syntax-only
 * scan (RFC 8259), run only after `JSON.parse` has failed.
 */
const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const STRING = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/;

class Stop {
  constructor(readonly at: number) {}
}

/** Index of the first character where `text` is not valid JSON, or -1 when it is. */
export function jsonErrorPosition(text: string): number {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && WS.has(text[i])) i++;
  };
  const token = (re: RegExp): void => {
    const m = re.exec(text.slice(i));
    if (m === null) throw new Stop(i);
    i += m[0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          ws();
          token(STRING);
          ws();
          if (text[i] !== ':') throw new Stop(i);
          i++;
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          i++;
          return;
        } else throw new Stop(i);
      }
    } else if (c === '"') token(STRING);
    else if (c === '-' || (c >= '0' && c <= '9')) token(NUMBER);
    else if (text.startsWith('true', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else if (text.startsWith('null', i)) i += 4;
    else throw new Stop(i);
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (e) {
    if (e instanceof Stop) return e.at;
    throw e;
  }
}
