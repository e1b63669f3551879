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
const WARM_CALLS = 20;
const MEASURED_CALLS = 200;
const SHORT_HISTORY = 10;
const LONG_HISTORY = 10_000;
const ROUNDS = 7;
const CALLS_PER_ROUND = 10;

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
    // session, warm (after WARM_CALLS unmeasured calls: the thread's code compiled, the
    // contract loaded), over MEASURED_CALLS calls in a row: the session's journal holds 21 calls
    // when they start, 221 when they end (a call's cost must not grow with it).
    const trivial = await open();
    await callsTakingMs(trivial, WARM_CALLS);
    report(
      'call_round_trip_us',
      ((await callsTakingMs(trivial, MEASURED_CALLS)) * 1000) / MEASURED_CALLS,
      0,
    );

    // call_history_ratio: mean call latency on a worker session with LONG_HISTORY calls in its
    // journal ÷ on one with SHORT_HISTORY calls (the deploy counted). Both are warmed alike, then
    // measured in alternation (ROUNDS × CALLS_PER_ROUND calls each, so drift hits both); the
    // short one ends with 80 calls, the long one with 10,070. Its history is made through the
    // session handle, not the service: through the service (before one round trip per call) it
    // would cost time quadratic in the history.
    const short = await open();
    const long = await open();
    await fill(service, short, SHORT_HISTORY - 1);
    await fill(service, long, LONG_HISTORY - 1);
    const shortMs: number[] = [];
    const longMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      shortMs.push(await callsTakingMs(short, CALLS_PER_ROUND));
      longMs.push(await callsTakingMs(long, CALLS_PER_ROUND));
    }
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    const calls = (await service.listSessions()).find((s) => s.id === long.session)?.calls;
    if (calls !== LONG_HISTORY + ROUNDS * CALLS_PER_ROUND)
      throw new Error(`the long session has ${calls} calls, not ${LONG_HISTORY} + measured`);
    report('call_history_ratio', sum(longMs) / sum(shortMs));
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
