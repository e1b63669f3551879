/**
 * Calling contracts: the call form (one per contract, so switching contracts keeps what was
 * typed, and an argument per function, so picking a function shows its own), the live preview of
 * the argument's bytes, the results of this page's calls, and decoding results as Rust types. A
 * failed call keeps the form untouched.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type {
  ApiError,
  ApiEvents,
  CallRequest,
  CallResult,
  ContractInfo,
} from '../../../engine/api/types';
import { apiClient } from '../api/instance';
import {
  draftText,
  initialDraft,
  switchMode,
  withText,
  type ArgCodec,
  type ArgDraft,
} from './arg-drafts';
import {
  describeValue,
  parseArgument,
  parseGas,
  parseValueText,
  type ArgMode,
} from './arg-preview';
import { toApiError } from '../common/lib/error-words';
import { signatureOf } from './known-signatures';
import { without } from '../common/lib/records';
import { useContractStore } from './contract-store';
import { useDriverStore } from './driver-store';
import { exampleJsonText, mergeFunctions, typeCaption } from './driver-schema';
import { parseJsonText } from './json-input';
import { useSessionStore } from '../workspace/session-store';

/** The form as the editor shows it: the function, its argument in the current mode, the gas. */
export interface CallForm {
  fn: string;
  argMode: ArgMode;
  argText: string;
  gas: string;
}

/** What is kept per contract: the function picked, the gas, and each function's argument. */
interface ContractForm {
  fn: string;
  gas: string;
  args: Record<string, ArgDraft>;
}

export interface CallRecord {
  id: number;
  session: string;
  contract: string;
  fn: string;
  /** The argument as sent (hex or the value's JSON), for the history list. */
  argSummary: string;
  /** The argument's bytes when they were given as bytes (for the data-driver to decode). */
  argHex?: string;
  result: CallResult;
  /** The call was profiled (Calls → Profile): its profile's id (profile/profile-store.ts). */
  profileId?: string;
  at: number;
}

/**
 * How a call is made: plainly, or profiled (profile/profile-store.ts's `profileCall`), which is
 * the same call — the same result, gas and journal entry — that also gives a profile's id.
 */
export type CallRunner = (req: CallRequest) => Promise<{ result: CallResult; profileId?: string }>;

const plainCall: CallRunner = async (req) => ({ result: await apiClient().call(req) });

export interface Decoded {
  type: string;
  pending: boolean;
  text?: string;
  error?: ApiError;
}

export interface Preview {
  pending: boolean;
  hex?: string;
  type?: string;
  error?: string;
}

const TYPES_KEY = 'piecrust-inspector.decode-types';
const HISTORY = 100;

function loadTypes(): Record<string, string> {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(TYPES_KEY);
    return raw === null ? {} : (JSON.parse(raw) as Record<string, string>);
  } catch {
    return {};
  }
}

export const useCallStore = defineStore('calls', () => {
  const sessions = useSessionStore();
  const contracts = useContractStore();
  const drivers = useDriverStore();

  const forms = ref<Record<string, ContractForm>>({});
  const preview = ref<Preview>({ pending: false });
  const history = shallowRef<CallRecord[]>([]);
  const selectedRecordId = ref<number | null>(null);
  const decodeTypes = ref<Record<string, string>>(loadTypes());
  const decoded = ref<Record<number, Decoded>>({});
  const calling = ref(false);
  const callError = ref<ApiError | null>(null);
  /** Debug lines pushed while a call runs (the result carries them all at the end). */
  const liveDebug = ref<string[]>([]);
  let nextRecord = 1;
  let previewSeq = 0;
  let previewTimer: ReturnType<typeof setTimeout> | undefined;

  const selectedContract = computed<ContractInfo | null>(() => contracts.selected);

  const codec: ArgCodec = {
    encode: (value) => apiClient().encodeValue({ value }),
    decode: async (hex, type) => (await apiClient().decodeValue({ hex, type })).value,
  };

  function defaultForm(contract: ContractInfo): ContractForm {
    const fn = contract.exports.find((f) => f === 'read_value') ?? contract.exports[0] ?? '';
    return { fn, gas: '1000000000', args: {} };
  }

  /**
   * `fn`'s argument: as last edited, else its example (known samples), else none. With a driver
   * attached it starts as JSON: the example of the schema's input type, empty without a schema.
   */
  function draftOf(contract: ContractInfo, f: ContractForm, fn: string): ArgDraft {
    const edited = f.args[fn];
    if (edited !== undefined) return edited;
    const initial = initialDraft(signatureOf(contracts.sampleOf(contract), fn)?.arg);
    if (contract.driver === undefined) return initial;
    return { ...initial, mode: 'json', json: jsonExample(contract, fn) };
  }

  /** The schema's example input for `fn`; empty when there is no schema or it lacks `fn`. */
  function jsonExample(contract: ContractInfo, fn: string): string {
    const listed = drivers.schemaOf(contract)?.functions ?? [];
    return listed.some((x) => x.name === fn) ? exampleJsonText(listed, fn) : '';
  }

  /** What can be called: the exports, and the functions the driver's schema lists. */
  const functions = computed<string[]>(() => {
    const c = selectedContract.value;
    if (c === null) return [];
    return mergeFunctions(c.exports, drivers.schemaOf(c)?.functions ?? []);
  });

  const form = computed<CallForm | null>(() => {
    const c = selectedContract.value;
    const f = c === null ? undefined : forms.value[c.id];
    if (c === null || f === undefined) return null;
    const draft = draftOf(c, f, f.fn);
    return { fn: f.fn, gas: f.gas, argMode: draft.mode, argText: draftText(draft) };
  });

  function ensureForm(): void {
    const c = selectedContract.value;
    if (c !== null && forms.value[c.id] === undefined)
      forms.value = { ...forms.value, [c.id]: defaultForm(c) };
  }

  /** Another function (its own argument shows), the gas, or the current argument's text. */
  function update(patch: { fn?: string; gas?: string; argText?: string }): void {
    const c = selectedContract.value;
    if (c === null) return;
    const current = forms.value[c.id] ?? defaultForm(c);
    const next: ContractForm = {
      fn: patch.fn ?? current.fn,
      gas: patch.gas ?? current.gas,
      args: current.args,
    };
    if (patch.argText !== undefined)
      next.args = {
        ...current.args,
        [current.fn]: withText(draftOf(c, current, current.fn), patch.argText),
      };
    forms.value = { ...forms.value, [c.id]: next };
    callError.value = null;
    // Another function's bytes are not the last one's: none shown until its own are encoded.
    if (next.fn !== current.fn) preview.value = { pending: false };
    schedulePreview();
  }

  /** None, typed or hex: the text converts (typed → its encoding as hex), see switchMode. */
  async function setArgMode(mode: ArgMode): Promise<void> {
    const c = selectedContract.value;
    if (c === null) return;
    const before = forms.value[c.id] ?? defaultForm(c);
    let switched = await switchMode(draftOf(c, before, before.fn), mode, codec);
    // JSON for the first time (typed before the driver was attached): the schema's example.
    if (mode === 'json' && switched.json === undefined)
      switched = { ...switched, json: jsonExample(c, before.fn) };
    // The engine answered: apply it unless the user picked another function meanwhile.
    const now = forms.value[c.id] ?? before;
    if (now.fn !== before.fn) return;
    forms.value = { ...forms.value, [c.id]: { ...now, args: { ...now.args, [now.fn]: switched } } };
    callError.value = null;
    schedulePreview();
  }

  /** Typed values and JSON go to the engine to encode, so typing is debounced; none and hex are
   *  local and shown at once (a debounce there left the preview blank right after picking a
   *  function). */
  function schedulePreview(): void {
    clearTimeout(previewTimer);
    const mode = form.value?.argMode;
    if (mode === 'value' || mode === 'json')
      previewTimer = setTimeout(() => void updatePreview(), 120);
    else void updatePreview();
  }

  /** The argument's bytes as the engine encodes them (rkyv), for the live preview. */
  async function updatePreview(): Promise<void> {
    const f = form.value;
    const seq = ++previewSeq;
    if (f === null || f.argMode === 'none') {
      preview.value = { pending: false, hex: '0x', type: '()' };
      return;
    }
    if (f.argMode === 'hex') {
      const parsed = parseArgument('hex', f.argText);
      preview.value =
        parsed.ok && parsed.value !== undefined && 'hex' in parsed.value
          ? { pending: false, hex: parsed.value.hex, type: 'raw bytes' }
          : { pending: false, error: parsed.ok ? undefined : parsed.error };
      return;
    }
    // Nothing typed yet is not an error (the call says what is missing if it is made).
    if (f.argText.trim() === '') {
      preview.value = { pending: false };
      return;
    }
    if (f.argMode === 'json') {
      await previewJson(f, seq);
      return;
    }
    const parsed = parseValueText(f.argText);
    if (!parsed.ok) {
      preview.value = { pending: false, error: parsed.error };
      return;
    }
    preview.value = { ...preview.value, pending: true, error: undefined };
    try {
      const hex = await apiClient().encodeValue({ value: parsed.value });
      if (seq === previewSeq)
        preview.value = { pending: false, hex, type: describeValue(parsed.value) };
    } catch (e) {
      if (seq === previewSeq) preview.value = { pending: false, error: toApiError(e).message };
    }
  }

  /** JSON: parsed here (errors with their line and column), then encoded by the driver. */
  async function previewJson(f: CallForm, seq: number): Promise<void> {
    const c = selectedContract.value;
    const parsed = parseJsonText(f.argText);
    if (c === null || !parsed.ok) {
      preview.value = { pending: false, error: parsed.ok ? undefined : parsed.error };
      return;
    }
    const input = drivers.schemaOf(c)?.functions.find((x) => x.name === f.fn)?.input;
    const type = typeCaption(input) ?? 'driver-encoded';
    preview.value = { ...preview.value, pending: true, error: undefined };
    try {
      const hex = await apiClient().driverEncode({ contract: c.id, fn: f.fn, json: parsed.value });
      if (seq === previewSeq) preview.value = { pending: false, hex, type };
    } catch (e) {
      if (seq === previewSeq)
        preview.value = { pending: false, error: `driver: ${toApiError(e).message}` };
    }
  }

  function decodeKey(contract: string, fn: string): string {
    const info = contracts.contracts.find((c) => c.id === contract);
    return `${info?.codeHash ?? contract}:${fn}`;
  }

  /** The type to decode a result as: the user's last choice for this function, else the sample's. */
  function typeFor(contract: string, fn: string): string {
    const chosen = decodeTypes.value[decodeKey(contract, fn)];
    if (chosen !== undefined) return chosen;
    const info = contracts.contracts.find((c) => c.id === contract) ?? null;
    return signatureOf(contracts.sampleOf(info), fn)?.ret ?? '';
  }

  async function decode(recordId: number, type: string): Promise<void> {
    const record = history.value.find((r) => r.id === recordId);
    if (record === undefined || record.result.data === undefined) return;
    const trimmed = type.trim();
    decodeTypes.value = { ...decodeTypes.value, [decodeKey(record.contract, record.fn)]: trimmed };
    if (typeof localStorage !== 'undefined')
      localStorage.setItem(TYPES_KEY, JSON.stringify(decodeTypes.value));
    if (trimmed === '') {
      decoded.value = without(decoded.value, recordId);
      return;
    }
    decoded.value = { ...decoded.value, [recordId]: { type: trimmed, pending: true } };
    try {
      const value = await apiClient().decodeValue({ hex: record.result.data, type: trimmed });
      if (decoded.value[recordId]?.type === trimmed)
        decoded.value = {
          ...decoded.value,
          [recordId]: { type: trimmed, pending: false, text: value.text },
        };
    } catch (e) {
      if (decoded.value[recordId]?.type === trimmed)
        decoded.value = {
          ...decoded.value,
          [recordId]: { type: trimmed, pending: false, error: toApiError(e) },
        };
    }
  }

  async function call(run: CallRunner = plainCall): Promise<CallRecord | undefined> {
    const session = sessions.activeSessionId;
    const contract = selectedContract.value;
    const f = form.value;
    if (session === null || contract === null || f === null) return undefined;
    if (f.fn === '') {
      callError.value = { code: 'InvalidInput', message: 'pick a function to call', details: {} };
      return undefined;
    }
    const arg = parseArgument(f.argMode, f.argText);
    if (!arg.ok) {
      callError.value = { code: 'InvalidInput', message: `argument: ${arg.error}`, details: {} };
      return undefined;
    }
    const gas = parseGas(f.gas);
    if (!gas.ok) {
      callError.value = { code: 'InvalidInput', message: gas.error, details: {} };
      return undefined;
    }
    const request: CallRequest = {
      session,
      contract: contract.id,
      fn: f.fn,
      arg: arg.value,
      gas: gas.value,
    };
    calling.value = true;
    callError.value = null;
    liveDebug.value = [];
    try {
      const { result, profileId } = await run(request);
      const record: CallRecord = {
        id: nextRecord++,
        session,
        contract: contract.id,
        fn: f.fn,
        argSummary:
          arg.value === undefined
            ? '()'
            : 'hex' in arg.value
              ? arg.value.hex
              : 'value' in arg.value
                ? JSON.stringify(arg.value.value)
                : JSON.stringify(arg.value.json),
        // What the contract got, however it was given (typed and JSON arguments are encoded
        // by the engine), so the driver can decode it like any other.
        argHex:
          result.arg ?? (arg.value !== undefined && 'hex' in arg.value ? arg.value.hex : undefined),
        result,
        profileId,
        at: Date.now(),
      };
      history.value = [record, ...history.value].slice(0, HISTORY);
      selectedRecordId.value = record.id;
      sessions.recordCall(session, {
        fn: f.fn,
        ok: result.ok,
        gasSpent: result.gasSpent,
        gasLimit: result.gasLimit,
        gasTable: result.gasTable,
        errorCode: result.error?.code,
      });
      const type = typeFor(contract.id, f.fn);
      if (result.ok && type !== '' && result.data !== undefined && result.data !== '0x')
        void decode(record.id, type);
      return record;
    } catch (e) {
      callError.value = toApiError(e);
      return undefined;
    } finally {
      calling.value = false;
    }
  }

  function selectRecord(id: number): void {
    selectedRecordId.value = id;
  }

  /** Fill the form from a recorded call (Steps view → "Call again"). */
  function prefill(contract: string, fn: string, argHex: string): void {
    contracts.select(contract);
    const c = selectedContract.value;
    if (c === null) return;
    const empty = argHex === '0x' || argHex === '';
    const current = forms.value[c.id] ?? defaultForm(c);
    const draft: ArgDraft = { mode: empty ? 'none' : 'hex', value: '', hex: empty ? '' : argHex };
    forms.value = {
      ...forms.value,
      [c.id]: { ...current, fn, args: { ...current.args, [fn]: draft } },
    };
    schedulePreview();
  }

  function reset(): void {
    history.value = [];
    forms.value = {};
    decoded.value = {};
    selectedRecordId.value = null;
  }

  function onDebug(event: ApiEvents['debug']): void {
    if (event.session === sessions.activeSessionId && calling.value)
      liveDebug.value = [...liveDebug.value.slice(-199), event.message];
  }

  const sessionHistory = computed(() =>
    history.value.filter((r) => r.session === sessions.activeSessionId),
  );
  const selectedRecord = computed(
    () =>
      sessionHistory.value.find((r) => r.id === selectedRecordId.value) ??
      sessionHistory.value[0] ??
      null,
  );

  watch(selectedContract, () => {
    ensureForm();
    callError.value = null;
    schedulePreview();
  });

  // The schema arrived (or failed): the JSON it pre-fills is previewed.
  watch(
    () => drivers.schemaOf(selectedContract.value)?.pending,
    () => schedulePreview(),
  );

  return {
    forms,
    preview,
    history,
    selectedRecordId,
    decodeTypes,
    decoded,
    calling,
    callError,
    liveDebug,
    selectedContract,
    form,
    functions,
    sessionHistory,
    selectedRecord,
    ensureForm,
    update,
    setArgMode,
    updatePreview,
    typeFor,
    decode,
    call,
    selectRecord,
    prefill,
    onDebug,
    reset,
  };
});
