// `log`, `show` and `diff` name the contracts of a store: the names a `run --store` kept from its
// deploy steps, printed with the short id in text (`counter (0a1b2c3d…)`) and as `name` fields in
// `--json`, absent for a contract without a name.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { buildContracts } from '../../contracts/build.mjs';
import { blake3 } from '../hash/blake3';
import { tempDir } from '../testing/store-testing';
import { main } from './main';

const BUILD = new URL('../../contracts/build/', import.meta.url);
const COUNTER = new URL('counter.wasm', BUILD).pathname;
const BOX = new URL('box.wasm', BUILD).pathname;
const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
/** Contracts deployed at ids of our choosing in commit `b`: two named, one not. */
const C3 = '33'.repeat(32);
const C4 = '44'.repeat(32);
const UNNAMED = '55'.repeat(32);

beforeAll(async () => {
  await buildContracts({ only: ['counter', 'box'], log: () => {} });
});

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function cli(args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await main(args, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
  return { code, lines };
}

/**
 * Commit `a`: counter and box, named. Commit `b` on it: both changed, and three counters added
 * at C3, C4 (named c3, c4) and UNNAMED (no name): five contracts changed.
 */
async function namedStore(): Promise<{ store: string; counter: string; box: string }> {
  const { dir, remove } = tempDir('pi-cli-names-');
  cleanups.push(remove);
  const deploy = (session: string, wasm: string, more: Record<string, unknown>) => ({
    op: 'deploy',
    session,
    wasm,
    ...more,
  });
  const steps = [
    { op: 'session', name: 'g', base: 'genesis' },
    deploy('g', COUNTER, { name: 'counter' }),
    deploy('g', BOX, { name: 'box' }),
    { op: 'commit', session: 'g', name: 'a' },
    { op: 'session', name: 's', base: 'a' },
    { op: 'call', session: 's', contract: 'counter', fn: 'increment' },
    { op: 'call', session: 's', contract: 'box', fn: 'set', arg: { i16: 7 } },
    deploy('s', COUNTER, { name: 'c3', contractId: `0x${C3}` }),
    deploy('s', COUNTER, { name: 'c4', contractId: `0x${C4}` }),
    deploy('s', COUNTER, { contractId: `0x${UNNAMED}` }),
    { op: 'commit', session: 's', name: 'b' },
  ];
  const script = join(dir, 'script.json');
  writeFileSync(script, JSON.stringify({ version: 1, steps }));
  const store = join(dir, 'state.pis');
  const ran = await cli(['run', script, '--store', store]);
  expect(ran.lines.at(-1)).toBe(`${steps.length} passed, 0 failed`);
  return {
    store,
    counter: hexOf(blake3(readFileSync(COUNTER))),
    box: hexOf(blake3(readFileSync(BOX))),
  };
}

/** How a named contract is shown in text: its name and its id's first 8 digits. */
const named = (name: string, id: string): string => `${name} (${id.slice(0, 8)}…)`;

describe('contract names in log, show and diff', () => {
  test('log names the changed contracts: a short list in text, `contracts` in --json', async () => {
    const { store, counter, box } = await namedStore();
    const json = await cli(['log', '--store', store, '--json']);
    const records = json.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const b = records.find((r) => r.label === 'b')!;
    expect(b.contractsChanged).toBe(5);
    const contracts = b.contracts as Array<{ id: string; name?: string }>;
    expect(new Set(contracts.map((c) => c.id))).toEqual(new Set([counter, box, C3, C4, UNNAMED]));
    const byId = new Map(contracts.map((c) => [c.id, c]));
    expect(byId.get(counter)).toEqual({ id: counter, name: 'counter' });
    expect(byId.get(C3)).toEqual({ id: C3, name: 'c3' });
    // Without a name the field is absent, not null or the id.
    expect(byId.get(UNNAMED)).toEqual({ id: UNNAMED });

    // Text: the first three of the five in the JSON's order, then how many more.
    const text = await cli(['log', '--store', store]);
    const line = text.lines.find((l) => / b {2}gas /.test(l))!;
    const shown = (c: { id: string; name?: string }): string =>
      c.name === undefined ? c.id.slice(0, 8) : named(c.name, c.id);
    expect(line).toContain(
      `  5 contract(s), ${String(b.pagesChanged)} page(s): ${contracts.slice(0, 3).map(shown).join(', ')} and 2 more`,
    );
    // `a`, made from genesis, has nothing to compare with: no list.
    expect(text.lines.find((l) => / a {2}gas /.test(l))).not.toContain('contract(s)');
  });

  test('show lists contracts and journal entries with their names; --json adds `name` and `contractName`', async () => {
    const { store, counter, box } = await namedStore();
    const { code, lines } = await cli(['show', 'b', '--store', store]);
    expect(code).toBe(0);
    expect(lines).toContain('contracts (5):');
    // The contract list kept its whole ids; a name comes first, the unnamed one is as before.
    expect(lines.filter((l) => l.startsWith(`  counter (${counter})  `))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith(`  c3 (${C3})  `))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith(`  ${UNNAMED}  `))).toHaveLength(1);
    expect(lines).toContainEqual(
      expect.stringMatching(/^ {2}#\d+ call counter\.increment \(\w{8}…\) /),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}#\d+ call box\.set \(\w{8}…\) /));
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^ {2}#\\d+ deploy ${named('c4', C4).replace(/[()]/g, '\\$&')} `),
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^ {2}#\\d+ deploy ${UNNAMED.slice(0, 8)}\\.\\(deploy\\) `)),
    );

    const json = JSON.parse((await cli(['show', 'b', '--store', store, '--json'])).lines[0]) as {
      contracts: Array<{ id: string; name?: string; memoryLen: number }>;
      calls: Array<{ contract: string; contractName?: string; fn: string }>;
    };
    const contract = (id: string) => json.contracts.find((c) => c.id === id)!;
    expect(contract(box)).toMatchObject({ id: box, name: 'box' });
    expect(contract(UNNAMED)).not.toHaveProperty('name');
    expect(contract(UNNAMED).memoryLen).toBeGreaterThan(0);
    expect(json.calls.find((c) => c.fn === 'increment')).toMatchObject({
      contract: counter,
      contractName: 'counter',
    });
    expect(json.calls.find((c) => c.contract === UNNAMED)).not.toHaveProperty('contractName');
  });

  test('diff headings name the contracts; --json lines carry `name` when they have one', async () => {
    const { store, counter } = await namedStore();
    const { lines } = await cli(['diff', 'a', 'b', '--store', store]);
    expect(lines).toContainEqual(expect.stringMatching(/^changed counter \(\w{64}\) {2}pages /));
    expect(lines).toContainEqual(expect.stringMatching(/^changed box \(\w{64}\) {2}pages /));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^added {3}c3 \\(${C3}\\) `)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^added {3}${UNNAMED} `)));

    const json = (await cli(['diff', 'a', 'b', '--store', store, '--json'])).lines.map(
      (l) => JSON.parse(l) as { contract: string; name?: string; status: string },
    );
    expect(json.find((d) => d.contract === counter)).toMatchObject({
      name: 'counter',
      status: 'changed',
    });
    expect(json.find((d) => d.contract === C4)).toMatchObject({ name: 'c4', status: 'added' });
    expect(json.find((d) => d.contract === UNNAMED)).not.toHaveProperty('name');
  });
});
