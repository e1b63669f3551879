/**
 * An error as one line of text, for the CLI and for script step results. piecrust's Display
 * texts are kept verbatim in `message` (they are what one searches for), but some of them hide
 * the cause ("Deployed error already exists" is a duplicate contract id; "Invalid function:
 * bad_function" is an export of the wrong type): the cause is in `details`, and is added here in
 * words with its numbers.
 */
import type { ErrorData } from './errors';

/** The message with its code in front exactly once: "RuntimeError: wasm trap: unreachable". */
export function errorHeadline(error: Pick<ErrorData, 'code' | 'message'>): string {
  const { code, message } = error;
  return message === code || message.startsWith(`${code}:`) ? message : `${code}: ${message}`;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The cause that piecrust's Display text leaves out, from the details; undefined when none. */
export function errorCause(error: ErrorData): string | undefined {
  const d = error.details;
  if (error.code === 'InitalizationError' && d.reason === 'duplicate-id') {
    const where = d.deployedIn === 'base' ? 'the base commit' : 'this session';
    const contract = str(d.contract) ?? '?';
    return d.explicitId === true
      ? `the contract id ${contract} you gave is taken in ${where}: choose another contractId`
      : `contract ${contract} is already deployed in ${where}: without a contractId a contract's id is the BLAKE3 hash of its bytecode, so the same code gets the same id; give a contractId to deploy another copy`;
  }
  if (error.code === 'InitalizationError' && d.reason === 'init-call') {
    return 'init runs once, at deploy, and cannot be called';
  }
  if (
    error.code === 'InvalidFunction' &&
    str(d.function) !== undefined &&
    str(d.type) !== undefined
  ) {
    return `the export ${str(d.function)} has type ${str(d.type)}; piecrust calls every exported function as ${str(d.expected) ?? '(i32) -> (i32)'}`;
  }
  if (error.code === 'InvalidFunction' && str(d.import) !== undefined) {
    return `the import ${str(d.import)} is ${str(d.reason) ?? 'not a piecrust host function'}`;
  }
  return undefined;
}

/** Headline and cause: "InvalidFunction: Invalid function: f (the export f has type …)". */
export function errorText(error: ErrorData): string {
  const cause = errorCause(error);
  return cause === undefined ? errorHeadline(error) : `${errorHeadline(error)} (${cause})`;
}
