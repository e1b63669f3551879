/** What running one script step reports, and the title that names the step. */
import type { ErrorData } from '../core/errors';
import type { ContractId, Root } from '../core/ids';
import type { Step } from './script-schema';
import type { StepEvent } from './script-drivers';

export interface StepResult {
  index: number;
  op: Step['op'];
  /** What the step did, e.g. `call counter.increment in s1`. */
  title: string;
  passed: boolean;
  /** Why the step failed its expectation. */
  reason?: string;
  data?: string;
  /** The output decoded by the contract's data-driver (a call to a contract with one). */
  decoded?: unknown;
  /** Why the contract's data-driver could not decode the output (`data` still holds it). */
  decodeError?: string;
  /** Gas spent: the receipt's, or for a failed deploy or call what it spent before failing. */
  gasSpent?: string;
  /** The deploy's or call's gas limit. */
  gasLimit?: string;
  events?: number;
  /** A call's events with their bytes, each decoded when its contract has a data-driver. */
  emitted?: StepEvent[];
  contractId?: ContractId;
  root?: Root;
  error?: ErrorData;
}

export function stepTitle(step: Step): string {
  switch (step.op) {
    case 'session':
      return `session ${step.name} on ${step.base}`;
    case 'deploy':
      return `deploy ${step.name ?? step.wasm} in ${step.session}`;
    case 'call':
      return `call ${step.contract}.${step.fn} in ${step.session}`;
    case 'commit':
      return `commit ${step.session}${step.name === undefined ? '' : ` as ${step.name}`}`;
    case 'drop':
      return `drop ${step.session}`;
    default:
      return `${step.op} ${step.commit}`;
  }
}
