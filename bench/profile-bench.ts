/**
 * The gas profiler's cost (issue 13):
 *
 * - `profile_overhead_ratio`: median time of a profiled call (`profileCall`: the profiling
 *   modules, a host hook at every function entry and exit, the profile built) ÷ median time of
 *   the same call unprofiled (`callRaw`), same contract, same argument (fibonacci.nth(15): about
 *   2,000 function invocations, the profiler's worst case of many small calls), both warm,
 *   measured alternately in one run on one session.
 */
import { readFileSync } from 'node:fs';
import { encode, t } from '../engine/rkyv';
import { profileCall } from '../engine/profile/profile-call';
import { createVm } from '../engine/vm/vm';
import { nowNs, report } from './measure';

const RUNS = 200;
const WARMUP = 20;

const median = (samples: number[]): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
};

export async function profileBench(): Promise<void> {
  const bytes = new Uint8Array(
    readFileSync(new URL('../contracts/build/fibonacci.wasm', import.meta.url)),
  );
  const vm = await createVm();
  const session = vm.session();
  const { contractId } = session.deploy(bytes, { owner: new Uint8Array(32) }, 1_000_000n);
  const arg = encode(t.u32, 15);
  const gas = 1n << 40n;
  const plain: number[] = [];
  const profiled: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    let start = nowNs();
    session.callRaw(contractId, 'nth', arg, gas);
    const plainNs = Number(nowNs() - start);
    start = nowNs();
    profileCall(session, contractId, 'nth', arg, gas);
    const profiledNs = Number(nowNs() - start);
    if (i < WARMUP) continue;
    plain.push(plainNs);
    profiled.push(profiledNs);
  }
  session.close();
  report('profile_overhead_ratio', median(profiled) / median(plain));
}
