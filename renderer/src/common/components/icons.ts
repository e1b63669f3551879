/**
 * Line icons (24×24, stroked) as path data, drawn by AppIcon. Kept as data rather than SVG
 * markup so no v-html is needed.
 */

const circle = (cx: number, cy: number, r: number): string =>
  `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;

export const ICONS = {
  plus: ['M12 5v14', 'M5 12h14'],
  x: ['M18 6 6 18', 'M6 6l12 12'],
  play: ['M7 4.5v15l12-7.5Z'],
  stop: ['M7 7h10v10H7Z'],
  chevronRight: ['m9 18 6-6-6-6'],
  chevronLeft: ['m15 18-6-6 6-6'],
  chevronDown: ['m6 9 6 6 6-6'],
  chevronUp: ['m18 15-6-6-6 6'],
  stepInto: ['M12 3v11', 'm8 10 4 4 4-4', circle(12, 20, 1.6)],
  stepOut: ['M12 16V5', 'm8 9 4-4 4 4', circle(12, 20, 1.6)],
  stepOver: ['M4 13a8 8 0 0 1 15.3-3.2', 'M20 4.5v5.5h-5.5', circle(12, 19, 1.6)],
  first: ['M18 19 9 12l9-7Z', 'M6 5v14'],
  last: ['M6 5l9 7-9 7Z', 'M18 5v14'],
  sun: [
    circle(12, 12, 4),
    'M12 2v2',
    'M12 20v2',
    'm4.9 4.9 1.4 1.4',
    'm17.7 17.7 1.4 1.4',
    'M2 12h2',
    'M20 12h2',
    'm6.3 17.7-1.4 1.4',
    'm19.1 4.9-1.4 1.4',
  ],
  moon: ['M12 3a6 6 0 0 0 9 9 9 9 0 1 1-9-9Z'],
  monitor: [
    'M4 4h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1Z',
    'M8 20h8',
    'M12 16v4',
  ],
  search: [circle(11, 11, 7), 'm20 20-4-4'],
  keyboard: [
    'M4 6h16a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2Z',
    'M6 10h.01',
    'M10 10h.01',
    'M14 10h.01',
    'M18 10h.01',
    'M7 14h10',
  ],
  database: [
    'M3 5c0-1.7 4-3 9-3s9 1.3 9 3-4 3-9 3-9-1.3-9-3Z',
    'M3 5v14c0 1.7 4 3 9 3s9-1.3 9-3V5',
    'M3 12c0 1.7 4 3 9 3s9-1.3 9-3',
  ],
  commit: [circle(12, 12, 3.2), 'M3 12h5.8', 'M15.2 12H21'],
  contract: ['M21 8 12 3 3 8v8l9 5 9-5Z', 'm3 8 9 5 9-5', 'M12 13v8'],
  upload: ['M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4', 'm17 8-5-5-5 5', 'M12 3v12'],
  download: ['M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4', 'm7 10 5 5 5-5', 'M12 15V3'],
  copy: [
    'M10 9h10a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H10a1 1 0 0 1-1-1V10a1 1 0 0 1 1-1Z',
    'M5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1',
  ],
  trash: ['M3 6h18', 'M8 6V4h8v2', 'M19 6l-1 14H6L5 6'],
  zap: ['M13 2 3 14h9l-1 8 10-12h-9Z'],
  layers: ['M12 2 2 7l10 5 10-5Z', 'm2 17 10 5 10-5', 'm2 12 10 5 10-5'],
  list: ['M8 6h13', 'M8 12h13', 'M8 18h13', 'M3 6h.01', 'M3 12h.01', 'M3 18h.01'],
  graph: [
    circle(6, 6, 2.5),
    circle(6, 18, 2.5),
    circle(18, 8, 2.5),
    'M6 8.5v7',
    'M18 10.5c0 4-6 3-10.5 6',
  ],
  flame: [
    'M8.5 14.5A2.5 2.5 0 0 0 11 12c0-1.38-.5-2-1-3-1.07-2.14-.22-4.05 2-6 .5 2.5 2 4.9 4 6.5 2 1.6 3 3.5 3 5.5a7 7 0 1 1-14 0c0-1.15.43-2.29 1-3a2.5 2.5 0 0 0 2.5 2.5z',
  ],
  diff: ['M12 3v10', 'M7 8h10', 'M7 19h10'],
  alert: [circle(12, 12, 9.5), 'M12 7.5v5.5', 'M12 16.5h.01'],
  check: ['M20 6 9 17l-5-5'],
  info: [circle(12, 12, 9.5), 'M12 16v-5', 'M12 8h.01'],
  file: ['M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8Z', 'M14 2v6h6'],
  arrowRight: ['M5 12h14', 'm12 5 7 7-7 7'],
  refresh: ['M21 12a9 9 0 1 1-2.6-6.4L21 8', 'M21 3v5h-5'],
  folder: [
    'M4 20h16a2 2 0 0 0 2-2V8a2 2 0 0 0-2-2h-7.9a2 2 0 0 1-1.7-.9l-.8-1.2A2 2 0 0 0 7.9 3H4a2 2 0 0 0-2 2v13a2 2 0 0 0 2 2Z',
  ],
  script: [
    'M8 4h10a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H6',
    'M8 4a2 2 0 0 0-2 2v14',
    'M10 9h6',
    'M10 13h6',
  ],
  target: [circle(12, 12, 9), circle(12, 12, 3)],
} as const;

export type IconName = keyof typeof ICONS;
