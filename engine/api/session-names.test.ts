import { describe, expect, test } from 'vitest';
import { defaultSessionName } from './session-names';

const ROOT = 'ab12cd34ef56'.padEnd(64, '0');

describe('the name of a session opened without one', () => {
  test('says what it starts from: the commit’s label, else its short root, or genesis', () => {
    expect(defaultSessionName({ root: ROOT, label: 'deployed' }, [])).toBe('on deployed');
    expect(defaultSessionName({ root: ROOT, label: '  ' }, [])).toBe('on ab12cd34');
    expect(defaultSessionName(null, [])).toBe('on genesis');
  });

  test('is numbered when an open session already has the name, never an internal id', () => {
    const taken = ['on deployed', 'on deployed (2)', 's1'];
    expect(defaultSessionName({ root: ROOT, label: 'deployed' }, taken)).toBe('on deployed (3)');
    expect(defaultSessionName(null, ['on deployed'])).toBe('on genesis');
    expect(defaultSessionName(null, ['on genesis'])).not.toMatch(/^s\d+$/);
  });
});
