import { expect, test } from 'vitest';
import { droppedFileKind } from './dropped-file';

test('a dropped file is routed by its extension, case aside', () => {
  expect(droppedFileKind('counter.wasm')).toBe('contract');
  expect(droppedFileKind('STATE.PIS')).toBe('store');
  expect(droppedFileKind('sessions.json')).toBe('script');
  expect(droppedFileKind('notes.txt')).toBeUndefined();
  expect(droppedFileKind('wasm')).toBeUndefined();
  expect(droppedFileKind('counter.wasm.bak')).toBeUndefined();
});
