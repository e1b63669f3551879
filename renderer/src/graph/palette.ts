/**
 * Canvas colours come from CSS custom properties (graph/theme.css), resolved once per theme
 * change so the painter never touches the DOM's styles per frame. The properties hold
 * `light-dark(…)` pairs, which only a colour property resolves: a hidden probe element takes each
 * one as its `color` and reports the computed rgb().
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
  const probe = document.createElement('span');
  probe.style.display = 'none';
  element.appendChild(probe);
  const get = (name: string, fallback: string): string => {
    if (style.getPropertyValue(name).trim() === '') return fallback;
    probe.style.color = `var(${name})`;
    return getComputedStyle(probe).color || fallback;
  };
  const palette = {
    lanes: FALLBACK.lanes.map((colour, i) => get(`--graph-lane-${i}`, colour)),
    node: get('--graph-node-ring', FALLBACK.node),
    band: get('--graph-selected-band', FALLBACK.band),
    selected: get('--graph-selected', FALLBACK.selected),
    focus: get('--graph-focus', FALLBACK.focus),
    match: get('--graph-match', FALLBACK.match),
    dimmed: Number(style.getPropertyValue('--graph-dimmed-alpha').trim() || FALLBACK.dimmed),
  };
  probe.remove();
  return palette;
}

export function laneColour(palette: GraphPalette, lane: number): string {
  return palette.lanes[lane % palette.lanes.length];
}
