/**
 * What a user is told when damage stops a store from opening (or from being written): every
 * log record is checksummed and self-delimiting, so `check --repair` can rebuild the store from
 * the intact records into a new file. The error says so, and marks itself `repairable`, which
 * is how `check` knows it can still look past it (check-file.ts).
 */
import { PiecrustError, type ErrorDetails } from '../core/errors';

function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`;
}

export function repairCommand(path: string): string {
  return `piecrust-inspector check --store ${shellWord(path)} --repair`;
}

export function repairHint(path: string): string {
  return `\`${repairCommand(path)}\` rebuilds the store from the intact records of its log into a new file (this one is left as it is)`;
}

/** A PersistenceError for damage that `check --repair` can get past. */
export function repairableError(
  path: string,
  message: string,
  details: ErrorDetails = {},
): PiecrustError {
  return new PiecrustError('PersistenceError', `${path}: ${message}. ${repairHint(path)}`, {
    path,
    ...details,
    repairable: true,
  });
}

export function isRepairable(e: unknown): e is PiecrustError {
  return e instanceof PiecrustError && e.details.repairable === true;
}
