/**
 * The data-drivers a script attached to its contracts (`"driver"` on a deploy step), by contract
 * id, for the rest of the run, and behind them the drivers the host keeps with contracts (a
 * store's, for contracts deployed before the run): `json` arguments are encoded with them, and
 * call results and events decoded, a refusal kept beside the raw bytes rather than hiding them.
 * A driver the script attaches overrides the stored one for the rest of the run.
 */
import { PiecrustError } from '../core/errors';
import { bytesToHex, type ContractId } from '../core/ids';
import type { DataDriver } from '../driver/data-driver';
import type { Event } from '../vm/types';

/** A value the driver decoded, or its error: the raw bytes are reported beside either. */
export type Decoding = { decoded: unknown } | { decodeError: string };

/** An event of a call's receipt, as a step reports it. */
export interface StepEvent {
  source: ContractId;
  topic: string;
  data: string;
  reverted?: true;
  decoded?: unknown;
  decodeError?: string;
}

function decoding(decode: () => unknown): Decoding {
  try {
    return { decoded: decode() };
  } catch (e) {
    return { decodeError: (e as Error).message };
  }
}

export class ScriptDrivers {
  private readonly byContract = new Map<ContractId, DataDriver>();

  /**
   * `stored`: the driver the host keeps with a contract, if any (it may throw: a stored driver
   * that cannot be loaded is that contract's error, not the run's).
   */
  constructor(private readonly stored?: (id: ContractId) => DataDriver | undefined) {}

  attach(id: ContractId, driver: DataDriver): void {
    this.byContract.set(id, driver);
  }

  /** The script's driver for the contract, else the stored one, else undefined. */
  get(id: ContractId): DataDriver | undefined {
    return this.byContract.get(id) ?? this.stored?.(id);
  }

  /** The driver of a contract that must have one (`json`, `expect.json`); `use` says why. */
  required(id: ContractId, name: string, use: string): DataDriver {
    const driver = this.get(id);
    if (driver !== undefined) return driver;
    const named = name === id ? id : `"${name}" (${id})`;
    throw new PiecrustError(
      'InvalidInput',
      `${use} needs a data-driver, and contract ${named} has none: attach one with "driver": "path/to/driver.wasm" on the step that deploys it`,
      { contract: id },
    );
  }

  /** `decode` run with the contract's driver; undefined without one, its error if it fails. */
  private decodeWith(id: ContractId, decode: (d: DataDriver) => unknown): Decoding | undefined {
    let driver: DataDriver | undefined;
    try {
      driver = this.get(id);
    } catch (e) {
      return { decodeError: (e as Error).message };
    }
    return driver === undefined ? undefined : decoding(() => decode(driver));
  }

  /** A call's output decoded by its contract's driver; undefined without a driver. */
  decodeOutput(id: ContractId, fn: string, data: Uint8Array): Decoding | undefined {
    return this.decodeWith(id, (driver) => driver.decodeOutput(fn, data));
  }

  /** Each event with its bytes, decoded by its source contract's driver when it has one. */
  events(events: Event[]): StepEvent[] {
    return events.map((e) => ({
      source: e.source,
      topic: e.topic,
      data: '0x' + bytesToHex(e.data),
      ...(e.reverted ? { reverted: true as const } : {}),
      ...this.decodeWith(e.source, (driver) => driver.decodeEvent(e.topic, e.data)),
    }));
  }
}
