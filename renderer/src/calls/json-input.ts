/**
 * JSON typed by the user for a data-driver, read before it is sent: the value, or where it goes
 * wrong as line and column. The engines' own messages do not all carry a position ("Unexpected
 * token '}', … is not valid JSON"), so a small scanner finds the first offending character;
 * JSON.parse still makes the value.
 */
/** Like arg-preview's Parsed (which reads JSON through this file, so it is not imported). */
export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: string };

interface Failure {
  at: number;
  message: string;
}

/** The first syntax error in `text` as JSON, or undefined when it is valid. */
function firstError(text: string): Failure | undefined {
  let i = 0;
  const fail = (message: string): never => {
    throw { at: i, message } satisfies Failure;
  };
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const describe = (): string => (i >= text.length ? 'the end of the text' : `'${text[i]}'`);
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`expected a value, found ${describe()}`);
  };
  const string = (): void => {
    i++; // the opening quote
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail('a control character inside a string (write \\n, \\t…)');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('\\u takes 4 hex digits');
          i += 5;
          continue;
        }
        if (i >= text.length || !'"\\/bfnrt'.includes(text[i])) fail('an unknown escape');
      }
      i++;
    }
    if (i >= text.length) fail('a string that is not closed');
    i++;
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (m === null || m[0] === '-') fail(`expected a value, found ${describe()}`);
    i += m![0].length;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') object();
    else if (c === '[') array();
    else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c >= '0' && c <= '9')) number();
    else fail(`expected a value, found ${describe()}`);
  };
  const array = (): void => {
    i++;
    space();
    if (text[i] === ']') return void i++;
    for (;;) {
      value();
      space();
      if (text[i] === ']') return void i++;
      if (text[i] !== ',') fail(`expected ',' or ']', found ${describe()}`);
      i++;
    }
  };
  const object = (): void => {
    i++;
    space();
    if (text[i] === '}') return void i++;
    for (;;) {
      space();
      if (text[i] !== '"') fail(`expected a "quoted" property name, found ${describe()}`);
      string();
      space();
      if (text[i] !== ':') fail(`expected ':', found ${describe()}`);
      i++;
      value();
      space();
      if (text[i] === '}') return void i++;
      if (text[i] !== ',') fail(`expected ',' or '}', found ${describe()}`);
      i++;
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail(`unexpected ${describe()} after the value`);
    return undefined;
  } catch (e) {
    return e as Failure;
  }
}

/** Line and column (from 1) of an offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** The JSON value of `text`, or its first error as "line L, column C: …". */
export function parseJsonText(text: string): ParsedJson {
  if (text.trim() === '')
    return { ok: false, error: 'write a JSON value (null when it takes none)' };
  const error = firstError(text);
  if (error !== undefined) {
    const { line, column } = lineColumn(text, error.at);
    return { ok: false, error: `JSON, line ${line}, column ${column}: ${error.message}` };
  }
  return { ok: true, value: JSON.parse(text) as unknown };
}
