// A store keeps what a script's deploys named and attached (issue 12, item 6: reopen and decode):
// `run --store` stores each deploy's `name` and `driver` with its contract, and a later `run` on
// that store — a new process, the store reopened — calls those contracts by name with `json`,
// checks `expect.json`, and gets results and events decoded, without attaching drivers again;
// `log` and `show` name them. Run through the built binary (`npm run build:cli`), one process
// per command, as a user runs it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { buildContracts } from '../../contracts/build.mjs';
import { toContractId } from '../core/ids';
import { openFileStore } from '../store/file-store';
import { runCli } from '../testing/cli-process';
import { tempDir } from '../testing/store-testing';
import { createVm } from '../vm/vm';
import { main } from './main';

const BUILD = new URL('../../contracts/build/', import.meta.url);
const contract = (name: string): string => fileURLToPath(new URL(`${name}.wasm`, BUILD));
const driver = (name: string): string => fileURLToPath(new URL(`drivers/${name}.wasm`, BUILD));
const SAMPLES = ['counter', 'box', 'eventer'];

beforeAll(async () => {
  await buildContracts({
    only: [...SAMPLES, ...SAMPLES.map((name) => `drivers/${name}`)],
    log: () => {},
  });
});

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

type Record_ = Record<string, unknown>;

/** `run SCRIPT --store STORE --json` in a process of its own: its records, all steps passed. */
async function runScript(dir: string, file: string, steps: unknown[], store: string) {
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify({ version: 1, steps }));
  const ran = await runCli(['run', path, '--store', store, '--json']);
  const records = ran.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record_);
  expect(records.filter((r) => r.passed === false)).toEqual([]);
  expect(records.at(-1)).toEqual({ passed: steps.length, failed: 0 });
  expect(ran.code).toBe(0);
  return records;
}

/**
 * Script 1 on a new store: counter, box and eventer deployed with their names and drivers, and
 * committed. Returns the store, the commit's root and each contract's id.
 */
async function deployedStore(): Promise<{
  dir: string;
  store: string;
  root: string;
  ids: Map<string, string>;
}> {
  const { dir, remove } = tempDir('pi-stored-drivers-');
  cleanups.push(remove);
  const store = join(dir, 'state.pis');
  const records = await runScript(
    dir,
    'deploy.json',
    [
      { op: 'session', name: 'g', base: 'genesis' },
      ...SAMPLES.map((name) => ({
        op: 'deploy',
        session: 'g',
        wasm: contract(name),
        driver: driver(name),
        name,
      })),
      { op: 'commit', session: 'g', name: 'deployed' },
    ],
    store,
  );
  const ids = new Map(SAMPLES.map((name, i) => [name, String(records[i + 1].contractId)]));
  return { dir, store, root: String(records[SAMPLES.length + 1].root), ids };
}

const call = (contractName: string, fn: string, more: Record_ = {}): Record_ => ({
  op: 'call',
  session: 's',
  contract: contractName,
  fn,
  ...more,
});

describe('names and drivers stored by run --store, used after reopening', () => {
  test("the store keeps each deploy's name and driver bytes", async () => {
    const { store, ids } = await deployedStore();
    const vm = await createVm({ store: await openFileStore(store, { readOnly: true }) });
    try {
      for (const name of SAMPLES) {
        const id = toContractId(ids.get(name)!);
        expect(vm.contractName(id)).toBe(name);
        expect(vm.contractDriver(id)).toEqual(new Uint8Array(readFileSync(driver(name))));
      }
    } finally {
      await vm.close();
    }
  });

  test('a second run on the reopened store calls with `json`, checks `expect.json`, and decodes results and events, attaching no driver', async () => {
    const { dir, store, root, ids } = await deployedStore();
    const records = await runScript(
      dir,
      'use.json',
      [
        { op: 'session', name: 's', base: root },
        // Contracts named by their stored names (counter, box) and by id (eventer).
        call('counter', 'increment', { json: null }),
        call('counter', 'read_value', { expect: { json: '253' } }),
        call('box', 'set', { json: -300 }),
        call('box', 'get', { expect: { json: -300 } }),
        call(`0x${ids.get('eventer')!}`, 'emit_events', { json: 3 }),
        { op: 'commit', session: 's', name: 'used' },
      ],
      store,
    );
    expect(records[2]).toMatchObject({ data: '0xfd00000000000000', decoded: '253' });
    expect(records[4]).toMatchObject({ decoded: -300 });
    expect(records[5]).toMatchObject({ events: 3, decoded: null });
    expect(records[5].emitted).toEqual(
      [0, 1, 2].map((i) => ({
        source: ids.get('eventer'),
        topic: 'number',
        data: `0x0${i}000000`,
        decoded: i,
      })),
    );

    // log and show, each a new process on the store, name the contracts the scripts deployed.
    const log = await runCli(['log', '--store', store]);
    const used = log.out.split('\n').find((l) => / used {2}gas /.test(l));
    const short = (name: string): string => `${name} (${ids.get(name)!.slice(0, 8)}…)`;
    expect(used).toContain(short('counter'));
    expect(used).toContain(short('box'));
    const show = await runCli(['show', 'used', '--store', store]);
    for (const name of SAMPLES) expect(show.out).toContain(`\n  ${name} (${ids.get(name)!})  `);
    expect(show.out).toMatch(/^ {2}#\d+ call eventer\.emit_events \(\w{8}…\) {2}gas \d+$/m);
  });

  test('a name whose deploy failed in this run does not fall back to the stored contract of that name', async () => {
    const { dir, store, root } = await deployedStore();
    const path = join(dir, 'failed-deploy.json');
    writeFileSync(
      path,
      JSON.stringify({
        version: 1,
        steps: [
          { op: 'session', name: 's', base: root },
          {
            op: 'deploy',
            session: 's',
            wasm: contract('counter'),
            driver: 'missing.wasm',
            name: 'counter',
          },
          call('counter', 'read_value'),
        ],
      }),
    );
    const lines: string[] = [];
    const code = await main(['run', path, '--store', store], {
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    expect(code).toBe(1);
    expect(lines[2]).toMatch(
      /^FAIL #2 call counter\.read_value in s {2}error=InvalidInput: contract "counter" was not deployed: step #1 /,
    );
  });

  test('a name stored for two contracts is refused, naming both ids', async () => {
    const { dir, remove } = tempDir('pi-stored-names-');
    cleanups.push(remove);
    const store = join(dir, 'state.pis');
    const twin = (id: string): Record_ => ({
      op: 'deploy',
      session: 'g',
      wasm: contract('counter'),
      contractId: `0x${id}`,
      name: 'twin',
    });
    const first = await runScript(
      dir,
      'twins.json',
      [
        { op: 'session', name: 'g', base: 'genesis' },
        twin('aa'.repeat(32)),
        twin('bb'.repeat(32)),
        { op: 'commit', session: 'g' },
      ],
      store,
    );
    const use = join(dir, 'twins-use.json');
    writeFileSync(
      use,
      JSON.stringify({
        version: 1,
        steps: [
          { op: 'session', name: 's', base: String(first[3].root) },
          call('twin', 'read_value'),
        ],
      }),
    );
    const ran = await runCli(['run', use, '--store', store, '--json']);
    expect(ran.code).toBe(1);
    const records = ran.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record_);
    expect(records[1]).toMatchObject({ passed: false, error: { code: 'InvalidInput' } });
    expect((records[1].error as { message: string }).message).toBe(
      `contract name "twin" is stored for 2 contracts (${'aa'.repeat(32)}, ${'bb'.repeat(32)}): use an id`,
    );
  });
});
