/**
 * Rust symbol demangling, so that a function reads `dusk_stake_contract::state::StakeState::stake`
 * rather than `_ZN19dusk_stake_contract5state10StakeState5stake17h0123456789abcdefE`. Both of
 * rustc's manglings: legacy (`_ZN…E`, the `h<hex>` hash element dropped) and v0 (`_R…`, RFC 2603).
 * The output is rustc-demangle's alternate format (`{:#}`): no hash, no crate disambiguators, no
 * types after const generic values.
 *
 * Names come from contracts, so from anyone: anything that is not a well-formed mangled name
 * comes back unchanged, and nothing here throws or loops (v0 back-references only point
 * backwards, nesting is bounded, and output past a size limit gives up).
 */
import { demangleV0, isSymbolLike } from './demangle-v0';

/** The demangled form of `symbol`, or `symbol` itself when it is not a mangled Rust name. */
export function demangle(symbol: string): string {
  try {
    const body = withoutLlvmSuffix(symbol);
    const out = body.startsWith('_R') ? demangleV0(body.slice(2)) : demangleLegacy(body);
    return out ?? symbol;
  } catch {
    return symbol;
  }
}

/** ThinLTO's `.llvm.<hex>` suffix is dropped; any other suffix is kept. */
function withoutLlvmSuffix(symbol: string): string {
  const at = symbol.indexOf('.llvm.');
  return at >= 0 && /^[0-9A-F@]*$/.test(symbol.slice(at + 6)) ? symbol.slice(0, at) : symbol;
}

const LEGACY_ESCAPES: Record<string, string> = {
  SP: '@',
  BP: '*',
  RF: '&',
  LT: '<',
  GT: '>',
  LP: '(',
  RP: ')',
  C: ',',
};

const isRustHash = (element: string): boolean => /^h[0-9a-f]*$/.test(element);

function demangleLegacy(symbol: string): string | undefined {
  const start = symbol.startsWith('_ZN')
    ? 3
    : symbol.startsWith('ZN')
      ? 2
      : symbol.startsWith('__ZN')
        ? 4
        : -1;
  if (start < 0) return undefined;
  const elements: string[] = [];
  let pos = start;
  for (;;) {
    if (symbol[pos] === 'E') break;
    const digits = /^[0-9]+/.exec(symbol.slice(pos, pos + 12))?.[0];
    if (digits === undefined || digits.length > 9) return undefined;
    const length = Number(digits);
    if (length === 0) return undefined;
    pos += digits.length;
    const element = symbol.slice(pos, pos + length);
    if (element.length !== length || /[^\x00-\x7f]/.test(element)) return undefined;
    elements.push(element);
    pos += length;
  }
  if (elements.length === 0) return undefined;
  const suffix = symbol.slice(pos + 1);
  if (!isSymbolLike(suffix)) return undefined;
  if (elements.length > 1 && isRustHash(elements[elements.length - 1])) elements.pop();
  return elements.map(unescapeLegacy).join('::') + suffix;
}

function unescapeLegacy(element: string): string {
  let rest = element.startsWith('_$') ? element.slice(1) : element;
  let out = '';
  while (rest.length > 0) {
    if (rest.startsWith('..')) {
      out += '::';
      rest = rest.slice(2);
    } else if (rest.startsWith('.')) {
      out += '.';
      rest = rest.slice(1);
    } else if (rest.startsWith('$')) {
      const end = rest.indexOf('$', 1);
      const code = end < 0 ? undefined : rest.slice(1, end);
      const text = code === undefined ? undefined : (LEGACY_ESCAPES[code] ?? unicodeEscape(code));
      if (text === undefined) return out + rest;
      out += text;
      rest = rest.slice(end + 1);
    } else {
      const next = rest.search(/[$.]/);
      const end = next < 0 ? rest.length : next;
      out += rest.slice(0, end);
      rest = rest.slice(end);
    }
  }
  return out;
}

/** `$u20$` and the like: a character by its hex code point (no control characters). */
function unicodeEscape(code: string): string | undefined {
  if (!/^u[0-9a-f]{1,6}$/.test(code)) return undefined;
  const value = parseInt(code.slice(1), 16);
  if (value < 0x20 || value > 0x10ffff || (value >= 0xd800 && value < 0xe000)) return undefined;
  return String.fromCodePoint(value);
}
