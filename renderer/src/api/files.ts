/**
 * Local files the user hands to the page (picker or drag-and-drop). In the desktop app the preload
 * reveals the file's path, so the engine can read it itself; a browser only gives the bytes,
 * which travel as hex.
 */
import { hexFromBytes } from '../common/lib/hex';
import { ApiRequestError } from './client';

/** The WebSocket carries at most 16 MiB per message; hex doubles the size. */
export const MAX_UPLOAD_BYTES = 7 * 1024 * 1024;

export function desktopPathOf(file: File): string | undefined {
  const path = window.inspector?.pathForFile?.(file);
  return path === undefined || path === '' ? undefined : path;
}

/**
 * A dropped store, in the desktop app: its folder is granted to the engine (the user chose it by
 * dropping it), so it can be opened. Undefined in a browser; throws the main process's refusal.
 */
export async function grantDroppedStore(file: File): Promise<string | undefined> {
  const reply = await window.inspector?.droppedStore?.(file);
  if (reply === undefined) return undefined;
  if (!reply.ok) throw new ApiRequestError(reply.error);
  return typeof reply.value === 'string' ? reply.value : undefined;
}

export async function fileHex(file: File): Promise<string> {
  return hexFromBytes(new Uint8Array(await file.arrayBuffer()));
}
