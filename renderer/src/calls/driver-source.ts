/**
 * A .wasm file handed over as a data-driver (picked, or dropped on a contract's card, or chosen
 * in the deploy form): by its path in the desktop app, by its bytes in a browser.
 */
import type { ApiError, DriverSource } from '../../../engine/api/types';
import { MAX_UPLOAD_BYTES, desktopPathOf, fileHex } from '../api/files';

export function refusal(message: string): ApiError {
  return { code: 'InvalidInput', message, details: {} };
}

/** Its source for the engine, or why it cannot be one. */
export async function driverSourceOf(file: File): Promise<DriverSource | ApiError> {
  if (!file.name.toLowerCase().endsWith('.wasm'))
    return refusal(`${file.name} is not a .wasm file: a data-driver is a wasm module`);
  const path = desktopPathOf(file);
  if (path !== undefined) return { path };
  if (file.size > MAX_UPLOAD_BYTES)
    return refusal(
      `${file.name} is ${file.size.toLocaleString('en-US')} bytes, more than the ${MAX_UPLOAD_BYTES.toLocaleString('en-US')} a browser can send; give its path on the engine host instead`,
    );
  try {
    return { hex: await fileHex(file) };
  } catch (e) {
    return refusal(`cannot read ${file.name} (${(e as Error).message}): is it a folder?`);
  }
}
