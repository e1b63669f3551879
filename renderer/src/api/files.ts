/**
 * Local files the user hands to the page (picker or drag-and-drop). In the desktop app the preload
 * reveals the file's path, so the engine can read it itself; a browser only gives the bytes,
 * which travel as hex.
 */
import { hexFromBytes } from '../lib/hex';

export function desktopPathOf(file: File): string | undefined {
  const path = window.inspector?.pathForFile?.(file);
  return path === undefined || path === '' ? undefined : path;
}

export async function fileHex(file: File): Promise<string> {
  return hexFromBytes(new Uint8Array(await file.arrayBuffer()));
}
