/**
 * What the engine host does with a message from the main process. Two kinds arrive on the one
 * channel, in the order the main process sent them:
 * - `{ type: 'invoke', id, method, params }`: an API request (the renderer's, routed by main),
 *   checked and run by `dispatch`, which knows only InspectorApi methods;
 * - `{ type: 'allowWritesIn', folder }`: the main process saying the user chose `folder` (a
 *   native dialog, the command line). Only main can send it: the renderer reaches the host
 *   through `invoke` alone, and `allowWritesIn` is not an API method.
 * Anything else is reported (never thrown: a bad message must not take the engine down).
 */
import { isAbsolute } from 'node:path';
import type { InspectorApi } from '../../engine/api/types';
import { dispatch, type RpcReply } from '../../engine/server/rpc';

export interface HostService extends InspectorApi {
  allowWritesIn(folder: string): void;
}

export interface HostOutput {
  /** A message to the main process. */
  post(message: { type: 'reply'; id: number; reply: RpcReply }): void;
  /** A message that went wrong, for the log (the host has no window to show it in). */
  complain(text: string): void;
}

/** Handle one message; an API reply is posted when the request settles (the returned promise). */
export function handleHostMessage(
  data: unknown,
  service: HostService,
  out: HostOutput,
): Promise<void> {
  const message = (typeof data === 'object' && data !== null ? data : {}) as {
    type?: unknown;
    id?: unknown;
    method?: unknown;
    params?: unknown;
    folder?: unknown;
  };
  if (message.type === 'invoke') {
    const id = message.id;
    if (typeof id !== 'number') {
      out.complain(`engine host: an invoke message needs a numeric id, got ${JSON.stringify(id)}`);
      return Promise.resolve();
    }
    return dispatch(service, id, message.method, message.params).then((reply) =>
      out.post({ type: 'reply', id, reply }),
    );
  }
  if (message.type === 'allowWritesIn') {
    const folder = message.folder;
    if (typeof folder !== 'string' || !isAbsolute(folder)) {
      out.complain(
        `engine host: allowWritesIn needs an absolute folder path, got ${JSON.stringify(folder)}`,
      );
    } else {
      try {
        service.allowWritesIn(folder);
      } catch (e) {
        // Gone since the user picked it: the write that follows is refused with its own error.
        out.complain(
          `engine host: cannot allow writes in ${folder}: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
    return Promise.resolve();
  }
  out.complain(`engine host: unknown message type ${JSON.stringify(message.type)}`);
  return Promise.resolve();
}
