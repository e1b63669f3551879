/**
 * A data-driver's decoded JSON as text: on one line while it is short or a scalar, pretty-printed
 * (two-space indent) when an object or array would make a long line.
 */
export interface JsonText {
  text: string;
  multiline: boolean;
}

/** Longest one-line rendering of an object or array before it is pretty-printed. */
export const ONE_LINE = 60;

export function jsonText(value: unknown, oneLine = ONE_LINE): JsonText {
  const compact = JSON.stringify(value) ?? String(value);
  if (compact.length <= oneLine || value === null || typeof value !== 'object')
    return { text: compact, multiline: false };
  return { text: JSON.stringify(value, null, 2), multiline: true };
}

/** One line of at most `max` characters (a list's summary), cut with an ellipsis. */
export function jsonSummary(value: unknown, max = 40): string {
  const compact = JSON.stringify(value) ?? String(value);
  return compact.length <= max ? compact : `${compact.slice(0, max - 1)}…`;
}
