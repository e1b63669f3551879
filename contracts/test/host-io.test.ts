/**
 * Events, feeds, metadata, owners, host queries and gas reporting against the mock host
 * (EVENT-*, FEED-*, EVEREST-*, META-*, DEBUG-1, HOST-*, SPEND-6), plus the wasm64 and OLD-ABI modules.
 */
import { blake3 } from 'hash-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, failure, i64At, id, idArg, wasm } from './harness';
import { HostError, MockHost, hex } from './mock-host';
import { encode, Reader, str, u32, u64, vecU8 } from './rkyv';

beforeAll(ensureBuilt);

describe('events, feeds, metadata, owners', () => {
  it('eventer emits rkyv and raw numbers alike (EVENT-1)', () => {
    const vm = new MockHost();
    const e = vm.deploy(wasm('eventer'));
    vm.call(e, 'emit_events', encode(u32(5)));
    vm.call(e, 'emit_events_raw', encode(u32(5)));
    expect(vm.events.map((ev) => `${ev.topic}:${hex(ev.data)}`)).toEqual(
      [0, 1, 2, 3, 4, 0, 1, 2, 3, 4].map((i) => `number:0${i}000000`),
    );
    const spent = new Reader(vm.call(e, 'emit_input', encode(vecU8(new Uint8Array(100).fill(1)))));
    expect(spent.view.getBigUint64(8, true)).toBeGreaterThan(spent.view.getBigUint64(0, true));
    expect(hex(vm.events.at(-1)!.data)).toBe('01'.repeat(100) + '9cffffff64000000');
  });

  it('feeder feeds numbers, and fails without a feeder (FEED-1/2)', () => {
    const vm = new MockHost();
    const f = vm.deploy(wasm('feeder'));
    const chunks: string[] = [];
    vm.feeder = (c) => chunks.push(hex(c));
    vm.call(f, 'feed_num', encode(u32(3)));
    vm.call(f, 'feed_num_raw', encode(u32(2)));
    expect(chunks).toEqual(['00000000', '01000000', '02000000', '00000000', '01000000']);
    vm.feeder = undefined;
    expect(failure(() => vm.call(f, 'feed_num', encode(u32(3)))).kind).toBe('MissingFeed');
  });

  it('everest reads the height metadata (EVEREST-1/2)', () => {
    const vm = new MockHost();
    const e = vm.deploy(wasm('everest'));
    expect(hex(vm.call(e, 'get_height'))).toBe('00'.repeat(16));
    vm.meta.set('height', encode(u64(29000)));
    expect(hex(vm.call(e, 'get_height'))).toBe('01000000000000004871000000000000');
  });

  it('metadata reports owners and ids, and checks owner lengths (META-1/2/3)', () => {
    const vm = new MockHost();
    const m1 = vm.deploy(wasm('metadata'), { id: id(1), owner: new Uint8Array(33).fill(3) });
    const m2 = vm.deploy(wasm('metadata'), { id: id(2), owner: new Uint8Array(33).fill(4) });
    expect(hex(vm.call(m1, 'read_owner'))).toBe('03'.repeat(33));
    expect(hex(vm.call(m1, 'read_id'))).toBe(hex(m1));
    expect(hex(vm.call(m1, 'read_owner_of', idArg(m2)))).toBe('01' + '04'.repeat(33));
    expect(hex(vm.call(m1, 'read_owner_of', idArg(id(3))))).toBe('00'.repeat(34));
    expect(failure(() => vm.call(m1, 'read_owner_wrong_n')).detail).toBe(
      'assertion `left == right` failed: self_owner: N (32) does not match host owner length (33)\n  left: 33\n right: 32',
    );
    expect(failure(() => vm.call(m1, 'read_owner_of_wrong_n', idArg(m1))).detail).toContain(
      'does not match host owner length',
    );
    expect(hex(vm.call(m1, 'read_owner_of_wrong_n', idArg(id(3))))).toBe('00'.repeat(33));
  });

  it('debugger logs its argument (DEBUG-1)', () => {
    const vm = new MockHost();
    const d = vm.deploy(wasm('debugger'));
    vm.call(d, 'debug', encode(str('Hello world')));
    expect(vm.debugLog).toEqual(['What a string! Hello world']);
  });

  it('counter64 uses every pointer-taking import with wasm64 types', async () => {
    const vm = new MockHost();
    const c = vm.deploy(wasm('counter64'), { owner: new Uint8Array(33).fill(7) });
    const counter = vm.deploy(wasm('counter'));
    vm.call(c, 'increment');
    expect(i64At(vm.call(c, 'read_value'))).toBe(0xfdn);
    vm.call(c, 'emit_one');
    expect(vm.events.map((e) => [e.topic, hex(e.data)])).toEqual([['x', '01020304']]);
    vm.meta.set('height', encode(u64(7)));
    expect(hex(vm.call(c, 'read_meta'))).toBe('0700000000000000');
    expect(hex(vm.call(c, 'read_owner'))).toBe('07'.repeat(33));
    expect(hex(vm.call(c, 'read_self'))).toBe(hex(c));
    expect(vm.call(c, 'read_caller').length).toBe(0);
    vm.queries.set('hash', (arg) => Buffer.from(arg));
    expect(hex(vm.call(c, 'query', Uint8Array.of(1, 2)))).toBe('0102');
    expect(i64At(vm.call(c, 'call_read_value', counter))).toBe(0xfcn);
  });

  it('old_caller writes a zero id without a caller (OLD ABI)', () => {
    const vm = new MockHost({ oldCallerAbi: true });
    const a = vm.deploy(wasm('old_caller'));
    const b = vm.deploy(wasm('old_caller'));
    expect(hex(vm.call(a, 'return_caller'))).toBe('00'.repeat(32));
    expect(hex(vm.call(a, 'call_other', b))).toBe(hex(a));
  });
});

describe('host queries (HOST-*)', () => {
  it('hashes, verifies and propagates host-query panics', async () => {
    const vm = new MockHost();
    const input = Uint8Array.of(0, 1, 2);
    const digest = await blake3(input);
    // Queries are synchronous and hash-wasm is not: the only input hashed here is known up front.
    vm.queries.set('hash', (arg) => {
      expect(hex(new Reader(arg).vec(arg.length - 8))).toBe(hex(input));
      return Buffer.from(digest, 'hex');
    });
    vm.queries.set('verify_proof', (arg) =>
      Uint8Array.of(new Reader(arg).vec(arg.length - 8)[0] === 1 ? 1 : 0),
    );
    vm.queries.set('very_expensive', () => {
      throw new HostError('Panic', 'host query panicked');
    });
    const host = vm.deploy(wasm('host'));
    expect(hex(vm.call(host, 'host_hash', encode(vecU8(Uint8Array.of(0, 1, 2)))))).toBe(
      await blake3(Uint8Array.of(0, 1, 2)),
    );
    const verdict = (proof: number): string => {
      const r = new Reader(vm.call(host, 'host_verify', encode(vecU8(Uint8Array.of(proof)))));
      return r.str(r.root(8));
    };
    expect(verdict(1)).toBe('PROOF IS VALID');
    expect(verdict(0)).toBe('PROOF IS INVALID');
    expect(failure(() => vm.call(host, 'host_very_expensive')).detail).toBe('host query panicked');
    const caller = vm.deploy(wasm('host'), { id: id(1) });
    const r = new Reader(vm.call(caller, 'delegate_host_very_expensive', idArg(host)));
    expect(r.contractError(r.root(16))).toBe('Panic("host query panicked")');
  });
});

describe('spender (SPEND-6 relations)', () => {
  it('reports its limit and the nested frame limit', () => {
    const vm = new MockHost();
    const s = vm.deploy(wasm('spender'));
    const r = new Reader(vm.call(s, 'get_limit_and_spent', new Uint8Array(), 10_000n));
    const [limit, before, after, calledLimit, calledSpent] = [0, 8, 16, 24, 32].map((o) =>
      r.view.getBigUint64(o, true),
    );
    expect(limit).toBe(10_000n);
    expect(before! < after!).toBe(true);
    expect(calledLimit).toBeLessThan(10_000n);
    expect(calledSpent).toBeGreaterThan(0n);
    expect(failure(() => vm.call(s, 'spend')).detail).toBe('I like spending');
  });
});
