/**
 * Deletes and finalizes a script asked for while a session held their commit: they complete
 * when it is released. Each one's outcome is caught as it happens (an unhandled rejection would
 * end the process) and reported at the end: one that failed (its store refusing writes after a
 * full disk, say) is a failed result of its own, its step having been reported as deferred.
 */
import { toErrorData } from '../core/errors';
import type { Root } from '../core/ids';
import type { StepResult } from './step-result';

type DeferredStep = Pick<StepResult, 'index' | 'op' | 'title' | 'root'>;

export class DeferredOps {
  private readonly pending: Array<{ step: DeferredStep; outcome: Promise<unknown> }> = [];

  add(step: DeferredStep, op: Promise<void>): void {
    this.pending.push({
      step,
      outcome: op.then(
        () => undefined,
        (e: unknown) => e ?? new Error('failed'),
      ),
    });
  }

  /**
   * Wait for the deferred ones whose commit nobody holds any more (`holders`), and return those
   * that failed. One still held is let go: it completes when its session ends.
   */
  async settle(holders: (root: Root) => number): Promise<StepResult[]> {
    const late: StepResult[] = [];
    for (const { step, outcome } of this.pending.splice(0)) {
      if (step.root !== undefined && holders(step.root) > 0) continue;
      const error = await outcome;
      if (error === undefined) continue;
      const data = toErrorData(error);
      late.push({
        ...step,
        title: `${step.title} (deferred)`,
        passed: false,
        reason: data.message,
        error: data,
      });
    }
    return late;
  }
}
