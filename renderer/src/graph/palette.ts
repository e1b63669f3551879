/**
 * Canvas colours come from CSS custom properties (defined with the graph's styles, light and
 * dark), read once per theme change so the painter never touches the DOM's styles per frame.
 */
export interface GraphPalette {
  lanes: string[];
  node: string;
  band: string;
  selected: string;
  focus: string;
  match: string;
  dimmed: number;
}

export const LANE_COLOURS = 8;

const FALLBACK: GraphPalette = {
  lanes: ['#2f6fde', '#1a9e6a', '#c2571a', '#8a4fd8', '#d03b6a', '#0f8ea8', '#a68a00', '#5d6b82'],
  node: '#ffffff',
  band: 'rgba(47, 111, 222, 0.12)',
  selected: '#2f6fde',
  focus: '#f59f00',
  match: 'rgba(245, 159, 0, 0.35)',
  dimmed: 0.22,
};

export function readPalette(element: Element): GraphPalette {
  const style = getComputedStyle(element);
  const get = (name: string, fallback: string): string =>
    style.getPropertyValue(name).trim() || fallback;
  return {
    lanes: FALLBACK.lanes.map((colour, i) => get(`--graph-lane-${i}`, colour)),
    node: get('--graph-node-ring', FALLBACK.node),
    band: get('--graph-selected-band', FALLBACK.band),
    selected: get('--graph-selected', FALLBACK.selected),
    focus: get('--graph-focus', FALLBACK.focus),
    match: get('--graph-match', FALLBACK.match),
    dimmed: Number(get('--graph-dimmed-alpha', String(FALLBACK.dimmed))),
  };
}

export function laneColour(palette: GraphPalette, lane: number): string {
  return palette.lanes[lane % palette.lanes.length];
}
