/**
 * The hex view's marks (zero bytes, bytes loading, the argument buffer A, search matches, the
 * cursor) as CSS Custom Highlights over the rows' text nodes: a mark is a character range, not
 * an element, so a row is three text nodes however many bytes it marks. HexView's stylesheet
 * draws each with `::highlight(memory-<mark>)`. Where the browser has no `CSS.highlights` the
 * bytes are drawn unmarked.
 */
import { asciiChars, hexChars, type ColumnRun } from './hex-text';

/** In ascending priority: where marks overlap, the later one's colours win. */
export const MARKS = ['zero', 'pending', 'argbuf', 'match', 'cursor'] as const;
export type Mark = (typeof MARKS)[number];
export type MarkRuns = Record<Mark, ColumnRun[]>;

/** The name a mark is registered under in `CSS.highlights` (and styled with). */
export function highlightName(mark: Mark): string {
  return `memory-${mark}`;
}

/** One drawn row: its hex and ASCII text nodes and the columns each mark covers. */
export interface MarkedRow {
  hex: Text;
  ascii: Text;
  runs: MarkRuns;
}

export interface HexMarks {
  /** Replace every mark with these rows' (called after each render of the rows). */
  paint(rows: MarkedRow[], bytesPerRow: number): void;
  /** Put this view's marks in the registry (again, after another view's took the names). */
  register(): void;
  /** Take them out, if they are still this view's. */
  unregister(): void;
}

function supported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

export function createHexMarks(): HexMarks {
  if (!supported()) return { paint() {}, register() {}, unregister() {} };
  const highlights = new Map<Mark, Highlight>(
    MARKS.map((mark, priority) => {
      const h = new Highlight();
      h.priority = priority;
      return [mark, h];
    }),
  );
  const range = (node: Text, [start, end]: [number, number]): StaticRange =>
    new StaticRange({
      startContainer: node,
      startOffset: Math.min(start, node.length),
      endContainer: node,
      endOffset: Math.min(end, node.length),
    });
  return {
    paint(rows, bytesPerRow) {
      for (const [mark, h] of highlights) {
        h.clear();
        for (const row of rows)
          for (const run of row.runs[mark]) {
            h.add(range(row.hex, hexChars(run, bytesPerRow)));
            h.add(range(row.ascii, asciiChars(run)));
          }
      }
    },
    register() {
      for (const [mark, h] of highlights) CSS.highlights.set(highlightName(mark), h);
    },
    unregister() {
      for (const [mark, h] of highlights)
        if (CSS.highlights.get(highlightName(mark)) === h)
          CSS.highlights.delete(highlightName(mark));
    },
  };
}
