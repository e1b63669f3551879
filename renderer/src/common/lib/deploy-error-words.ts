/**
 * Words for the errors a deploy meets before any contract code runs: a path that is not a file,
 * bytes that are not a WebAssembly module, a module piecrust refuses (an export of the wrong
 * type, an unknown import), and a contract id already taken. piecrust's own texts for these
 * ("Deployed error already exists", "Invalid function: f") hide the cause; the engine puts it
 * in the details, and these sentences say it with its numbers.
 */
import type { ApiError } from '../../../../engine/api/types';
import { plural } from './format';
import { shortId } from './hex';

export interface Words {
  title: string;
  sentence: string;
}

const text = (error: ApiError, key: string): string | undefined => {
  const v = error.details[key];
  return v === undefined || v === null ? undefined : String(v);
};

/** `cannot read contract PATH: …` (InvalidInput) with the file's kind or the open error. */
export function fileWords(error: ApiError): Words | undefined {
  const path = text(error, 'path');
  if (path === undefined) return undefined;
  const kind = text(error, 'kind');
  if (kind === 'a directory')
    return {
      title: 'Path is a directory',
      sentence: `${path} is a directory, not a file. Give the path of the compiled .wasm inside it.`,
    };
  if (kind !== undefined)
    return { title: 'Not a regular file', sentence: `${path} is ${kind}, not a regular file.` };
  if (text(error, 'reason') === 'ENOENT')
    return { title: 'No such file', sentence: `There is no file ${path} on the engine host.` };
  if (text(error, 'maxBytes') !== undefined)
    return { title: 'File too large', sentence: error.message };
  return undefined;
}

/** Bytes that do not start as a module: size, first bytes, the header expected, a guess. */
export function notWasmWords(error: ApiError): Words | undefined {
  if (text(error, 'problem') !== 'not-wasm') return undefined;
  const size = Number(error.details.size);
  const looksLike = text(error, 'looksLike');
  const what =
    size === 0
      ? 'It is empty (0 bytes)'
      : `It has ${plural(size, 'byte')}, starting ${text(error, 'start')}${
          looksLike === undefined || looksLike === 'unknown data' ? '' : ` (${looksLike})`
        }`;
  return {
    title: 'Not a WebAssembly module',
    sentence: `${what}; a WebAssembly module starts ${text(error, 'expected')}. Nothing was deployed: pick the compiled .wasm.`,
  };
}

/** A module that loads but breaks piecrust's rules, or fails to load, at deploy. */
export function moduleWords(error: ApiError): Words | undefined {
  const fn = text(error, 'function');
  const type = text(error, 'type');
  if (error.code === 'InvalidFunction' && fn !== undefined && type !== undefined)
    return {
      title: 'Export has the wrong type',
      sentence: `The module exports ${fn} as ${type}, but piecrust calls every exported function as ${text(error, 'expected') ?? '(i32) -> (i32)'} (argument length in, result length out). Nothing was deployed: change its signature or stop exporting it.`,
    };
  const imported = text(error, 'import');
  if (error.code === 'InvalidFunction' && imported !== undefined)
    return {
      title: 'Unknown import',
      sentence: `The module imports ${imported}, which is not a piecrust host function. Nothing was deployed.`,
    };

  // Decoding, validation and feature checks of the module (they carry where or what failed).
  if (['offset', 'memories', 'import'].some((k) => k in error.details))
    return {
      title: 'Module cannot be loaded',
      sentence: `${error.message.replace(/^RuntimeError:\s*/, '')}. Nothing was deployed.`,
    };
  return undefined;
}

/** InitalizationError: a taken contract id, or a call to `init`. */
export function initWords(error: ApiError): Words | undefined {
  const reason = text(error, 'reason');
  if (reason === 'duplicate-id') {
    const id = shortId(text(error, 'contract') ?? '');
    const where = text(error, 'deployedIn') === 'base' ? 'the base commit' : 'this session';
    return error.details.explicitId === true
      ? {
          title: 'Contract id taken',
          sentence: `The contract id ${id} you gave is already deployed in ${where}. Choose another id.`,
        }
      : {
          title: 'Contract already deployed',
          sentence: `A contract with id ${id} is already deployed in ${where}. Without an explicit id, a contract’s id is the BLAKE3 hash of its code, so the same code always gets the same id. To deploy a second copy, give it another contract id (under “Owner, init argument, id, gas”).`,
        };
  }
  if (reason === 'init-call')
    return {
      title: 'init cannot be called',
      sentence: 'init runs once, when the contract is deployed. Call another function.',
    };
  return undefined;
}
