/**
 * Contracts of the active session, the bundled samples, and the deploy form. A deploy names its
 * contract (the form's name, else the sample's or file's); the engine stores the names and
 * common/contract-names-store.ts holds them for every view. Which sample a contract's code is
 * stays remembered here by code hash, for the argument and result hints, whatever its name. A
 * failed deploy keeps the form as it was.
 */
import { defineStore } from 'pinia';
import { computed, reactive, ref, watch } from 'vue';
import type {
  ApiError,
  ApiEvents,
  ContractInfo,
  ContractSource,
  DeployRequest,
  DeployResult,
  DriverSource,
  SampleContract,
} from '../../../engine/api/types';
import { MAX_UPLOAD_BYTES, desktopPathOf, fileHex } from '../api/files';
import { driverSourceOf } from './driver-source';
import { apiClient } from '../api/instance';
import { parseGas, parseValueText } from './arg-preview';
import { toApiError } from '../common/lib/error-words';
import { baseName } from '../common/lib/format';
import { cleanHex } from '../common/lib/hex';
import { useContractNamesStore } from '../common/contract-names-store';
import { without } from '../common/lib/records';
import { useSessionStore } from '../workspace/session-store';

export type DeploySourceKind = 'sample' | 'file' | 'path';

export interface PickedFile {
  name: string;
  size: number;
  /** Desktop: the engine reads the file itself. */
  path?: string;
  /** Browser: the bytes, as hex. */
  hex?: string;
}

/** Sample or file names by code hash (the key predates stored contract names). */
const NAMES_KEY = 'piecrust-inspector.contract-names';
export { MAX_UPLOAD_BYTES };

function loadNames(): Record<string, string> {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(NAMES_KEY);
    return raw === null ? {} : (JSON.parse(raw) as Record<string, string>);
  } catch {
    return {};
  }
}

function fieldError(message: string): ApiError {
  return { code: 'InvalidInput', message, details: {} };
}

export const useContractStore = defineStore('contracts', () => {
  const sessions = useSessionStore();
  const contractNames = useContractNamesStore();
  const samples = ref<SampleContract[]>([]);
  const bySession = ref<Record<string, ContractInfo[]>>({});
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  /** The sample or file each code was first deployed from, by code hash (for hints). */
  const names = ref<Record<string, string>>(loadNames());
  const selectedId = ref<string | null>(null);

  const deployForm = reactive({
    source: 'sample' as DeploySourceKind,
    sample: 'counter',
    file: null as PickedFile | null,
    hostPath: '',
    /** The contract's name; blank: the sample's or file's. */
    name: '',
    owner: '',
    init: '',
    contractId: '',
    gas: '1000000000',
    /** An optional data-driver, attached with the deploy. */
    driver: null as { name: string; size: number; source: DriverSource } | null,
  });
  const deployOpen = ref(true);
  const deploying = ref(false);
  const deployError = ref<ApiError | null>(null);
  /** Each session's last deploy: a session that deployed nothing shows none. */
  const lastDeployBySession = ref<Record<string, DeployResult>>({});
  const lastDeploy = computed<DeployResult | null>(() =>
    sessions.activeSessionId === null
      ? null
      : (lastDeployBySession.value[sessions.activeSessionId] ?? null),
  );

  /** The name a deploy gives when the form's is blank: the sample's or the file's. */
  const defaultDeployName = computed(() => {
    if (deployForm.source === 'sample') return deployForm.sample;
    if (deployForm.source === 'file') return deployForm.file?.name.replace(/\.wasm$/, '') ?? '';
    const path = deployForm.hostPath.trim();
    return path === '' ? '' : baseName(path).replace(/\.wasm$/, '');
  });

  const contracts = computed<ContractInfo[]>(() =>
    sessions.activeSessionId === null ? [] : (bySession.value[sessions.activeSessionId] ?? []),
  );
  const selected = computed(() => contracts.value.find((c) => c.id === selectedId.value) ?? null);

  /** `counter (0a1b2c3d…)`, or the short id of an unnamed contract, for texts and titles. */
  function nameOf(contract: Pick<ContractInfo, 'id'> | string): string {
    return contractNames.label(typeof contract === 'string' ? contract : contract.id);
  }

  /** The sample a contract was deployed from, for argument and result hints. */
  function sampleOf(contract: ContractInfo | null): string | undefined {
    if (contract === null) return undefined;
    const name = names.value[contract.codeHash];
    return samples.value.some((s) => s.name === name) ? name : undefined;
  }

  function remember(codeHash: string, name: string): void {
    names.value = { ...names.value, [codeHash]: name };
    if (typeof localStorage !== 'undefined')
      localStorage.setItem(NAMES_KEY, JSON.stringify(names.value));
  }

  async function loadSamples(): Promise<void> {
    try {
      samples.value = await apiClient().samples();
      if (
        !samples.value.some((s) => s.name === deployForm.sample) &&
        samples.value[0] !== undefined
      ) {
        deployForm.sample = samples.value[0].name;
      }
    } catch (e) {
      error.value = toApiError(e);
    }
  }

  async function refresh(sessionId = sessions.activeSessionId): Promise<void> {
    if (sessionId === null) return;
    const session = sessions.sessions.find((s) => s.id === sessionId);
    if (session?.busy === true) return; // a running session answers after its call
    loading.value = true;
    try {
      const list = await apiClient().contracts({ session: sessionId });
      bySession.value = { ...bySession.value, [sessionId]: list };
      contractNames.noteContracts(list);
      error.value = null;
      // An empty session has nothing to call: deploying is the next step.
      if (list.length === 0 && sessionId === sessions.activeSessionId) deployOpen.value = true;
      if (sessionId === sessions.activeSessionId && !list.some((c) => c.id === selectedId.value)) {
        selectedId.value = list[0]?.id ?? null;
      }
    } catch (e) {
      error.value = toApiError(e);
    } finally {
      loading.value = false;
    }
  }

  function select(id: string): void {
    selectedId.value = id;
  }

  /** A picked or dropped .wasm: by path in the desktop app, by bytes in a browser. */
  async function pickFile(file: File): Promise<void> {
    deployError.value = null;
    if (!file.name.endsWith('.wasm')) {
      deployError.value = fieldError(`${file.name} is not a .wasm file`);
      return;
    }
    const path = desktopPathOf(file);
    if (path !== undefined) {
      deployForm.file = { name: file.name, size: file.size, path };
    } else if (file.size > MAX_UPLOAD_BYTES) {
      deployError.value = fieldError(
        `${file.name} is too large to send over the browser connection; give its path on the engine host instead`,
      );
      return;
    } else {
      let hex: string;
      try {
        hex = await fileHex(file);
      } catch (e) {
        // A folder dropped on a browser tab is a File whose bytes cannot be read.
        deployError.value = fieldError(
          `cannot read ${file.name} (${(e as Error).message}): is it a folder? Pick the compiled .wasm file`,
        );
        return;
      }
      deployForm.file = { name: file.name, size: file.size, hex };
    }
    deployForm.source = 'file';
    deployOpen.value = true;
  }

  /** A data-driver .wasm for the next deploy (bytes in a browser, its path on the desktop). */
  async function pickDriver(file: File | null): Promise<void> {
    deployError.value = null;
    const source = file === null ? null : await driverSourceOf(file);
    if (source !== null && 'code' in source) deployError.value = source;
    else
      deployForm.driver =
        file === null || source === null ? null : { name: file.name, size: file.size, source };
  }

  /** A path handed over by the desktop menu (File › Open Contract…). */
  function setHostPath(path: string): void {
    deployForm.source = 'path';
    deployForm.hostPath = path;
    deployOpen.value = true;
  }

  function buildRequest(session: string): { request: DeployRequest; name: string } | ApiError {
    let source: ContractSource;
    let name: string;
    if (deployForm.source === 'sample') {
      source = { kind: 'sample', name: deployForm.sample };
      name = deployForm.sample;
    } else if (deployForm.source === 'file') {
      const file = deployForm.file;
      if (file === null) return fieldError('pick or drop a .wasm file first');
      source =
        file.path !== undefined
          ? { kind: 'file', path: file.path }
          : { kind: 'bytes', hex: file.hex ?? '0x', name: file.name };
      name = file.name.replace(/\.wasm$/, '');
    } else {
      const path = deployForm.hostPath.trim();
      if (path === '') return fieldError('type the path of a .wasm file on the engine host');
      source = { kind: 'file', path };
      name = baseName(path).replace(/\.wasm$/, '');
    }
    const request: DeployRequest = { session, source, name: deployForm.name.trim() || name };
    if (deployForm.owner.trim() !== '') {
      const owner = parseValueText(deployForm.owner);
      if (!owner.ok) return fieldError(`owner: ${owner.error}`);
      request.owner = owner.value;
    }
    if (deployForm.init.trim() !== '') {
      const init = parseValueText(deployForm.init);
      if (!init.ok) return fieldError(`init argument: ${init.error}`);
      request.init = init.value;
    }
    if (deployForm.contractId.trim() !== '') {
      const id = cleanHex(deployForm.contractId);
      if (!/^[0-9a-f]{64}$/.test(id)) return fieldError('contract id: 32 bytes as 64 hex digits');
      request.contractId = id;
    }
    const gas = parseGas(deployForm.gas);
    if (!gas.ok) return fieldError(gas.error);
    request.gas = gas.value;
    if (deployForm.driver !== null) request.driver = deployForm.driver.source;
    return { request, name };
  }

  async function deploy(): Promise<DeployResult | undefined> {
    const session = sessions.activeSessionId;
    if (session === null) {
      deployError.value = fieldError('open a session first');
      return undefined;
    }
    const built = buildRequest(session);
    if ('code' in built) {
      deployError.value = built;
      return undefined;
    }
    deploying.value = true;
    deployError.value = null;
    try {
      const result = await apiClient().deploy(built.request);
      lastDeployBySession.value = { ...lastDeployBySession.value, [session]: result };
      sessions.recordCall(session, {
        fn: 'deploy',
        ok: result.ok,
        gasSpent: result.gasSpent,
        gasLimit: result.gasLimit,
        gasTable: result.gasTable,
        errorCode: result.error?.code,
      });
      if (!result.ok || result.contractId === undefined) {
        deployError.value = result.error ?? fieldError('the deploy failed');
        return result;
      }
      await refresh(session);
      const info = bySession.value[session]?.find((c) => c.id === result.contractId);
      if (info !== undefined && names.value[info.codeHash] === undefined)
        remember(info.codeHash, built.name);
      deployForm.name = '';
      selectedId.value = result.contractId;
      deployForm.driver = null; // attached: the next deploy is another contract's
      // The form folds away once there is something to call; the sidebar's Deploy reopens it.
      deployOpen.value = false;
      return result;
    } catch (e) {
      deployError.value = toApiError(e);
      return undefined;
    } finally {
      deploying.value = false;
    }
  }

  function forgetSession(id: string): void {
    if (lastDeployBySession.value[id] !== undefined)
      lastDeployBySession.value = without(lastDeployBySession.value, id);
    if (bySession.value[id] === undefined) return;
    bySession.value = without(bySession.value, id);
  }

  /**
   * A contract was renamed or given a driver (here, by a script, or by another window): every
   * session's list shows it as it is now, so its card offers the driver's JSON form at once.
   */
  function onContractChanged(event: ApiEvents['contractChanged']): void {
    let changed = false;
    const next: Record<string, ContractInfo[]> = {};
    for (const [session, list] of Object.entries(bySession.value)) {
      next[session] = list.map((c) => {
        if (c.id !== event.contract) return c;
        changed = true;
        const { name: _name, driver: _driver, ...rest } = c;
        return {
          ...rest,
          ...(event.name === undefined ? {} : { name: event.name }),
          ...(event.driver === undefined ? {} : { driver: event.driver }),
        };
      });
    }
    if (changed) bySession.value = next;
  }

  /** Another store file was opened: session ids start over, so nothing here still applies. */
  function reset(): void {
    bySession.value = {};
    selectedId.value = null;
    lastDeployBySession.value = {};
  }

  watch(
    () => sessions.activeSessionId,
    (id) => {
      selectedId.value = null;
      if (id !== null) void refresh(id);
    },
  );

  // A session's root moves with every call: memory lengths may have grown.
  watch(
    () => sessions.activeSession?.root,
    (root, before) => {
      if (root !== undefined && before !== undefined && root !== before) void refresh();
    },
  );

  return {
    samples,
    bySession,
    loading,
    error,
    names,
    selectedId,
    deployForm,
    deployOpen,
    deploying,
    deployError,
    lastDeploy,
    defaultDeployName,
    contracts,
    selected,
    nameOf,
    sampleOf,
    loadSamples,
    refresh,
    select,
    pickFile,
    pickDriver,
    setHostPath,
    deploy,
    forgetSession,
    onContractChanged,
    reset,
  };
});
