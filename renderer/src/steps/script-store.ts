/**
 * Scripts: load one (a path on the engine host, or pasted JSON), run it a step at a time or to
 * the end with progress, and save the active session's calls as a script (where: the desktop
 * app's Save dialog, or the path typed in a browser tab; api/save-dialog.ts). "Run all" steps in
 * a loop rather than calling `scriptRun` once, so the progress bar moves and Stop works between
 * steps. Sessions the script leaves open stay open as tabs, and the end of the script says so.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ApiError, ScriptInfo, ScriptStepResult } from '../../../engine/api/types';
import { apiClient } from '../api/instance';
import { desktopSaveDialog } from '../api/save-dialog';
import { toApiError } from '../common/lib/error-words';
import { plural } from '../common/lib/format';
import { appendResult } from './script-links';
import { useSessionStore } from '../workspace/session-store';
import { useUiStore } from '../common/ui-store';

export const useScriptStore = defineStore('scripts', () => {
  const inputMode = ref<'path' | 'paste'>('path');
  const pathDraft = ref('');
  const jsonDraft = ref('');
  const script = ref<ScriptInfo | null>(null);
  const scriptName = ref('');
  const results = ref<ScriptStepResult[]>([]);
  const loading = ref(false);
  const running = ref(false);
  const error = ref<ApiError | null>(null);
  const savePath = ref('');
  const saving = ref(false);
  const saved = ref<unknown>(null);
  /** The file the last save wrote (null: it was only shown, for download). */
  const savedTo = ref<string | null>(null);
  const saveError = ref<ApiError | null>(null);
  let stopRequested = false;

  const position = computed(() => results.value.length);
  const total = computed(() => script.value?.steps ?? 0);
  const done = computed(
    () => script.value !== null && (script.value.done || position.value >= total.value),
  );
  const passed = computed(() => results.value.filter((r) => r.passed).length);
  /** Once it is done: the sessions it opened that are still open (tabs now, the user's). */
  const leftOpen = computed(() => {
    if (!done.value) return [];
    const its = new Set(results.value.map((r) => r.session));
    return useSessionStore().sessions.filter((s) => its.has(s.id));
  });
  const failed = computed(() => results.value.length - passed.value);

  async function load(source?: { path: string } | { json: string }): Promise<boolean> {
    const mode = source === undefined ? inputMode.value : 'path' in source ? 'path' : 'paste';
    const text =
      source === undefined
        ? mode === 'path'
          ? pathDraft.value
          : jsonDraft.value
        : 'path' in source
          ? source.path
          : source.json;
    if (source !== undefined) {
      inputMode.value = mode;
      if (mode === 'path') pathDraft.value = text;
      else jsonDraft.value = text;
    }
    error.value = null;
    let request: { path: string } | { json: unknown };
    if (mode === 'path') {
      if (text.trim() === '') {
        error.value = {
          code: 'InvalidInput',
          message: 'type the path of a script (.json) on the engine host',
          details: {},
        };
        return false;
      }
      request = { path: text.trim() };
    } else {
      try {
        request = { json: JSON.parse(text) as unknown };
      } catch (e) {
        error.value = {
          code: 'InvalidInput',
          message: `the script is not valid JSON: ${(e as Error).message}`,
          details: {},
        };
        return false;
      }
    }
    loading.value = true;
    try {
      script.value = await apiClient().loadScript(request);
      scriptName.value = 'path' in request ? request.path : 'pasted script';
      results.value = [];
      return true;
    } catch (e) {
      error.value = toApiError(e);
      return false;
    } finally {
      loading.value = false;
    }
  }

  /** Steps run strictly one after another: quick clicks queue instead of racing. */
  let queue: Promise<unknown> = Promise.resolve();
  const stepping = ref(false);

  async function runStep(): Promise<ScriptStepResult | null> {
    const s = script.value;
    if (s === null || done.value) return null;
    error.value = null;
    try {
      const result = await apiClient().scriptStep({ script: s.id });
      if (result === null) script.value = { ...s, done: true };
      else {
        results.value = appendResult(results.value, result);
        script.value = { ...s, position: result.index + 1, done: result.index + 1 >= s.steps };
      }
      if (done.value) tellLeftOpen();
      return result;
    } catch (e) {
      error.value = toApiError(e);
      return null;
    }
  }

  function step(): Promise<ScriptStepResult | null> {
    const next = queue.then(async () => {
      stepping.value = true;
      try {
        return await runStep();
      } finally {
        stepping.value = false;
      }
    });
    queue = next.catch(() => undefined);
    return next;
  }

  function tellLeftOpen(): void {
    const open = leftOpen.value;
    if (open.length === 0) return;
    const names = open.map((s) => `“${s.name}”`).join(', ');
    useUiStore().notify(
      'info',
      `The script ended with ${plural(open.length, 'session')} open (${names}): kept as tabs, to commit or discard.`,
    );
  }

  async function runAll(): Promise<void> {
    if (script.value === null || running.value) return;
    running.value = true;
    stopRequested = false;
    try {
      while (!done.value && !stopRequested && error.value === null) {
        if ((await step()) === null) break;
      }
    } finally {
      running.value = false;
    }
  }

  function stop(): void {
    stopRequested = true;
  }

  function unload(): void {
    stop();
    script.value = null;
    results.value = [];
    error.value = null;
  }

  async function save(session: string): Promise<unknown> {
    saving.value = true;
    saveError.value = null;
    try {
      const dialog = desktopSaveDialog();
      let path: string;
      if (dialog !== undefined) {
        const picked = await dialog();
        if (picked === null) return undefined; // cancelled: nothing saved, nothing shown
        path = picked;
      } else {
        path = savePath.value.trim();
      }
      saved.value = await apiClient().saveScript(path === '' ? { session } : { session, path });
      savedTo.value = path === '' ? null : path;
      return saved.value;
    } catch (e) {
      saveError.value = toApiError(e);
      return undefined;
    } finally {
      saving.value = false;
    }
  }

  return {
    inputMode,
    pathDraft,
    jsonDraft,
    script,
    scriptName,
    results,
    loading,
    running,
    stepping,
    error,
    savePath,
    saving,
    saved,
    savedTo,
    saveError,
    position,
    total,
    done,
    passed,
    failed,
    leftOpen,
    load,
    step,
    runAll,
    stop,
    unload,
    save,
  };
});
