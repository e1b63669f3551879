/**
 * A session's journal as a script (design "Scripts and CLI"): the same deploys and calls, raw
 * arguments, and the recorded outcome of each as its `expect`, so that replaying the script is a
 * regression test of the session. Deployed bytecode is returned separately, to be written next to
 * the script (`wasm` paths are relative to it). The session step carries the metadata its first
 * entry recorded (a script's session has one set of meta; journals before format 4 recorded none).
 */
import type { ContractId, Root } from '../core/ids';
import type { Journal } from '../journal/types';
import { hex } from './views';

export interface ExportedScript {
  script: { version: 1; steps: Array<Record<string, unknown>> };
  wasm: Map<string, Uint8Array>;
}

export async function exportScript(
  journal: Journal,
  base: Root | null,
  bytecodeOf: (id: ContractId) => Promise<Uint8Array | undefined>,
): Promise<ExportedScript> {
  const meta = journal.calls[0]?.meta ?? [];
  const steps: Array<Record<string, unknown>> = [
    {
      op: 'session',
      name: 'session',
      base: base === null ? 'genesis' : `0x${base}`,
      meta: meta.length === 0 ? undefined : Object.fromEntries(meta.map(([n, v]) => [n, hex(v)])),
    },
  ];
  const names = new Map<ContractId, string>();
  const wasm = new Map<string, Uint8Array>();
  for (const call of journal.calls) {
    const expect = call.error !== undefined ? { error: call.error.code } : undefined;
    if (call.kind === 'deploy') {
      const name = `contract${names.size + 1}`;
      const bytes = await bytecodeOf(call.contract);
      if (bytes !== undefined) wasm.set(`${name}.wasm`, bytes);
      if (call.error === undefined) names.set(call.contract, name);
      steps.push({
        op: 'deploy',
        session: 'session',
        wasm: `${name}.wasm`,
        name,
        owner: call.owner === undefined ? undefined : hex(call.owner),
        init: call.fn === 'init' ? hex(call.arg) : undefined,
        contractId: call.explicitId ? `0x${call.contract}` : undefined,
        gas: call.gasLimit.toString(),
        expect,
      });
      continue;
    }
    steps.push({
      op: 'call',
      session: 'session',
      contract: names.get(call.contract) ?? `0x${call.contract}`,
      fn: call.fn,
      arg: hex(call.arg),
      gas: call.gasLimit.toString(),
      expect: expect ?? (call.result === undefined ? undefined : { data: hex(call.result) }),
    });
  }
  // Drop undefined fields so the JSON reads like a hand-written script.
  const clean = steps.map((s) =>
    Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)),
  );
  return { script: { version: 1, steps: clean }, wasm };
}
