/**
 * A step's changed pages as the Steps view shows them: the focused page first, at most
 * MAX_PAGES_LOADED of them, each as the rows around its changes (byte-diff.ts). The bytes after
 * the step come for those rows only, with the step's detail (stepDetail's `rows`, asked for by
 * rowsQuery: one request per jump, not the detail and then its pages); a page the detail came
 * without is asked for alone (`pageAtStep` with a range), and says why it cannot be read. The
 * bytes before are rebuilt from the step's own changes.
 */
import type {
  JournalSource,
  PageDeltaView,
  StepDetail,
  StepPageRows,
  StepPoint,
  StepRowsQuery,
} from '../../../engine/api/types';
import { apiClient } from '../api/instance';
import { pageSize } from '../common/abi';
import { toApiError } from '../common/lib/error-words';
import { bytesFromHex } from '../common/lib/hex';
import { namedMessage } from '../common/lib/session-error-words';
import { SHOWN_ROWS, bytesBefore, changedInRanges, contextRows, rowsSpan } from './byte-diff';

export interface PageBytes {
  contract: string;
  page: number;
  /** The page offsets the step changed. */
  changed: number[];
  /** The page offset of `before[0]` and `after[0]`: the bytes held are the shown rows'. */
  from: number;
  /** Null while loading (or when it failed: `error`). */
  before: Uint8Array | null;
  after: Uint8Array | null;
  error?: string;
}

export const MAX_PAGES_LOADED = 4;

/** A page to show: its change, the offsets changed, and the span of the rows shown. */
export interface ShownPage {
  delta: PageDeltaView;
  changed: number[];
  span: { offset: number; length: number };
}

type PageRef = { contract: string; page: number };

/** What to ask stepDetail for: the bytes of the rows shownPages will show (the same rule). */
export function rowsQuery(focus: PageRef | null): StepRowsQuery {
  return { pages: MAX_PAGES_LOADED, ...(focus === null ? {} : { focus }), ...SHOWN_ROWS };
}

/** The pages of the step's detail to show, `focus` first. */
export function shownPages(d: StepDetail, focus: PageRef | null): ShownPage[] {
  const focused = (x: PageRef): number =>
    focus !== null && x.contract === focus.contract && x.page === focus.page ? 1 : 0;
  const wanted = [...d.deltas].sort((a, b) => focused(b) - focused(a)).slice(0, MAX_PAGES_LOADED);
  return wanted.map((delta) => {
    const changed = changedInRanges(delta.changes);
    return { delta, changed, span: rowsSpan(contextRows(changed, pageSize()).rows) };
  });
}

/** A shown page without its bytes yet. */
export function pendingPage({ delta, changed, span }: ShownPage): PageBytes {
  return {
    contract: delta.contract,
    page: delta.page,
    changed,
    from: span.offset,
    before: null,
    after: null,
  };
}

/** The shown rows' bytes from the rows sent with the detail, when they hold them all. */
function sentBytes(
  { delta, span }: ShownPage,
  sent: readonly StepPageRows[],
): Uint8Array | undefined {
  const rows = sent.find((r) => r.contract === delta.contract && r.page === delta.page);
  if (rows === undefined) return undefined;
  const bytes = bytesFromHex(rows.after);
  const at = span.offset - rows.offset;
  if (at < 0 || at + span.length > bytes.length) return undefined;
  return bytes.subarray(at, at + span.length);
}

/**
 * The shown pages' bytes at `point` of `src`'s journal: from the rows `sent` with the detail,
 * else fetched; a page that cannot be read carries its error (sessions named by `nameOf`)
 * instead.
 */
export function loadPageBytes(
  src: JournalSource,
  point: StepPoint,
  shown: readonly ShownPage[],
  nameOf: (id: string) => string | undefined,
  sent: readonly StepPageRows[] = [],
): Promise<PageBytes[]> {
  const api = apiClient();
  return Promise.all(
    shown.map(async (page): Promise<PageBytes> => {
      const { delta, span } = page;
      try {
        // The shown rows after the step; before it they differ only by the changes.
        const after =
          span.length === 0
            ? new Uint8Array(0)
            : (sentBytes(page, sent) ??
              bytesFromHex(
                await api.pageAtStep({
                  ...src,
                  point,
                  contract: delta.contract,
                  page: delta.page,
                  offset: span.offset,
                  length: span.length,
                }),
              ));
        return {
          ...pendingPage(page),
          before: bytesBefore(after, span.offset, delta.changes),
          after,
        };
      } catch (e) {
        return { ...pendingPage(page), error: namedMessage(toApiError(e), nameOf) };
      }
    }),
  );
}
