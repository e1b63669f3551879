import { describe, expect, it } from 'vitest';
import { laneLineWidth } from './graph-painter';

describe('laneLineWidth', () => {
  it('draws zoomed-out lane lines as hairlines (at most 1 px), which a software canvas draws fast', () => {
    for (const k of [0.02, 0.1, 0.3, 0.49]) expect(laneLineWidth(k)).toBeLessThanOrEqual(1);
  });

  it('keeps 2 px lines from half scale up', () => {
    for (const k of [0.5, 1, 3]) expect(laneLineWidth(k)).toBe(2);
  });
});
