/**
 * The Diff view's hex rows show the page's real bytes: the rows the page opens at (its first
 * change) and a far row scrolled to, each byte as the engine has it on both sides, and exactly the
 * differing bytes marked. The view renders only the rows in view, as text runs with the changed
 * ones marked (renderer/src/diff/hex-row-elements.ts), so this reads what the user reads.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bytesOfHex } from '../../renderer/src/diff/hex-diff-model';
import { e2eMissing, startE2E, type E2E } from './harness';
import { makeHistory, showView, type History } from './history';

const missing = e2eMissing();

interface ShownRow {
  address: string;
  before: string;
  after: string;
  /** Character offsets of the marked runs in each side's text: [start, end). */
  beforeMarks: Array<[number, number]>;
  afterMarks: Array<[number, number]>;
}

/** The text a row side should read: bytes a space apart, two spaces between the halves. */
function sideText(bytes: Uint8Array): string {
  let text = '';
  bytes.forEach((b, i) => {
    text += (i === 0 ? '' : i === bytes.length / 2 ? '  ' : ' ') + b.toString(16).padStart(2, '0');
  });
  return text;
}

/** Byte indices of a row covered by marked character ranges of its side text. */
function markedBytes(marks: Array<[number, number]>, bytesPerRow: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytesPerRow; i++) {
    const at = 3 * i + (i >= bytesPerRow / 2 ? 1 : 0);
    if (marks.some(([start, end]) => at >= start && at + 2 <= end)) out.push(i);
  }
  return out;
}

describe.skipIf(missing !== undefined)('hex rows of a diffed page', () => {
  let e2e: E2E;
  let h: History;
  const page = () => e2e.page;

  beforeAll(async () => {
    e2e = await startE2E();
    h = await makeHistory(e2e.service);
    await showView(e2e.page, 'diff');
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const shownRows = (): Promise<ShownRow[]> =>
    page()
      .getByTestId('hexdiff')
      .evaluate((root) => {
        const marksOf = (side: Element | null): Array<[number, number]> => {
          const marks: Array<[number, number]> = [];
          let at = 0;
          for (const node of Array.from(side?.childNodes ?? [])) {
            const length = node.textContent?.length ?? 0;
            if (node.nodeName === 'MARK') marks.push([at, at + length]);
            at += length;
          }
          return marks;
        };
        return Array.from(root.querySelectorAll('.row:not(.gap)')).map((row) => ({
          address: row.querySelector('.addr')?.textContent ?? '',
          before: row.querySelector('.before')?.textContent ?? '',
          after: row.querySelector('.after')?.textContent ?? '',
          beforeMarks: marksOf(row.querySelector('.before')),
          afterMarks: marksOf(row.querySelector('.after')),
        }));
      });

  test('the rows at the first change and at a far row read the page as the engine has it', async () => {
    const from = { commit: h.left.root };
    const to = { commit: h.right.root };
    await page().getByTestId('diff-from').selectOption(`c:${h.left.root}`);
    await page().getByTestId('diff-to').selectOption(`c:${h.right.root}`);
    await page().getByTestId('diff-compare').click();

    const [changed] = await e2e.service.diff({ from, to });
    const pageNumber = [...changed.pagesChanged].sort((a, b) => a - b)[0];
    const diff = await e2e.service.pageDiff({
      from,
      to,
      contract: changed.contract,
      page: pageNumber,
    });
    const before = bytesOfHex(diff.before);
    const after = bytesOfHex(diff.after);
    const base = pageNumber * before.length;
    expect(diff.ranges.length).toBeGreaterThan(0);

    await page().locator('[data-testid="hexdiff"] mark').first().waitFor();
    const bytesPerRow = Number(
      await page().getByTestId('hexdiff').getAttribute('data-bytes-per-row'),
    );
    const check = (rows: ShownRow[]): void => {
      for (const row of rows) {
        const offset = parseInt(row.address, 16) - base;
        const was = before.subarray(offset, offset + bytesPerRow);
        const is = after.subarray(offset, offset + bytesPerRow);
        expect(row.before, `before at ${row.address}`).toBe(sideText(was));
        expect(row.after, `after at ${row.address}`).toBe(sideText(is));
        const differing = [...was.keys()].filter((i) => was[i] !== is[i]);
        expect(markedBytes(row.beforeMarks, bytesPerRow), `marks at ${row.address}`).toEqual(
          differing,
        );
        expect(markedBytes(row.afterMarks, bytesPerRow)).toEqual(differing);
      }
    };

    // The page opens at its first change: that row is shown, right, with its bytes marked.
    const first = diff.ranges[0].start;
    const firstRow = (base + first - (first % bytesPerRow)).toString(16).padStart(8, '0');
    const opened = await shownRows();
    expect(opened.map((r) => r.address)).toContain(firstRow);
    check(opened);
    expect(opened.some((r) => r.beforeMarks.length > 0)).toBe(true);

    // A far row: the last one with a non-zero byte on either side (else the page's last row).
    let far = before.length - bytesPerRow;
    for (let at = before.length - bytesPerRow; at >= 0; at -= bytesPerRow) {
      if (before.subarray(at, at + bytesPerRow).some((b, i) => b !== 0 || after[at + i] !== 0)) {
        far = at;
        break;
      }
    }
    if (far <= first + 64 * bytesPerRow) far = before.length - bytesPerRow;
    const farRow = (base + far).toString(16).padStart(8, '0');
    await page()
      .locator('[data-testid="hexdiff"] .scroller')
      .evaluate((el, top) => (el.scrollTop = top), (far / bytesPerRow) * 20 - 100);
    await expect.poll(async () => (await shownRows()).map((r) => r.address)).toContain(farRow);
    check(await shownRows());
  });

  test('a row is one line of the hex dump, its columns under the header labels', async () => {
    await page().locator('[data-testid="hexdiff"] .row').first().waitFor();
    const shown = await page()
      .getByTestId('hexdiff')
      .evaluate((root) => {
        const left = (el: Element | null): number => el?.getBoundingClientRect().left ?? NaN;
        const labels = root.querySelectorAll('.head .side');
        return {
          head: { before: left(labels[0]), after: left(labels[1]) },
          rows: Array.from(root.querySelectorAll('.row:not(.gap)'), (row) => ({
            text: row.textContent ?? '',
            address: row.querySelector('.addr')?.textContent ?? '',
            before: row.querySelector('.before')?.textContent ?? '',
            after: row.querySelector('.after')?.textContent ?? '',
            beforeLeft: left(row.querySelector('.before')),
            afterLeft: left(row.querySelector('.after')),
          })),
        };
      });
    expect(shown.rows.length).toBeGreaterThan(10);
    for (const row of shown.rows) {
      // Copied, a row reads as a hex dump line: address, before, after, 3 spaces apart.
      expect(row.text).toBe(`${row.address.padEnd(9)}   ${row.before}   ${row.after}`);
      expect(Math.abs(row.beforeLeft - shown.head.before), `before at ${row.address}`).toBeLessThan(
        1,
      );
      expect(Math.abs(row.afterLeft - shown.head.after), `after at ${row.address}`).toBeLessThan(1);
    }
  });

  test('scrolled down then up, the rows are in the document top to bottom, one after another', async () => {
    // Selecting across rows, copying and the find bar read the rows in document order.
    const scroller = page().locator('[data-testid="hexdiff"] .scroller');
    const bytesPerRow = Number(
      await page().getByTestId('hexdiff').getAttribute('data-bytes-per-row'),
    );
    const inOrder = async (): Promise<boolean> => {
      const addresses = (await shownRows()).map((r) => parseInt(r.address, 16));
      return (
        addresses.length > 1 &&
        addresses.every((a, i) => i === 0 || a === addresses[i - 1] + bytesPerRow)
      );
    };
    for (const top of [0, 400, 2000, 1200, 60, 0]) {
      await scroller.evaluate((el, y) => (el.scrollTop = y), top);
      const first = (Math.floor(top / 20) * bytesPerRow).toString(16);
      await expect
        .poll(async () => (await shownRows()).some((r) => r.address.endsWith(first)))
        .toBe(true);
      expect(await inOrder(), `rows in order at scrollTop ${top}`).toBe(true);
    }
  });
});

if (missing !== undefined) console.warn(`e2e skipped: ${missing}`);
