/**
 * Contracts' names and attached data-drivers as the VM offers them (issue 12): read and written
 * through the store's contract metadata (store/contract-meta.ts), which lives beside the state —
 * naming a contract or attaching a driver never changes a state root. A driver is validated
 * (`DataDriver.fromBytes`: exports, `init`, metering) before anything is stored, so a hostile
 * module is refused with its own error and the store is left as it was.
 */
import { PiecrustError } from '../core/errors';
import { toContractId, type ContractId } from '../core/ids';
import { DataDriver } from '../driver/data-driver';
import type { CommitStore } from '../store/commit-store';
import { driverHash, type ContractMeta } from '../store/contract-meta';

/** What the API lists of a contract's attached driver. */
export interface AttachedDriver {
  /** BLAKE3 (hex) of the module's bytes. */
  hash: string;
  /** What the driver's `get_version` says (undefined when it refuses or traps). */
  version?: string;
  /** The module's size in bytes. */
  bytes: number;
}

/** The longest name kept (a name is a label for people, not a document). */
export const MAX_CONTRACT_NAME = 200;

export class ContractNames {
  /** Drivers loaded by hash: the versions listed, the instances decoding (stored bytes never change). */
  private readonly drivers = new Map<string, DataDriver>();
  /**
   * What `get_version` said, by hash: asked once, as a contracts list is read often and a
   * misbehaving driver may spend its whole gas limit (most of a second) before it fails.
   */
  private readonly versions = new Map<string, string | undefined>();

  constructor(private readonly store: CommitStore) {}

  name(id: ContractId): string | undefined {
    return this.store.getContractMeta(toContractId(id))?.name;
  }

  /** Every named contract's name, by id. */
  names(): Map<ContractId, string> {
    const out = new Map<ContractId, string>();
    for (const [id, meta] of this.store.listContractMeta())
      if (meta.name !== undefined) out.set(id, meta.name);
    return out;
  }

  /** Name a contract (an empty or absent name removes it), durably, outside any commit. */
  async setName(id: ContractId, name: string | undefined): Promise<void> {
    const contract = toContractId(id);
    const trimmed = name?.trim() ?? '';
    if (trimmed.length > MAX_CONTRACT_NAME)
      throw new PiecrustError(
        'InvalidInput',
        `a contract name is at most ${MAX_CONTRACT_NAME} characters; this one has ${trimmed.length}`,
        { length: trimmed.length },
      );
    const meta: ContractMeta = { ...this.store.getContractMeta(contract) };
    if (trimmed === '') delete meta.name;
    else meta.name = trimmed;
    await this.store.writeContractMeta(contract, meta);
  }

  /** The attached driver's module bytes, if any. */
  driverBytes(id: ContractId): Uint8Array | undefined {
    const hash = this.store.getContractMeta(toContractId(id))?.driver;
    return hash === undefined ? undefined : this.store.getDriver(hash);
  }

  /** The attached driver, loaded (once per module), or undefined when none is attached. */
  driver(id: ContractId): DataDriver | undefined {
    const hash = this.store.getContractMeta(toContractId(id))?.driver;
    if (hash === undefined) return undefined;
    const cached = this.drivers.get(hash);
    if (cached !== undefined) return cached;
    const bytes = this.store.getDriver(hash);
    if (bytes === undefined)
      throw new PiecrustError(
        'PersistenceError',
        `contract ${id}: its driver ${hash} is missing from the store`,
        { contract: id, driver: hash },
      );
    const driver = DataDriver.fromBytes(bytes);
    this.drivers.set(hash, driver);
    return driver;
  }

  /** The attached driver's hash, version and size, or undefined when none is attached. */
  attached(id: ContractId): AttachedDriver | undefined {
    const hash = this.store.getContractMeta(toContractId(id))?.driver;
    if (hash === undefined) return undefined;
    const out: AttachedDriver = { hash, bytes: this.store.getDriver(hash)?.length ?? 0 };
    if (!this.versions.has(hash)) {
      let version: string | undefined;
      try {
        version = this.driver(id)!.version();
      } catch {
        // Listed without a version: decoding reports the driver's own errors where it is used.
      }
      this.versions.set(hash, version);
    }
    const version = this.versions.get(hash);
    if (version !== undefined) out.version = version;
    return out;
  }

  /**
   * Attach a driver (replacing any): loaded and initialised first, so a module the runtime
   * refuses throws that error and nothing is stored. `undefined` detaches.
   */
  async attach(id: ContractId, bytes: Uint8Array | undefined): Promise<void> {
    const contract = toContractId(id);
    const meta: ContractMeta = { ...this.store.getContractMeta(contract) };
    if (bytes === undefined) {
      delete meta.driver;
      await this.store.writeContractMeta(contract, meta);
      return;
    }
    const driver = DataDriver.fromBytes(bytes);
    const hash = driverHash(bytes);
    meta.driver = hash;
    await this.store.writeContractMeta(contract, meta, bytes);
    if (!this.drivers.has(hash)) this.drivers.set(hash, driver);
  }
}
