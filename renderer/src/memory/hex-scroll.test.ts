import { describe, expect, test } from 'vitest';
import { clampTopRow, maxTopRow, topRowToReveal, wheelRows } from './hex-scroll';

describe('the hex view moves by rows', () => {
  test('a wheel notch is its pixels at the row height, a line a row, a page a viewport', () => {
    expect(wheelRows(120, 0, 20, 40)).toBe(6);
    expect(wheelRows(-3, 0, 20, 40)).toBeCloseTo(-0.15);
    expect(wheelRows(3, 1, 20, 40)).toBe(3);
    expect(wheelRows(1, 2, 20, 40)).toBe(40);
  });

  test('the top row stays between the first row and the last row at the bottom', () => {
    expect(maxTopRow(16_777_216, 40.5)).toBe(16_777_216 - 40.5);
    expect(clampTopRow(-5, 1000, 40)).toBe(0);
    expect(clampTopRow(10_000, 1000, 40)).toBe(960);
    expect(clampTopRow(12.25, 1000, 40)).toBe(12.25);
    expect(maxTopRow(10, 40)).toBe(0);
  });

  test('a row in view stays; a jump centres it; a cursor key moves just enough', () => {
    expect(topRowToReveal(120, 100, 40, 'center')).toBe(100);
    expect(topRowToReveal(139, 100, 40, 'nearest')).toBe(100);
    expect(topRowToReveal(5000, 100, 40, 'center')).toBe(5000 - 20 + 0.5);
    expect(topRowToReveal(140, 100, 40, 'nearest')).toBe(101);
    expect(topRowToReveal(99, 100, 40, 'nearest')).toBe(99);
    // A row half hidden at the bottom is not in view.
    expect(topRowToReveal(139, 100, 39.5, 'nearest')).toBe(100.5);
  });
});
