// `run` names each failing step's real cause, with the numbers that explain it, and prefixes
// each error with its code once.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { blake3 } from '../hash/blake3';
import { main } from './main';

const BUILD = new URL('../../contracts/build/', import.meta.url).pathname;
const COUNTER_ID = Buffer.from(blake3(readFileSync(`${BUILD}counter.wasm`))).toString('hex');

test('each failed step says what went wrong, not what piecrust’s text suggests', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pi-cli-errors-'));
  writeFileSync(join(dir, 'notes.wasm'), 'just some notes\n');
  mkdirSync(join(dir, 'folder.wasm'));
  const deploy = (name: string, wasm: string) => ({ op: 'deploy', session: 's', wasm, name });
  writeFileSync(
    join(dir, 'script.json'),
    JSON.stringify({
      version: 1,
      steps: [
        { op: 'session', name: 's' },
        deploy('counter', `${BUILD}counter.wasm`),
        { op: 'call', session: 's', contract: 'counter', fn: 'nope' },
        deploy('again', `${BUILD}counter.wasm`),
        deploy('notes', 'notes.wasm'),
        deploy('folder', 'folder.wasm'),
        deploy('invalid', `${BUILD}invalid.wasm`),
      ],
    }),
  );
  const lines: string[] = [];
  const code = await main(['run', join(dir, 'script.json')], {
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
  });
  expect(code).toBe(1);
  const line = (index: number): string => lines.find((l) => l.includes(` #${index} `)) ?? '';
  for (const l of lines) expect(l).not.toMatch(/(\w+Error): \1:/);
  expect(line(2)).toContain(
    `error=RuntimeError: contract ${COUNTER_ID} does not export \`nope\`  — expected success, got RuntimeError`,
  );
  expect(line(3)).toContain(`contract ${COUNTER_ID} is already deployed in this session`);
  expect(line(3)).toContain('give a contractId to deploy another copy');
  expect(line(4)).toContain(
    'not a WebAssembly module: 16 bytes starting 6a 75 73 74 20 73 6f 6d ("just som")',
  );
  expect(line(5)).toContain(`folder.wasm: it is a directory, not a regular file`);
  expect(line(6)).toContain(
    'the export bad_function has type (i64) -> (i64); piecrust calls every exported function as (i32) -> (i32)',
  );
});
