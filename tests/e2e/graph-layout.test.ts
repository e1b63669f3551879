/**
 * The commit graph draws only what is true, in a real browser on the real served app: a commit
 * whose parent was deleted stands apart with a "parent deleted" end, unrelated histories never
 * read as one line, lanes stay put as commits land, a state committed under two labels shows
 * both, and Fit and +/− keep the graph readable and in view. Each scenario is a fresh store,
 * opened through the API as a user would switch stores.
 */
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InspectorService } from '../../engine/api/service';
import type { CommitNode } from '../../engine/api/types';
import {
  FIT_MIN_SCALE,
  GRAPH_PADDING,
  LANE_WIDTH,
  NODE_RADIUS,
  ROW_HEIGHT,
  lanesWidth,
} from '../../renderer/src/graph/geometry';
import { ROOT_GAP } from '../../renderer/src/graph/lane-layout';
import { e2eMissing, startE2E, type E2E } from './harness';
import { commitOn, makeHistory, short, showView } from './history';

const missing = e2eMissing();

interface GraphRow {
  root: string;
  row: number;
  lane: number;
  text: string;
}

/** The commit rows the graph shows, as the DOM carries them. */
function graphRows(page: Page): Promise<GraphRow[]> {
  return page.$$eval('[data-testid^="graph-node-"]', (elements) =>
    elements.map((e) => ({
      root: e.getAttribute('data-root') ?? '',
      row: Number(e.getAttribute('data-row')),
      lane: Number(e.getAttribute('data-lane')),
      text: e.textContent ?? '',
    })),
  );
}

/** A state on genesis (a root): the counter deployed and incremented `increments` times. */
async function genesisState(
  service: InspectorService,
  label: string,
  increments: number,
): Promise<{ node: CommitNode; counter: string }> {
  const session = await service.openSession({ name: label });
  const deployed = await service.deploy({
    session: session.id,
    source: { kind: 'sample', name: 'counter' },
  });
  if (!deployed.ok || deployed.contractId === undefined)
    throw new Error(`deploy failed: ${deployed.error?.message}`);
  for (let i = 0; i < increments; i++)
    await service.call({ session: session.id, contract: deployed.contractId, fn: 'increment' });
  return {
    node: await service.commit({ session: session.id, label }),
    counter: deployed.contractId,
  };
}

/** Counts the painted canvas pixels in a rectangle of CSS pixels (x, y, width, height). */
function paintedPixels(page: Page, x: number, y: number, w: number, h: number): Promise<number> {
  return page.evaluate(
    ([x, y, w, h]) => {
      const canvas = document.querySelector<HTMLCanvasElement>(
        '[data-testid="graph-canvas"] canvas',
      )!;
      const dpr = canvas.width / canvas.clientWidth;
      const data = canvas
        .getContext('2d')!
        .getImageData(
          Math.round(x * dpr),
          Math.round(y * dpr),
          Math.round(w * dpr),
          Math.round(h * dpr),
        ).data;
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
      return painted;
    },
    [x, y, w, h],
  );
}

/** Where a commit's node is on the canvas at 100 % with the newest commit at the top. */
const nodeX = (lane: number): number => GRAPH_PADDING + lane * LANE_WIDTH;
const nodeY = (row: number): number => row * ROW_HEIGHT + ROW_HEIGHT / 2;

describe.skipIf(missing !== undefined)('commit graph: layout in the browser', () => {
  let e2e: E2E;
  let stores = 0;

  beforeAll(async () => {
    e2e = await startE2E();
    await showView(e2e.page, 'graph');
  });
  afterAll(async () => {
    await e2e?.close();
  });

  /** A fresh, empty store, opened as the workspace; the graph shows it at 100 % from the top. */
  async function freshStore(): Promise<void> {
    await e2e.service.newWorkspace({
      path: join(dirname(e2e.storePath), `layout-${stores++}.pis`),
    });
    await e2e.page.getByTestId('graph-empty').waitFor();
    await e2e.page.getByTestId('graph-zoom-reset').click();
  }

  const node = (root: string) => e2e.page.getByTestId(`graph-node-${short(root)}`);

  /** Every root (a commit with no parent in the graph) has its lane to itself for ROOT_GAP rows below it. */
  function expectRootsStandApart(rows: GraphRow[], roots: string[]): void {
    for (const root of roots) {
      const r = rows.find((x) => x.root === root)!;
      const below = rows.filter(
        (x) => x.lane === r.lane && x.row > r.row && x.row <= r.row + ROOT_GAP,
      );
      expect(
        below.map((x) => x.text),
        `commits right below ${short(root)} in its lane`,
      ).toEqual([]);
    }
  }

  test('lanes stay where they are as commits land', async () => {
    await freshStore();
    const h = await makeHistory(e2e.service);
    for (const c of [h.base, h.left, h.right]) await node(c.root).waitFor();
    const lanes = async (): Promise<Record<string, number>> =>
      Object.fromEntries((await graphRows(e2e.page)).map((r) => [r.root, r.lane]));
    const before = await lanes();

    // A commit on the older branch: before, the branches swapped lanes here.
    const left2 = await commitOn(e2e.service, h.left.root, 'left 2', h.counter, 3);
    await node(left2.root).waitFor();
    const after = await lanes();
    expect(after).toMatchObject(before);
    expect(after[left2.root]).toBe(before[h.left.root]);

    const right2 = await commitOn(e2e.service, h.right.root, 'right 2', h.counter, 3);
    await node(right2.root).waitFor();
    expect(await lanes()).toMatchObject(after);
  });

  test('the same state committed under two labels shows both labels on its one commit', async () => {
    await freshStore();
    const h = await makeHistory(e2e.service);
    await node(h.left.root).waitFor();
    const lanesBefore = (await graphRows(e2e.page)).map((r) => [r.root, r.lane]);

    // One increment on "deployed" is exactly the state "left" holds: the same root.
    const again = await commitOn(e2e.service, h.base.root, 'left again', h.counter, 1);
    expect(again.root).toBe(h.left.root);
    await expect.poll(() => node(h.left.root).textContent()).toContain('left again');
    expect(await node(h.left.root).textContent()).toContain('left');
    expect(await e2e.page.getByTestId('graph-count').textContent()).toContain('3 commits');
    expect((await graphRows(e2e.page)).map((r) => [r.root, r.lane])).toEqual(lanesBefore);

    await node(h.left.root).click();
    expect(await e2e.page.getByTestId('commit-details-labels').textContent()).toBe(
      'left · left again',
    );
    await e2e.screenshot('graph-two-labels');
    await e2e.page.getByTestId('graph-clear-selection').click();
  });

  test('unrelated histories never share a lane so that they read as one line', async () => {
    await freshStore();
    const { node: deployed, counter } = await genesisState(e2e.service, 'deployed', 0);
    const onDeployed = await commitOn(e2e.service, deployed.root, 'on deployed', counter, 1);
    // A second history from genesis: nothing links it to the first.
    const { node: other } = await genesisState(e2e.service, 'other history', 5);
    const onOther = await commitOn(e2e.service, other.root, 'on other', counter, 1);
    await node(onOther.root).waitFor();
    const rows = await graphRows(e2e.page);
    expect(rows).toHaveLength(4);
    expectRootsStandApart(rows, [deployed.root, other.root]);
    expect(rows.find((r) => r.root === other.root)!.lane).not.toBe(
      rows.find((r) => r.root === onDeployed.root)!.lane,
    );

    // On the canvas: a flat base under the second root, and nothing in its lane below it.
    const root = rows.find((r) => r.root === other.root)!;
    const [x, y] = [nodeX(root.lane), nodeY(root.row)];
    expect(await paintedPixels(e2e.page, x - 6, y + NODE_RADIUS + 2, 12, 3)).toBeGreaterThan(0);
    expect(
      await paintedPixels(e2e.page, x - 2, y + NODE_RADIUS + 6, 4, ROOT_GAP * ROW_HEIGHT),
    ).toBe(0);
    await e2e.screenshot('graph-unrelated-chains');
  });

  test('a commit whose parent was deleted stands apart, its stub ending in a "parent deleted" mark', async () => {
    await freshStore();
    const h = await makeHistory(e2e.service);
    const right2 = await commitOn(e2e.service, h.right.root, 'right 2', h.counter, 1);
    const right3 = await commitOn(e2e.service, right2.root, 'right 3', h.counter, 1);
    await node(right3.root).waitFor();
    await e2e.service.deleteCommit({ root: right2.root });
    await expect.poll(() => node(right2.root).count()).toBe(0);

    const orphan = node(right3.root);
    await expect.poll(() => orphan.textContent()).toContain('parent deleted');
    expect(await orphan.locator('.badge.orphan').getAttribute('title')).toMatch(
      /parent commit was deleted/,
    );
    const rows = await graphRows(e2e.page);
    expectRootsStandApart(rows, [right3.root]);

    // The stub ends in a cross within the row, and nothing is drawn below it in its lane.
    const r = rows.find((x) => x.root === right3.root)!;
    const [x, y] = [nodeX(r.lane), nodeY(r.row)];
    const stubEnd = y + NODE_RADIUS + 2 + Math.min(ROW_HEIGHT * 0.75, 18);
    expect(await paintedPixels(e2e.page, x - 4, stubEnd - 7, 8, 7)).toBeGreaterThan(8);
    expect(
      await paintedPixels(e2e.page, x - 2, stubEnd + 2, 4, (ROOT_GAP + 1) * ROW_HEIGHT - 36),
    ).toBe(0);
    await e2e.screenshot('graph-orphans');
  });

  test('Fit keeps a history that fits at 100 %, and a long one readable; +/− keep the lanes at the left', async () => {
    await freshStore();
    const h = await makeHistory(e2e.service);
    await node(h.right.root).waitFor();
    const page = e2e.page;
    const viewport = page.getByTestId('graph-canvas');
    /** The zoom as the rows show it: scale, and where the lanes start on screen. */
    const view = async (): Promise<{ k: number; lanesLeft: number }> => {
      const rows = await graphRows(page);
      // No row text at all: rows are too short to read (the graph hides it below 14 px).
      if (rows.length === 0) return { k: 0, lanesLeft: Number.NaN };
      const lanes = Math.max(...rows.map((r) => r.lane)) + 1;
      const box = (await node(rows[0].root).boundingBox())!;
      const origin = (await viewport.boundingBox())!;
      const k = box.height / ROW_HEIGHT;
      // The text column starts right after the lanes: translate = its left − its world x · k.
      const tx = box.x - origin.x - (lanesWidth(lanes) + 4) * k;
      return { k, lanesLeft: tx + GRAPH_PADDING * k };
    };

    /** Clicks a zoom button and waits for the rows to show the new scale. */
    const press = async (action: 'in' | 'out' | 'fit') => {
      const before = await view();
      await page.getByTestId(`graph-zoom-${action}`).click();
      await expect.poll(async () => (await view()).k).not.toBeCloseTo(before.k, 3);
      return { before, after: await view() };
    };

    await press('out');
    expect((await press('fit')).after.k).toBeCloseTo(1, 2); // not shrunk to half size

    // At the smallest window the app supports the text column is wider than the graph's view:
    // zooming around the centre would push the lanes off its left edge.
    await page.setViewportSize({ width: 1024, height: 640 });
    for (const action of ['in', 'in', 'in', 'out', 'out', 'out', 'out'] as const) {
      const { before, after } = await press(action);
      expect(after.lanesLeft, `after zoom ${action}`).toBeGreaterThanOrEqual(0);
      expect(after.lanesLeft).toBeCloseTo((before.lanesLeft * after.k) / before.k, 0);
    }

    // A history taller than the view (made through the API on sessions in this process, which
    // is quicker than one worker each, then opened): Fit keeps the rows readable, from the newest.
    const path = join(dirname(e2e.storePath), 'layout-long.pis');
    const maker = await InspectorService.create({ store: path, sessionMode: 'local' });
    const long = await makeHistory(maker);
    let tip = long.right;
    for (let i = 0; i < 60; i++)
      tip = await commitOn(maker, tip.root, `long ${i}`, long.counter, 1);
    await maker.close();
    await e2e.service.openWorkspace({ path });
    await node(tip.root).waitFor();
    await press('out');
    const fitted = (await press('fit')).after.k;
    expect(fitted).toBeGreaterThanOrEqual(FIT_MIN_SCALE);
    expect(fitted).toBeLessThanOrEqual(1);
    expect(await node(tip.root).isVisible()).toBe(true);
    await e2e.screenshot('graph-fit-long-history');
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});

if (missing !== undefined) console.warn(`e2e skipped: ${missing}`);
