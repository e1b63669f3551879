/**
 * The API over Electron IPC: one handler per InspectorApi method (channels derived from the
 * interface), each checking that the message comes from the main frame of our own window before
 * routing it to the engine host. Dependencies come in as parameters so the wiring is testable
 * without Electron.
 */
import { API_METHODS, channelOf } from '../../engine/api/types';
import type { HostReply } from './engine-host-client';

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (
      event: { senderFrame: { url: string } | null; sender: unknown },
      params: unknown,
    ) => Promise<HostReply>,
  ): void;
}

export interface ApiRouting {
  ipcMain: IpcMainLike;
  invoke(method: string, params: unknown): Promise<HostReply>;
  /** True when the sender is our window's main frame showing our renderer. */
  isTrustedSender(event: { senderFrame: { url: string } | null; sender: unknown }): boolean;
}

export function registerApiHandlers(routing: ApiRouting): string[] {
  const channels: string[] = [];
  for (const method of API_METHODS) {
    const channel = channelOf(method);
    routing.ipcMain.handle(channel, async (event, params) => {
      if (!routing.isTrustedSender(event)) {
        return {
          ok: false,
          error: {
            code: 'Forbidden',
            message: `refused ${channel} from ${event.senderFrame?.url ?? 'an unknown frame'}`,
            details: {},
          },
        };
      }
      return routing.invoke(method, params);
    });
    channels.push(channel);
  }
  return channels;
}
