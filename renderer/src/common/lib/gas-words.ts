/**
 * The gas of a deploy or call in the same words everywhere (Calls, Steps, status bar, scripts).
 * piecrust gives a failed call no receipt, yet the call burnt gas — `limit − remaining` at the
 * failure, the whole limit when out of gas — and the engine reports that figure: it is shown,
 * of its limit, with "failed, no receipt", never a dash in one place and the limit in another.
 */
import { formatGas } from './format';

export interface GasOutcome {
  ok: boolean;
  gasSpent?: string;
  gasLimit?: string;
}

const FAILED = 'failed, no receipt';

/**
 * "12,345 of 1,000,000 gas", for a failed call "12,345 of 1,000,000 gas — failed, no receipt":
 * the spent figure apart, for places that set it in bold.
 */
export function gasParts(o: GasOutcome): { spent: string; rest: string } {
  const limit = o.gasLimit === undefined ? 'gas' : `of ${formatGas(o.gasLimit)} gas`;
  if (o.gasSpent === undefined) {
    return o.ok
      ? { spent: '', rest: 'gas not recorded' }
      : { spent: '', rest: `no gas recorded — ${FAILED}` };
  }
  return { spent: formatGas(o.gasSpent), rest: o.ok ? limit : `${limit} — ${FAILED}` };
}

export function gasSentence(o: GasOutcome): string {
  const { spent, rest } = gasParts(o);
  return spent === '' ? rest : `${spent} ${rest}`;
}

/** Tight places (history rows, the status bar): "12,345 gas", "12,345 gas — failed". */
export function gasShort(o: GasOutcome): string {
  const spent = o.gasSpent === undefined ? undefined : `${formatGas(o.gasSpent)} gas`;
  if (o.ok) return spent ?? 'gas not recorded';
  return spent === undefined ? 'failed' : `${spent} — failed`;
}

/**
 * A frame's exit in the journal: what it spent; a failed nested frame also cost its caller the
 * whole limit it was given (spec §3.5), which is said, since the two figures differ.
 */
export function frameGasSentence(exit: {
  gas?: string;
  failed: boolean;
  limit?: string;
  depth: number;
}): string {
  if (!exit.failed) return `${formatGas(exit.gas)} gas`;
  if (exit.gas === undefined) return 'gas not recorded (an older journal) — failed';
  const spent = gasSentence({ ok: true, gasSpent: exit.gas, gasLimit: exit.limit });
  if (exit.depth === 0) return `${spent} — ${FAILED}`;
  const charged = exit.limit === undefined ? '' : ` (${formatGas(exit.limit)})`;
  return `${spent} — failed; its caller was charged the whole limit${charged}`;
}
