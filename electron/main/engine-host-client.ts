/**
 * Main's side of the engine host: forks the utility process, matches replies to requests, and
 * forwards pushed events. If the host dies (a crash in a native addon, say) it is restarted on the
 * store that was open (host-restart.ts) and the windows get `engineRestarted`: open sessions were
 * lost, committed data lives in the store file.
 *
 * Folders the user chose (granted with `allowWritesIn`) go to the host as main's own message, not
 * as an API request, and are remembered: a restarted host starts with them (its config).
 */
import { utilityProcess, type UtilityProcess } from 'electron';
import type { ApiError, ApiEvents, WorkspaceInfo } from '../../engine/api/types';
import { storeAfterRestart } from './host-restart';

export type HostReply = { ok: true; value: unknown } | { ok: false; error: ApiError };

export interface EngineHost {
  invoke(method: string, params: unknown): Promise<HostReply>;
  /**
   * Let the engine write in `folder` (absolute), which the user chose. Resolves once the grant is
   * posted: a request invoked after that arrives after it (one ordered channel).
   */
  allowWritesIn(folder: string): Promise<void>;
  onEvent(listener: (event: string, payload: unknown) => void): void;
  stop(): void;
}

export function startEngineHost(
  entry: string,
  config: { userData: string; samplesDir: string; store?: string },
): EngineHost {
  let child: UtilityProcess;
  let nextId = 1;
  let stopping = false;
  const pending = new Map<number, (reply: HostReply) => void>();
  const listeners: Array<(event: string, payload: unknown) => void> = [];
  let ready: Promise<void>;
  let isReady = false;
  // The store the host has open, followed through its workspaceChanged events.
  let openStore = ':memory:';
  const granted = new Set<string>();
  const emit = (event: string, payload: unknown): void => {
    for (const l of listeners) l(event, payload);
  };

  const fork = (store: string, restartedAfter?: { code: number | null }): void => {
    isReady = false;
    child = utilityProcess.fork(entry, [], {
      serviceName: 'Piecrust Inspector engine',
      env: {
        ...process.env,
        PIECRUST_HOST_CONFIG: JSON.stringify({ ...config, store, granted: [...granted] }),
      },
      execArgv: ['--experimental-wasm-memory64'],
    });
    ready = new Promise((resolve) => {
      child.on(
        'message',
        (message: {
          type: string;
          id?: number;
          reply?: { result?: unknown; error?: ApiError };
          event?: string;
          payload?: unknown;
          store?: string;
          storeError?: string;
        }) => {
          if (message.type === 'ready') {
            isReady = true;
            openStore = message.store ?? ':memory:';
            resolve();
            if (restartedAfter !== undefined) {
              const payload: ApiEvents['engineRestarted'] = {
                code: restartedAfter.code,
                store: openStore,
                storeError: message.storeError,
              };
              emit('engineRestarted', payload);
            }
          } else if (message.type === 'event' && message.event !== undefined) {
            if (message.event === 'workspaceChanged')
              openStore = (message.payload as WorkspaceInfo).path;
            emit(message.event, message.payload);
          } else if (message.type === 'reply' && message.id !== undefined) {
            const done = pending.get(message.id);
            pending.delete(message.id);
            const reply = message.reply ?? {};
            done?.(
              reply.error !== undefined
                ? { ok: false, error: reply.error }
                : { ok: true, value: reply.result },
            );
          }
        },
      );
    });
    child.on('exit', (code) => {
      const error: ApiError = {
        code: 'EngineRestarted',
        message: `the engine process exited (code ${code}); open sessions were lost`,
        details: { code },
      };
      for (const done of pending.values()) done({ ok: false, error });
      pending.clear();
      if (stopping) return;
      fork(storeAfterRestart(openStore, !isReady), { code });
    });
  };
  fork(config.store ?? ':memory:');

  return {
    async invoke(method, params) {
      await ready;
      const id = nextId++;
      return new Promise<HostReply>((resolve) => {
        pending.set(id, resolve);
        child.postMessage({ type: 'invoke', id, method, params });
      });
    },
    async allowWritesIn(folder) {
      // Remembered first: a host forked from now on starts with it, whether or not this one
      // lives to receive the message.
      granted.add(folder);
      await ready;
      child.postMessage({ type: 'allowWritesIn', folder });
    },
    onEvent(listener) {
      listeners.push(listener);
    },
    stop() {
      stopping = true;
      child.kill();
    },
  };
}
