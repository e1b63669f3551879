/**
 * Where deployed bytecode comes from: the sample contracts the UI offers (the test contracts
 * built into contracts/build/ by `npm run build:contracts`, described for a first-time user), a
 * file on the engine's host, or bytes sent with the request.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PiecrustError } from '../core/errors';
import { hexToBytes } from '../core/ids';
import { readUserFile } from '../core/user-files';
import type { ContractSource } from './types';

export interface Sample {
  name: string;
  description: string;
}

export const SAMPLES: readonly Sample[] = [
  { name: 'counter', description: 'An i64 counter starting at 252: read_value, increment.' },
  { name: 'box', description: 'An Option<i16> box: set(i16), get() -> Option<i16>.' },
  {
    name: 'callcenter',
    description:
      'Calls other contracts: query_counter, increment_counter, delegate_query, call_self_n_times…',
  },
  { name: 'eventer', description: 'Emits events: emit_events(u32), emit_input(Vec<u8>).' },
  { name: 'fibonacci', description: 'Recursive Fibonacci: nth(u32) -> u64.' },
  { name: 'stack', description: 'A LIFO of i32: push, pop, len.' },
  { name: 'vector', description: 'A Vec<i16>: push, pop.' },
  { name: 'grower', description: 'Grows memory by 64 KiB per append (raw bytes).' },
  {
    name: 'fallible_counter',
    description: 'increment(bool) panics when asked to: a reverted call.',
  },
  { name: 'metadata', description: 'Reads its own id and owner: read_id, read_owner.' },
  { name: 'crossover', description: 'Re-entrant calls between two instances.' },
  { name: 'spender', description: 'Reports limit() and spent(); spend() panics.' },
  {
    name: 'double_counter',
    description: 'Two counters: read_values, increment_left, increment_right.',
  },
  { name: 'debugger', description: 'debug(String) prints through hdebug.' },
  { name: 'initializer', description: 'init(u8) runs once at deploy; read_value, increment.' },
  { name: 'counter64', description: 'A counter on a wasm64 (memory64) contract.' },
];

export function samplesDirectory(): string {
  return fileURLToPath(new URL('../../contracts/build/', import.meta.url));
}

export function sampleBytecode(name: string, directory = samplesDirectory()): Uint8Array {
  if (!SAMPLES.some((s) => s.name === name)) {
    throw new PiecrustError('InvalidInput', `unknown sample contract "${name}"`, { name });
  }
  const path = `${directory}${name}.wasm`;
  if (!existsSync(path)) {
    throw new PiecrustError(
      'InvalidInput',
      `sample ${name} is not built (${path}): run npm run build:contracts`,
      { name },
    );
  }
  return new Uint8Array(readFileSync(path));
}

export function contractBytecode(
  source: ContractSource,
  samplesDir = samplesDirectory(),
): Uint8Array {
  switch (source.kind) {
    case 'sample':
      return sampleBytecode(source.name, samplesDir);
    case 'file':
      return readUserFile(source.path, 'contract');
    case 'bytes':
      return hexToBytes(source.hex);
  }
}
