/**
 * Errors as the API hands them to the app name their real cause, with the numbers that explain
 * it, across the worker boundary the app's sessions run behind (issue 10: a text file deployed
 * read "the contract trapped", a duplicate id "check the init argument", a wrongly typed export
 * "does not export", script results "RuntimeError: RuntimeError:", a short decode only
 * "ValidationError").
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { InspectorService } from '../../engine/api/service';
import { BUILD, rejection, wasmHex } from './suite-support';

let service: InspectorService;
let session: string;
const dir = mkdtempSync(join(tmpdir(), 'pi-api-errors-'));

beforeAll(async () => {
  service = await InspectorService.create();
  session = (await service.openSession({})).id;
});
afterAll(async () => {
  await service.close();
});

test('a file that is not a WebAssembly module: its size, its first bytes, the header expected', async () => {
  writeFileSync(join(dir, 'readme.wasm'), '# my contract\n');
  const result = await service.deploy({
    session,
    source: { kind: 'file', path: join(dir, 'readme.wasm') },
  });
  expect(result.ok).toBe(false);
  expect(result.error).toMatchObject({
    code: 'RuntimeError',
    details: { problem: 'not-wasm', size: 14, start: '23 20 6d 79 20 63 6f 6e', looksLike: 'text' },
  });
  expect(result.error?.message).toMatch(/^not a WebAssembly module: 14 bytes starting 23 20 6d/);
  const empty = await service.deploy({ session, source: { kind: 'bytes', hex: '0x' } });
  expect(empty.error?.message).toBe('not a WebAssembly module: it is empty (0 bytes)');
});

test('a directory is refused as a directory, naming the path', async () => {
  const folder = join(dir, 'build.wasm');
  mkdirSync(folder);
  const refused = await rejection(
    service.deploy({ session, source: { kind: 'file', path: folder } }),
  );
  expect(refused).toMatchObject({
    code: 'InvalidInput',
    message: `cannot read contract ${folder}: it is a directory, not a regular file`,
    details: { path: folder, kind: 'a directory' },
  });
});

test('deploying the same code twice is a duplicate id: which id, where, and whether it was given', async () => {
  const first = await service.deploy({
    session,
    source: { kind: 'bytes', hex: wasmHex('counter') },
  });
  const again = await service.deploy({ session, source: { kind: 'sample', name: 'counter' } });
  expect(again.error).toMatchObject({
    code: 'InitalizationError',
    details: {
      contract: first.contractId,
      reason: 'duplicate-id',
      deployedIn: 'session',
      explicitId: false,
    },
  });
  // A second copy under another id deploys.
  const copy = await service.deploy({
    session,
    source: { kind: 'sample', name: 'counter' },
    contractId: '11'.repeat(32),
  });
  expect(copy.ok).toBe(true);
  const taken = await service.deploy({
    session,
    source: { kind: 'sample', name: 'counter' },
    contractId: '11'.repeat(32),
  });
  expect(taken.error?.details).toMatchObject({ reason: 'duplicate-id', explicitId: true });
});

test('invalid.wasm exports bad_function with the wrong type: both signatures are in the details', async () => {
  const result = await service.deploy({
    session,
    source: { kind: 'file', path: `${BUILD}invalid.wasm` },
  });
  expect(result.error).toMatchObject({
    code: 'InvalidFunction',
    details: { function: 'bad_function', type: '(i64) -> (i64)', expected: '(i32) -> (i32)' },
  });
});

test('4 bytes decoded as u64: the type, its size and the byte count', async () => {
  const refused = await rejection(service.decodeValue({ hex: '0x01020304', type: 'u64' }));
  expect(refused).toMatchObject({
    code: 'ValidationError',
    message: 'cannot decode 4 bytes as u64: a u64 is 8 bytes',
    details: { requested: 'u64', requestedSize: 8, bytes: 4 },
  });
});

test('a script step that failed names its error once, with its cause', async () => {
  const script = await service.loadScript({
    json: {
      version: 1,
      steps: [
        { op: 'session', name: 's' },
        { op: 'deploy', session: 's', wasm: `${BUILD}counter.wasm`, name: 'c' },
        { op: 'call', session: 's', contract: 'c', fn: 'nope' },
        { op: 'deploy', session: 's', wasm: `${BUILD}counter.wasm`, name: 'again' },
      ],
    },
  });
  const results = await service.scriptRun({ script: script.id });
  expect(results.map((r) => r.passed)).toEqual([true, true, false, false]);
  expect(results[2].reason).toMatch(
    /^expected success, got RuntimeError: contract \w+ does not export `nope`$/,
  );
  expect(results[3].reason).toContain('is already deployed in this session');
  for (const r of results) expect(r.reason ?? '').not.toMatch(/(\w+Error): \1:/);
});

test('a script whose driver file is missing says it is the driver it cannot read, not the contract', async () => {
  const script = await service.loadScript({
    json: {
      version: 1,
      steps: [
        { op: 'session', name: 's' },
        {
          op: 'deploy',
          session: 's',
          wasm: `${BUILD}counter.wasm`,
          name: 'c',
          driver: join(dir, 'no-such-driver.wasm'),
        },
      ],
    },
  });
  const results = await service.scriptRun({ script: script.id });
  expect(results.map((r) => r.passed)).toEqual([true, false]);
  expect(results[1].reason).toContain(`cannot read driver ${join(dir, 'no-such-driver.wasm')}`);
});
