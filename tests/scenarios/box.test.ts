// spec §9.1 (piecrust tests/box.rs)
import { describe, expect, test } from 'vitest';
import { call, deploy, LIMIT, newVm, t } from './support';

describe('box', () => {
  test('BOX-1 box_set_get', async () => {
    const s = (await newVm()).session();
    const id = deploy(s, 'box');
    expect(call(s, id, 'get', t.unit, null, t.option(t.i16))).toBeNull();
    call(s, id, 'set', t.i16, 0x11, t.unit);
    expect(call(s, id, 'get', t.unit, null, t.option(t.i16))).toBe(0x11);
  });

  test('BOX-2 box_set_get_raw', async () => {
    const s = (await newVm()).session();
    const id = deploy(s, 'box');
    const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
    expect(hex(s.callRaw(id, 'get', new Uint8Array(0), LIMIT).data)).toBe('00000000');
    s.callRaw(id, 'set', new Uint8Array([0x11, 0x00]), LIMIT);
    expect(hex(s.callRaw(id, 'get', new Uint8Array(0), LIMIT).data)).toBe('01001100');
  });
});
