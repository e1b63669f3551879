/**
 * A call through the service, as the app makes it: `InspectorService.call` on a worker session
 * (the service's default; the thread runs the engine's TypeScript sources, so the figures follow
 * the code being changed without a build). The call is counter's `increment`: a few instructions
 * and one page written, so what is measured is the service and the thread boundary, not wasm.
 */
import { InspectorService } from '../engine/api/service';
import type { WorkspaceState } from '../engine/api/workspace-state';
import { toContractId } from '../engine/core/ids';
import { resultOf } from '../engine/vm/async-session';
import { report } from './measure';

const GAS = '1000000';
const WARM_CALLS = 2_000;
const MEASURED_CALLS = 500;
const SHORT_HISTORY = 10;
const LONG_HISTORY = 10_000;
const ALTERNATIONS = 100;

export async function callBench(): Promise<void> {
  const service = await InspectorService.create();
  try {
    const open = async (): Promise<{ session: string; contract: string }> => {
      const { id: session } = await service.openSession({});
      const deployed = await service.deploy({
        session,
        source: { kind: 'sample', name: 'counter' },
      });
      return { session, contract: deployed.contractId! };
    };
    const call = async (s: { session: string; contract: string }): Promise<void> => {
      const result = await service.call({ ...s, fn: 'increment', gas: GAS });
      if (!result.ok) throw new Error(`increment failed: ${result.error?.message}`);
    };
    const callsTakingMs = async (
      s: { session: string; contract: string },
      n: number,
    ): Promise<number> => {
      const start = performance.now();
      for (let i = 0; i < n; i++) await call(s);
      return performance.now() - start;
    };

    // call_round_trip_us: mean latency of one call through InspectorService.call on a worker
    // session, warm: after WARM_CALLS unmeasured calls (the contract loaded, both threads' code
    // optimised: a thread's first hundred calls cost about twice as much), over MEASURED_CALLS
    // calls in a row. The session's journal holds 2,001 calls when they start, 2,501 when they
    // end (before one round trip per call, the cost grew with it).
    const trivial = await open();
    await callsTakingMs(trivial, WARM_CALLS);
    report(
      'call_round_trip_us',
      ((await callsTakingMs(trivial, MEASURED_CALLS)) * 1000) / MEASURED_CALLS,
      0,
    );

    // call_history_ratio: median call latency on a worker session with LONG_HISTORY calls in its
    // journal ÷ on one with SHORT_HISTORY calls (the deploy counted). Single calls alternate
    // between the two sessions ALTERNATIONS times, so drift hits both alike. The short one ends
    // with 110 calls, the long one with 10,100. Each session has a thread of its own, and the
    // long one's is the warmer (its code optimised over the 10,000 calls, the short one's over
    // a hundred; unrecorded calls do not warm the same code): a call costs it less, so with no
    // cost of history left the figure reads under 1 (0.5–0.65 here). The history is made
    // through the session handle, not the service: through the service, before one round trip
    // per call, it took time quadratic in its length.
    const short = await open();
    const long = await open();
    await fill(service, short, SHORT_HISTORY - 1);
    await fill(service, long, LONG_HISTORY - 1);
    const shortMs: number[] = [];
    const longMs: number[] = [];
    for (let i = 0; i < ALTERNATIONS; i++) {
      shortMs.push(await callsTakingMs(short, 1));
      longMs.push(await callsTakingMs(long, 1));
    }
    const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1];
    const calls = (await service.listSessions()).find((s) => s.id === long.session)?.calls;
    if (calls !== LONG_HISTORY + ALTERNATIONS)
      throw new Error(`the long session has ${calls} calls, not ${LONG_HISTORY} + measured`);
    report('call_history_ratio', median(longMs) / median(shortMs));
  } finally {
    await service.close();
  }
}

/** Run `n` increments in the session's own handle (the service's bookkeeping left out). */
async function fill(
  service: InspectorService,
  s: { session: string; contract: string },
  n: number,
): Promise<void> {
  const ws = (service as unknown as { ws: WorkspaceState }).ws;
  const handle = ws.sessions.get(s.session)!.handle;
  const contract = toContractId(s.contract);
  for (let i = 0; i < n; i++)
    resultOf(await handle.call(contract, 'increment', new Uint8Array(0), BigInt(GAS)));
}
