// The gas profile of a call adds up to its gasSpent exactly, on every export of every sample
// contract, and profiling changes nothing: the same call on a twin session from the same base,
// unprofiled, has the same result, gas, events and state root.
import { beforeAll, describe, expect, test } from 'vitest';
import { bytecode, deploy, LIMIT, newVm, t } from '../../tests/scenarios/support';
import { SAMPLES } from '../api/samples';
import type { ContractId, Root } from '../core/ids';
import { encode } from '../rkyv';
import { failedCallGasSpent } from '../vm/failed-call-gas';
import type { Session } from '../vm/session';
import type { CallReceipt } from '../vm/types';
import type { Vm } from '../vm/vm';
import { profileCall } from './profile-call';
import { checkProfile, type CallProfile, type ProfileNode } from './profile-tree';

const unit = new Uint8Array(0);

/** Simple arguments of the sample functions that take one (the rest are called with `()`). */
function argumentOf(sample: string, fn: string, ids: Record<string, ContractId>): Uint8Array {
  const args: Record<string, Record<string, Uint8Array>> = {
    box: { set: encode(t.i16, 17) },
    callcenter: {
      query_counter: encode(t.contractId, ids.counter),
      increment_counter: encode(t.contractId, ids.counter),
      call_init: encode(t.contractId, ids.counter),
      calling_self: encode(t.contractId, ids.callcenter),
      call_self_n_times: encode(t.u32, 3),
    },
    eventer: {
      emit_events: encode(t.u32, 3),
      emit_events_raw: encode(t.u32, 3),
      emit_input: encode(t.bytes, new Uint8Array([1, 2, 3])),
      emit_and_mutate: encode(t.u32, 3),
    },
    fibonacci: { nth: encode(t.u32, 10) },
    stack: { push: encode(t.i32, 7) },
    vector: { push: encode(t.i16, 7) },
    fallible_counter: { increment: encode(t.bool, true) },
    metadata: { read_owner_of: encode(t.contractId, ids.counter) },
    crossover: { set_crossover: encode(t.i32, 7) },
    debugger: { debug: encode(t.string, 'hello') },
    grower: { append: new Uint8Array([1, 2, 3]) },
  };
  return args[sample]?.[fn] ?? unit;
}

interface Ran {
  receipt?: CallReceipt;
  error?: string;
  gasSpent: bigint;
}

function plainCall(s: Session, id: ContractId, fn: string, arg: Uint8Array, gas: bigint): Ran {
  try {
    const receipt = s.callRaw(id, fn, arg, gas);
    return { receipt, gasSpent: receipt.gasSpent };
  } catch (e) {
    return { error: (e as Error).message, gasSpent: failedCallGasSpent(e) ?? -1n };
  }
}

function profiledCall(
  s: Session,
  id: ContractId,
  fn: string,
  arg: Uint8Array,
  gas: bigint,
): Ran & { profile: CallProfile } {
  const { receipt, error, profile } = profileCall(s, id, fn, arg, gas);
  if (receipt !== undefined) return { receipt, gasSpent: receipt.gasSpent, profile };
  return { error: (error as Error).message, gasSpent: failedCallGasSpent(error) ?? -1n, profile };
}

const walk = (node: ProfileNode, visit: (n: ProfileNode) => void): void => {
  visit(node);
  for (const child of node.children) walk(child, visit);
};
const nodes = (profile: CallProfile): ProfileNode[] => {
  const all: ProfileNode[] = [];
  walk(profile.root, (n) => all.push(n));
  return all;
};

/** The same call on the profiled and the plain session: everything it did is equal. */
function expectSame(profiled: Ran, plain: Ran): void {
  expect(profiled.error).toEqual(plain.error);
  expect(profiled.gasSpent).toBe(plain.gasSpent);
  expect(profiled.receipt?.data).toEqual(plain.receipt?.data);
  expect(profiled.receipt?.events).toEqual(plain.receipt?.events);
}

let vm: Vm;
let base: Root;
const ids: Record<string, ContractId> = {};

beforeAll(async () => {
  vm = await newVm();
  const s = vm.session();
  for (const { name } of SAMPLES) {
    const initArg = name === 'initializer' ? encode(t.u8, 7) : undefined;
    ids[name] = deploy(s, name, { initArg });
  }
  ids.event_reverter = deploy(s, 'event_reverter');
  base = await s.commit();
});

describe('the profile of a call', () => {
  test('adds up on every export of every sample contract, which runs as it does unprofiled', () => {
    const profiled = vm.session({ base });
    const plain = vm.session({ base });
    let checked = 0;
    for (const { name } of SAMPLES) {
      const module = vm.loadModule(bytecode(name));
      for (const fn of [...module.functions].filter((f) => f !== 'init').sort()) {
        const arg = argumentOf(name, fn, ids);
        const a = profiledCall(profiled, ids[name], fn, arg, LIMIT);
        const b = plainCall(plain, ids[name], fn, arg, LIMIT);
        expectSame(a, b);
        expect(checkProfile(a.profile), `${name}.${fn}`).toEqual([]);
        expect(a.profile.gasSpent).toBe(b.gasSpent);
        expect(a.profile.root.name).toBe(`${ids[name].slice(0, 8)}.${fn}`);
        // The export is the root's function, named by its export name, with its original index.
        const exported = a.profile.root.children.find((c) => c.kind === 'function');
        expect(exported?.name, `${name}.${fn}`).toBe(fn);
        for (const n of nodes(a.profile).filter((x) => x.kind === 'function')) {
          expect(n.funcIndex, n.name).toBeTypeOf('number');
          expect(n.contract, n.name).toMatch(/^[0-9a-f]{64}$/);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(profiled.root()).toBe(plain.root());
    profiled.close();
    plain.close();
  });

  test('an inter-contract call is a contract node holding the callee’s functions', () => {
    const s = vm.session({ base });
    const { profile } = profiledCall(
      s,
      ids.callcenter,
      'increment_counter',
      encode(t.contractId, ids.counter),
      LIMIT,
    );
    expect(checkProfile(profile)).toEqual([]);
    // With all the gas there is (the reserve far beyond a slice), the same figures exactly.
    const allGas = profiledCall(
      s,
      ids.callcenter,
      'increment_counter',
      encode(t.contractId, ids.counter),
      2n ** 64n - 1n,
    );
    expect(checkProfile(allGas.profile)).toEqual([]);
    expect(allGas.gasSpent).toBe(profile.gasSpent);
    expect(allGas.profile.root.children).toEqual(profile.root.children);
    const callee = nodes(profile).find((n) => n.kind === 'contract' && n !== profile.root);
    expect(callee?.name).toBe(`${ids.counter.slice(0, 8)}.increment`);
    expect(callee?.contract).toBe(ids.counter);
    const inner = callee!.children[0];
    expect([inner.kind, inner.name, inner.contract]).toEqual([
      'function',
      'increment',
      ids.counter,
    ]);
    // The callee's frame spent what the journal-free receipt's call tree says it did.
    expect(callee!.total).toBeGreaterThan(0n);
    expect(nodes(profile).filter((n) => n.contract === ids.counter).length).toBeGreaterThan(1);
    s.close();
  });

  test('three calls to itself merge by path, and a host charge is a [host] leaf', () => {
    const s = vm.session({ base });
    const selfCalls = profiledCall(s, ids.callcenter, 'call_self_n_times', encode(t.u32, 3), LIMIT);
    expect(checkProfile(selfCalls.profile)).toEqual([]);
    const depth = (n: ProfileNode): number =>
      Math.max(0, ...n.children.map(depth)) + (n.kind === 'contract' ? 1 : 0);
    expect(depth(selfCalls.profile.root)).toBe(4);

    const events = profiledCall(s, ids.eventer, 'emit_events', encode(t.u32, 3), LIMIT);
    const emit = nodes(events.profile).find((n) => n.name === '[host emit]');
    expect(emit).toMatchObject({ kind: 'host', calls: 3, children: [] });
    expect(emit!.total).toBeGreaterThan(0n);
    expect(emit!.self).toBe(emit!.total);
    expect(events.receipt!.events).toHaveLength(3);
    s.close();
  });

  test('a panic and out of gas: open frames close at the failure, the sums hold', () => {
    const s = vm.session({ base });
    const plain = vm.session({ base });
    const panicArg = encode(t.bool, true);
    const panic = profiledCall(s, ids.fallible_counter, 'increment', panicArg, LIMIT);
    expectSame(panic, plainCall(plain, ids.fallible_counter, 'increment', panicArg, LIMIT));
    expect(panic.error).toMatch(/Panic/);
    expect(panic.gasSpent).toBeGreaterThan(0n);
    expect(panic.gasSpent).toBeLessThan(LIMIT);
    expect(checkProfile(panic.profile)).toEqual([]);

    for (const gas of [1n, 10n, 30n, 200n, 1000n]) {
      const arg = encode(t.u32, 3);
      const out = profiledCall(s, ids.eventer, 'emit_events', arg, gas);
      expectSame(out, plainCall(plain, ids.eventer, 'emit_events', arg, gas));
      expect(out.error).toMatch(/OutOfGas/);
      expect(out.profile.gasSpent).toBe(gas);
      expect(checkProfile(out.profile), `gas ${gas}`).toEqual([]);
    }
    // A callee out of gas and a callee panicking: the caller goes on; the callee's node holds
    // all it was given (a failed call burns its limit): its functions' up to the failure, the
    // rest its own.
    const delegate = t.tuple(t.contractId, t.string, t.bytes);
    const outOfGas = encode(delegate, [ids.fibonacci, 'nth', encode(t.u32, 40)]);
    const panicking = encode(delegate, [
      ids.event_reverter,
      'emit_then_panic',
      encode(t.contractId, ids.eventer),
    ]);
    for (const [fn, arg, callee] of [
      ['delegate_query', outOfGas, `${ids.fibonacci.slice(0, 8)}.nth`],
      ['delegate_query_with_event', panicking, `${ids.event_reverter.slice(0, 8)}.emit_then_panic`],
    ] as const) {
      const nested = profiledCall(s, ids.callcenter, fn, arg, LIMIT);
      expectSame(nested, plainCall(plain, ids.callcenter, fn, arg, LIMIT));
      expect(nested.error).toBeUndefined();
      expect(checkProfile(nested.profile), fn).toEqual([]);
      const node = nodes(nested.profile).find((n) => n.name === callee);
      expect(node?.kind).toBe('contract');
      expect(node!.children.length).toBeGreaterThan(0);
      if (fn === 'delegate_query') expect(node!.self).toBe(0n);
      else expect(node!.self).toBeGreaterThan(0n);
    }
    expect(s.root()).toBe(plain.root());
    s.close();
    plain.close();
  });

  test('a call that fails before it runs has an empty profile of no gas', () => {
    const s = vm.session({ base });
    const missing = profiledCall(s, ids.counter, 'no_such_function', unit, LIMIT);
    expect(missing.error).toMatch(/does not export/);
    expect(missing.profile.root).toMatchObject({ total: 0n, children: [] });
    expect(checkProfile(missing.profile)).toEqual([]);
    s.close();
  });

  test('the tracer in place sits out the profiled call and is back after it', () => {
    const s = vm.session({ base });
    const seen: string[] = [];
    s.setTracer({
      begin: (call) => void seen.push(call.fn),
      instantiate: (_contract, imports) => imports,
      end: () => undefined,
    });
    profiledCall(s, ids.counter, 'increment', unit, LIMIT);
    s.callRaw(ids.counter, 'read_value', unit, LIMIT);
    expect(seen).toEqual(['read_value']);
    s.close();
  });
});
