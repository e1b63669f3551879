import { describe, expect, test } from 'vitest';
import { graphKeyAction } from './graph-keys';

describe('graphKeyAction', () => {
  test('arrows and pages move the selection, clamped to the graph', () => {
    expect(graphKeyAction('ArrowDown', false, 3, 10, 5)).toEqual({ kind: 'select', row: 4 });
    expect(graphKeyAction('ArrowUp', false, 0, 10, 5)).toEqual({ kind: 'select', row: 0 });
    expect(graphKeyAction('PageDown', false, 8, 10, 5)).toEqual({ kind: 'select', row: 9 });
    expect(graphKeyAction('ArrowDown', false, -1, 10, 5)).toEqual({ kind: 'select', row: 0 });
    expect(graphKeyAction('End', false, 2, 10, 5)).toEqual({ kind: 'select', row: 9 });
    expect(graphKeyAction('Home', false, 2, 0, 5)).toBeUndefined();
  });

  test('zoom keys, and the menu only with a selection', () => {
    expect(graphKeyAction('+', false, -1, 10, 5)).toEqual({ kind: 'zoom', factor: 1.25 });
    expect(graphKeyAction('-', false, -1, 10, 5)).toEqual({ kind: 'zoom', factor: 0.8 });
    expect(graphKeyAction('F10', true, 2, 10, 5)).toEqual({ kind: 'menu' });
    expect(graphKeyAction('F10', false, 2, 10, 5)).toBeUndefined();
    expect(graphKeyAction('ContextMenu', false, -1, 10, 5)).toBeUndefined();
    expect(graphKeyAction('x', false, 2, 10, 5)).toBeUndefined();
  });
});
