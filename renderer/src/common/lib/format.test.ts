import { expect, test } from 'vitest';
import { baseName, compactGas, formatAgo, formatBytes, formatGas, plural } from './format';

test('numbers as the UI shows them', () => {
  expect(formatGas('1176')).toBe('1,176');
  expect(formatGas('18446744073709551615')).toBe('18,446,744,073,709,551,615');
  expect(formatGas(undefined)).toBe('—');
  expect(compactGas('43')).toBe('43');
  expect(compactGas('1176')).toBe('1.2k');
  expect(compactGas('929999418')).toBe('930M');
  expect(formatBytes(131072)).toBe('128 KiB');
  expect(formatBytes(2 ** 32)).toBe('4 GiB');
  expect(formatBytes(1536)).toBe('1.5 KiB');
  expect(formatBytes(12)).toBe('12 B');
  expect(formatAgo(0, 10_000)).toBe('just now');
  expect(formatAgo(0, 5 * 60_000)).toBe('5 min ago');
  expect(plural(1, 'call')).toBe('1 call');
  expect(plural(3, 'call')).toBe('3 calls');
  expect(baseName('/tmp/x/state.pis')).toBe('state.pis');
});
