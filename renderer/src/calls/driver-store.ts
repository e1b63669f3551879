/**
 * Data-drivers of contracts: attaching one (a picked or dropped .wasm, or a path on the engine's
 * host), the refusal when the runtime will not have it (shown on the contract's card, nothing
 * stored), and each attached driver's schema for the call form. A schema is read once per driver
 * (by its hash); some real drivers trap in `get_schema`, which is kept as that schema's error.
 */
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type {
  ApiError,
  ContractDriverInfo,
  ContractInfo,
  DriverSource,
} from '../../../engine/api/types';
import { apiClient } from '../api/instance';
import { toApiError } from '../common/lib/error-words';
import { without } from '../common/lib/records';
import { useContractStore } from './contract-store';
import { driverSourceOf, refusal } from './driver-source';
import { schemaFunctions, type DriverFunction } from './driver-schema';

export interface DriverSchemaState {
  pending: boolean;
  /** The schema's functions (none while pending, or when it failed). */
  functions: DriverFunction[];
  /** Why there is no schema: `get_schema` failed or trapped. */
  error?: string;
}

export const useDriverStore = defineStore('drivers', () => {
  const contracts = useContractStore();
  /** By `contract:driverHash`: a new driver on the same contract reads its own schema. */
  const schemas = ref<Record<string, DriverSchemaState>>({});
  /** Contracts whose attach is in flight. */
  const attaching = ref<Record<string, boolean>>({});
  /** The last attach's refusal, per contract, until the next attempt. */
  const errors = ref<Record<string, ApiError>>({});

  function keyOf(contract: ContractInfo): string | undefined {
    return contract.driver === undefined ? undefined : `${contract.id}:${contract.driver.hash}`;
  }

  /** The schema of the contract's driver; undefined when it has none or it is not read yet. */
  function schemaOf(contract: ContractInfo | null): DriverSchemaState | undefined {
    const key = contract === null ? undefined : keyOf(contract);
    return key === undefined ? undefined : schemas.value[key];
  }

  async function loadSchema(contract: ContractInfo): Promise<void> {
    const key = keyOf(contract);
    if (key === undefined || schemas.value[key] !== undefined) return;
    schemas.value = { ...schemas.value, [key]: { pending: true, functions: [] } };
    let state: DriverSchemaState;
    try {
      const view = await apiClient().driverSchema({ contract: contract.id });
      state =
        'error' in view
          ? { pending: false, functions: [], error: view.error }
          : { pending: false, functions: schemaFunctions(view.schema) };
    } catch (e) {
      state = { pending: false, functions: [], error: toApiError(e).message };
    }
    schemas.value = { ...schemas.value, [key]: state };
  }

  /** Attach `source` to the contract; the contracts are re-read so the card shows the driver. */
  async function attach(
    contract: string,
    source: DriverSource | ApiError,
  ): Promise<ContractDriverInfo | undefined> {
    if ('code' in source) {
      errors.value = { ...errors.value, [contract]: source };
      return undefined;
    }
    attaching.value = { ...attaching.value, [contract]: true };
    errors.value = without(errors.value, contract);
    try {
      const info = await apiClient().attachDriver({ contract, driver: source });
      await contracts.refresh();
      return info;
    } catch (e) {
      errors.value = { ...errors.value, [contract]: toApiError(e) };
      return undefined;
    } finally {
      attaching.value = without(attaching.value, contract);
    }
  }

  async function attachFile(contract: string, file: File): Promise<ContractDriverInfo | undefined> {
    return attach(contract, await driverSourceOf(file));
  }

  async function attachPath(
    contract: string,
    path: string,
  ): Promise<ContractDriverInfo | undefined> {
    const trimmed = path.trim();
    return attach(
      contract,
      trimmed === ''
        ? refusal('type the path of a driver .wasm on the engine host')
        : { path: trimmed },
    );
  }

  // The selected contract's driver's schema is read as soon as it is there (the call form's).
  watch(
    () => contracts.selected,
    (selected) => {
      if (selected !== null) void loadSchema(selected);
    },
    { immediate: true },
  );

  return { schemas, attaching, errors, schemaOf, loadSchema, attach, attachFile, attachPath };
});
