/**
 * Values decoded by their contracts' data-drivers, on demand: a view asks for one value
 * (contract, kind, function or topic, bytes) and reads a reactive answer. Every request made in
 * the same tick goes out as one `driverDecode` batch (a Steps page shows hundreds of values:
 * never one round trip each), and each answer is kept, by contract + kind + name + bytes, until
 * the contract's driver changes (`contractChanged`, routed here by app/event-router.ts) or the
 * workspace does. A contract the engine said has no driver is remembered as such, so its values
 * cost nothing after the first answer.
 */
import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import type { DriverDecodeItem, DriverDecoding } from '../../../engine/api/types';
import { apiClient } from '../api/instance';

const NO_DRIVER: DriverDecoding = { status: 'no-driver' };
/**
 * Answers kept at most; past it the oldest go (asked again if shown again), so stepping through
 * a long journal does not keep every value it ever showed.
 */
export const KEPT_ANSWERS = 5000;

function keyOf(item: DriverDecodeItem): string {
  return `${item.contract.toLowerCase()}|${item.kind}|${item.name}|${item.hex.toLowerCase()}`;
}

export const useDriverDecodeStore = defineStore('driver-decode', () => {
  /** Answers by key; a key present without an answer is asked (pending). */
  const answers = reactive(new Map<string, DriverDecoding | null>());
  /** Contracts the engine said have no driver (until their driver changes). */
  const withoutDriver = reactive(new Set<string>());
  /**
   * Per contract, how many times its answers were dropped: an answer to a request made before
   * the last drop is stale (the driver it was decoded by is gone) and is not kept. Views watch
   * it to ask again.
   */
  const generations = reactive(new Map<string, number>());
  /** Workspace switches: every contract's generation counts them too. */
  const resets = ref(0);
  let queue: Array<{ key: string; item: DriverDecodeItem; generation: string }> = [];
  let flushScheduled = false;

  /** Changes whenever the contract's answers are dropped (its driver changed, or the workspace). */
  function generationOf(contract: string): string {
    return `${resets.value}.${generations.get(contract.toLowerCase()) ?? 0}`;
  }

  /** The answer so far: null while asked (or not yet asked), the decoding once known. */
  function get(item: DriverDecodeItem): DriverDecoding | null {
    if (withoutDriver.has(item.contract.toLowerCase())) return NO_DRIVER;
    return answers.get(keyOf(item)) ?? null;
  }

  /** Whether the value is answered or asked (false again once its answer is dropped). */
  function known(item: DriverDecodeItem): boolean {
    return withoutDriver.has(item.contract.toLowerCase()) || answers.has(keyOf(item));
  }

  /** Ask for a value unless it is known or asked already; batched with the tick's others. */
  function request(item: DriverDecodeItem): void {
    const contract = item.contract.toLowerCase();
    if (withoutDriver.has(contract)) return;
    const key = keyOf(item);
    if (answers.has(key)) return;
    answers.set(key, null);
    forgetOldest();
    queue.push({ key, item, generation: generationOf(contract) });
    if (!flushScheduled) {
      flushScheduled = true;
      queueMicrotask(() => void flush());
    }
  }

  async function flush(): Promise<void> {
    flushScheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    let results: DriverDecoding[];
    try {
      results = await apiClient().driverDecode({ items: batch.map((b) => b.item) });
    } catch (e) {
      // The batch itself failed (transport, engine gone): each value says so beside its bytes.
      const error = `could not ask the engine to decode: ${e instanceof Error ? e.message : String(e)}`;
      results = batch.map(() => ({ status: 'failed', error }));
    }
    batch.forEach((b, i) => {
      const contract = b.item.contract.toLowerCase();
      if (generationOf(contract) !== b.generation) return; // its driver changed meanwhile
      const answer = results[i] ?? {
        status: 'failed',
        error: `the engine answered ${results.length} values for ${batch.length} asked`,
      };
      answers.set(b.key, answer);
      if (answer.status === 'no-driver') withoutDriver.add(contract);
    });
  }

  function forgetOldest(): void {
    if (answers.size <= KEPT_ANSWERS) return;
    for (const [key, answer] of answers) {
      if (answers.size <= KEPT_ANSWERS) break;
      if (answer !== null) answers.delete(key); // an asked one waits for its answer
    }
  }

  /** A contract's driver was attached or changed: everything shown for it is decoded again. */
  function forgetContract(contract: string): void {
    const id = contract.toLowerCase();
    generations.set(id, (generations.get(id) ?? 0) + 1);
    withoutDriver.delete(id);
    const prefix = `${id}|`;
    for (const key of [...answers.keys()]) if (key.startsWith(prefix)) answers.delete(key);
  }

  /** Another store file (or a restarted engine): no answer holds any more. */
  function reset(): void {
    resets.value++;
    answers.clear();
    withoutDriver.clear();
  }

  return { get, known, request, forgetContract, reset, generationOf };
});
