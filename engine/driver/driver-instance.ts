/**
 * One live instance of a driver module, and every call into it metered: the gas global gets the
 * invocation's whole limit, and the instrumented check calls `refill` only when it is used up,
 * where we stop the driver (the VM hands out slices instead, for deadlines; a driver has no
 * deadline but its gas). A trap, out of gas or a host stack overflow leaves the instance in
 * whatever state it was in, so the caller throws it away (data-driver.ts re-instantiates).
 */
import { PiecrustError } from '../core/errors';
import {
  GAS_EXPORT,
  HOST_MODULE,
  MEMORY_IMPORT,
  REFILL_IMPORT,
  TOUCH_IMPORT,
  MARK_CHUNK_IMPORT,
} from '../wasm/instrumented-layout';
import type { DriverModule } from './driver-module';

/** Thrown by `refill`: the driver used its invocation's limit. */
class DriverOutOfGas extends Error {}

export class DriverInstance {
  readonly memory: WebAssembly.Memory;
  private readonly exports: Record<string, unknown>;
  private readonly gas: WebAssembly.Global;
  /** Gas `refill` may still hand out: the whole limit for a start function, none for a call. */
  private budget: bigint;

  /**
   * `maxPages` caps the memory below what the module declares (data-driver.ts's limit): the
   * memory is ours to create, as instrumentation made it an import.
   */
  constructor(
    driver: DriverModule,
    private readonly gasLimit: bigint,
    private readonly maxPages: number,
  ) {
    this.budget = gasLimit;
    this.memory = new WebAssembly.Memory({
      initial: driver.minPages,
      maximum: maxPages,
      shared: true,
    });
    const view = new Uint8Array(this.memory.buffer);
    for (const segment of driver.dataSegments) view.set(segment.bytes, segment.offset);
    // The start function, if any, runs here: its gas comes from `budget` (the global starts at 0).
    const instance = this.guard(
      'start',
      () =>
        new WebAssembly.Instance(driver.module, {
          [HOST_MODULE]: {
            [MEMORY_IMPORT]: this.memory,
            // Write tracking is for contract state; a driver's memory is scratch.
            [TOUCH_IMPORT]: () => undefined,
            [MARK_CHUNK_IMPORT]: () => undefined,
            [REFILL_IMPORT]: (local: bigint) => {
              const total = this.budget + local;
              this.budget = 0n;
              if (total <= 0n) throw new DriverOutOfGas();
              return total;
            },
          },
        }),
    );
    this.exports = instance.exports as Record<string, unknown>;
    this.gas = this.exports[GAS_EXPORT] as WebAssembly.Global;
  }

  /** Call export `name` under a fresh gas limit; a failure becomes a `PiecrustError` naming it. */
  call(name: string, ...args: number[]): number {
    const f = this.exports[name] as (...a: number[]) => number | undefined;
    this.gas.value = this.gasLimit;
    this.budget = 0n;
    return this.guard(name, () => f(...args) ?? 0);
  }

  private guard<T>(name: string, run: () => T): T {
    try {
      return run();
    } catch (e) {
      if (e instanceof DriverOutOfGas)
        throw new PiecrustError(
          'OutOfGas',
          `driver ran out of its ${this.gasLimit} gas in ${name}`,
          { function: name, gasLimit: this.gasLimit.toString() },
        );
      if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError)
        throw new PiecrustError('Panic', `driver trapped in ${name}: ${e.message}${this.atCap()}`, {
          function: name,
        });
      throw e;
    }
  }

  /**
   * Said after a failure when the memory cap is the likely reason: the memory is at the cap, or
   * an access from `ptr` to `end` starts inside the cap and ends beyond it, so no growing could
   * have made room (a pointer beyond the cap is just wild).
   */
  private atCap(ptr = 0, end = 0): string {
    const cap = this.maxPages * 65536;
    return this.memory.buffer.byteLength >= cap || (ptr < cap && end > cap)
      ? ` (a driver may use at most ${cap} bytes of memory)`
      : '';
  }

  /** Gas the last call spent. */
  spent(): bigint {
    return this.gasLimit - (this.gas.value as bigint);
  }

  /** A copy of `len` bytes at `ptr` (the memory is shared: decoders need a plain buffer). */
  read(ptr: number, len: number): Uint8Array {
    const size = this.memory.buffer.byteLength;
    if (ptr + len > size)
      throw new PiecrustError(
        'MemoryAccessOutOfBounds',
        `driver memory is ${size} bytes, cannot read ${len} bytes at ${ptr}${this.atCap(ptr, ptr + len)}`,
        { ptr, len, memoryLen: size },
      );
    return new Uint8Array(this.memory.buffer, ptr, len).slice();
  }

  write(ptr: number, bytes: Uint8Array): void {
    const size = this.memory.buffer.byteLength;
    if (ptr + bytes.length > size)
      throw new PiecrustError(
        'MemoryAccessOutOfBounds',
        `driver's alloc returned ${ptr} for ${bytes.length} bytes, past its memory of ${size} bytes${this.atCap(ptr, ptr + bytes.length)}`,
        { ptr, len: bytes.length, memoryLen: size },
      );
    new Uint8Array(this.memory.buffer).set(bytes, ptr);
  }
}
