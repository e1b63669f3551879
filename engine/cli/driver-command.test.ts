// `piecrust-inspector driver`: our sample drivers (contracts/drivers/) asked from the command
// line, a refusal's exit 1 with the driver's own text, and usage errors before any driver runs.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildContracts } from '../../contracts/build.mjs';
import { bytesToHex } from '../core/ids';
import { encode, t } from '../rkyv';
import { main } from './main';

const BIN = fileURLToPath(new URL('../../bin/piecrust-inspector.js', import.meta.url));
const driver = (name: string): string =>
  fileURLToPath(new URL(`../../contracts/build/drivers/${name}.wasm`, import.meta.url));

beforeAll(async () => {
  await buildContracts({
    only: ['drivers/counter', 'drivers/box', 'drivers/eventer'],
    log: () => {},
  });
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('piecrust-inspector driver', () => {
  test('schema and version print JSON', async () => {
    const schema = await cli(['driver', driver('counter'), 'schema']);
    expect(schema.code).toBe(0);
    expect(JSON.parse(schema.out)).toMatchObject({
      contract: 'counter',
      functions: [
        { name: 'read_value', input: '()', output: 'i64' },
        { name: 'increment', input: '()', output: '()' },
      ],
    });
    expect(await cli(['driver', driver('counter'), 'version'])).toEqual({
      code: 0,
      out: '"0.1.0"',
      err: '',
    });
  });

  test('encode prints the rkyv argument as 0x…; the decoders print JSON', async () => {
    const set = await cli(['driver', driver('box'), 'encode', 'set', '-300']);
    expect(set).toEqual({ code: 0, out: `0x${bytesToHex(encode(t.i16, -300))}`, err: '' });
    const some = `0x${bytesToHex(encode(t.option(t.i16), 12))}`;
    expect((await cli(['driver', driver('box'), 'decode-output', 'get', some])).out).toBe('12');
    expect((await cli(['driver', driver('box'), 'decode-input', 'set', set.out])).out).toBe('-300');
    const value = `0x${bytesToHex(encode(t.i64, 253n))}`;
    expect(
      (await cli(['driver', driver('counter'), 'decode-output', 'read_value', value])).out,
    ).toBe('"253"');
    expect(
      (await cli(['driver', driver('eventer'), 'decode-event', 'number', '0x07000000'])).out,
    ).toBe('7');
  });

  test("a refusal exits 1 with the driver's own text", async () => {
    const r = await cli(['driver', driver('counter'), 'encode', 'reset', 'null']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'error: driver\'s encode_input_fn("reset") failed with code 1: Unsupported("fn_name reset")',
    );
    const bad = await cli(['driver', driver('box'), 'decode-output', 'get', '0x0200']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('Rkyv("Option<i16> is 4 bytes, got 2")');
  });

  test('a file that is not a driver exits 1 saying what is wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-driver-'));
    const path = join(dir, 'contract.wasm');
    writeFileSync(path, new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); // an empty module
    const r = await cli(['driver', path, 'version']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'not a data-driver: wrong or missing exports: memory (missing); alloc (missing)',
    );
    const missing = await cli(['driver', join(dir, 'nothing.wasm'), 'version']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`cannot read the driver ${join(dir, 'nothing.wasm')}`);
  });

  test('through the installed binary: JSON on stdout, a refusal on stderr with exit 1', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [
      BIN,
      'driver',
      driver('box'),
      'encode',
      'set',
      '12',
    ]);
    expect(stdout).toBe('0x0c00\n');
    const refused = await run(process.execPath, [
      BIN,
      'driver',
      driver('box'),
      'encode',
      'reset',
      'null',
    ]).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain('Unsupported("fn_name reset")');
  });

  test('usage errors exit 2 with the usage, before the driver runs', async () => {
    const wrong = await cli(['driver', driver('box'), 'decode-output', 'get']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('driver takes DRIVER.wasm and one of: schema | version');
    const hex = await cli(['driver', driver('box'), 'decode-output', 'get', '0xzz']);
    expect(hex.code).toBe(2);
    expect(hex.err).toContain('decode-output get: not a hex byte string: "0xzz"');
    expect((await cli(['driver', driver('box'), 'frobnicate'])).code).toBe(2);
  });
});
