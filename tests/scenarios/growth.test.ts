// spec §9.16 (piecrust tests/growth.rs)
import { describe, expect, test } from 'vitest';
import { deploy, expectError, newVm } from './support';

const LIMIT = 80_000_000n;
const u32le = (...values: number[]): Uint8Array => {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setUint32(i * 4, v, true));
  return out;
};

describe('growth', () => {
  test('GROW-1 grow_a_bunch: 16 MiB of state survives a commit', async () => {
    const vm = await newVm();
    const s = vm.session();
    const id = deploy(s, 'grower');
    const initial = s.memoryLen(id)!;
    for (let b = 0; b <= 255; b++) s.callRaw(id, 'append', new Uint8Array(65536).fill(b), LIMIT);
    expect(s.memoryLen(id)! - initial).toBeGreaterThanOrEqual(256 * 65536);
    const r = await s.commit();
    const s2 = vm.session({ base: r });
    for (let b = 0; b <= 255; b++) {
      const view = s2.callRaw(id, 'view', u32le(b * 65536, 65536), LIMIT).data;
      expect(view.length).toBe(65536);
      expect(
        view.every((x) => x === b),
        `chunk ${b}`,
      ).toBe(true);
    }
  });

  test('GROW-2 error_reverts_growth', async () => {
    const vm = await newVm();
    const s = vm.session();
    const e = vm.session();
    const id = deploy(s, 'grower');
    expect(deploy(e, 'grower')).toBe(id);
    const initial = s.memoryLen(id)!;
    s.callRaw(id, 'append', new Uint8Array(65536).fill(42), LIMIT);
    expectError(
      () => e.callRaw(id, 'append_and_panic', new Uint8Array(65536).fill(42), LIMIT),
      'Panic',
      'isded',
    );
    expect(Buffer.from(e.callRaw(id, 'len', new Uint8Array(0), LIMIT).data).toString('hex')).toBe(
      '00000000',
    );
    expect(s.memoryLen(id)!).toBeGreaterThan(initial);
    expect(e.memoryLen(id)).toBe(initial);
  });
});
