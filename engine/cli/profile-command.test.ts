// `profile COMMIT CALL --store FILE` through the built CLI (`npm run build:cli` first), one process
// per command as a user runs them: a script commits calls to a store; `show` numbers the journal's
// entries; `profile` re-runs one of them on the state it started from, lists its functions by self
// gas, says it matched the recorded gas (the figure `run --json` printed), and writes folded and
// speedscope files whose gas adds up to it; a deploy, a missing entry, an unknown commit and a bad
// CALL are refused with what explains them.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { deploy as deployContract, LIMIT, t } from '../../tests/scenarios/support';
import { parseFolded } from '../profile/folded';
import { encode } from '../rkyv';
import { runCli } from '../testing/cli-process';
import { createVm } from '../vm/vm';

const BUILD = new URL('../../contracts/build/', import.meta.url).pathname;

const SCRIPT = {
  version: 1,
  steps: [
    { op: 'session', name: 's' },
    { op: 'deploy', session: 's', wasm: join(BUILD, 'callcenter.wasm'), name: 'center' },
    { op: 'deploy', session: 's', wasm: join(BUILD, 'counter.wasm'), name: 'counter' },
    { op: 'call', session: 's', contract: 'counter', fn: 'increment' },
    {
      op: 'call',
      session: 's',
      contract: 'center',
      fn: 'increment_counter',
      arg: { contractId: 'counter' },
    },
    {
      op: 'call',
      session: 's',
      contract: 'counter',
      fn: 'read_value',
      expect: { data: { i64: '254' } },
    },
    { op: 'commit', session: 's', name: 'profiled' },
  ],
};

interface ProfileLine {
  call: number;
  fn: string;
  contractName?: string;
  gasSpent: string;
  recordedGas: string | null;
  matched: boolean;
  functions: Array<{ name: string; kind: string; self: string; total: string; calls: number }>;
  files: string[];
}

let dir: string;
let store: string;
/** What `run --json` printed each call step spent, by function. */
const spent = new Map<string, string>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pi-cli-profile-command-'));
  store = join(dir, 'state.pis');
  const script = join(dir, 'script.json');
  writeFileSync(script, JSON.stringify(SCRIPT));
  const ran = await runCli(['run', script, '--store', store, '--json'], 60_000);
  expect(ran.code, ran.err).toBe(0);
  for (const line of ran.out.trim().split('\n')) {
    const step = JSON.parse(line) as { index?: number; gasSpent?: string };
    const fn = (SCRIPT.steps[step.index ?? -1] as { fn?: string } | undefined)?.fn;
    if (fn !== undefined && step.gasSpent !== undefined) spent.set(fn, step.gasSpent);
  }
});

test('show numbers the journal; profile re-runs entry #N, matched, its functions adding up to the recorded gas', async () => {
  const shown = await runCli(['show', 'profiled', '--store', store]);
  expect(shown.code, shown.err).toBe(0);
  const nested = /^ {2}#(\d+) call center\.increment_counter /m.exec(shown.out);
  expect(nested, shown.out).not.toBeNull();
  const call = nested![1];

  const text = await runCli(['profile', 'profiled', `#${call}`, '--store', store]);
  expect(text.code, text.err).toBe(0);
  const gas = spent.get('increment_counter')!;
  expect(text.out).toContain(`#${call} center.increment_counter (`);
  expect(text.out).toContain(`: ${gas} gas`);
  expect(text.out).toContain(`  matched: the journal recorded ${gas}`);
  expect(text.out).toMatch(/^ {2} *self {2} *total {2}calls {2}contract {2}function$/m);
  // The callee's contract frame, named after its stored name, and its function, beside its contract.
  expect(text.out).toMatch(/^ {2} *\d+ {2} *\d+ {2} *1 {2}counter {3,}counter\.increment$/m);
  expect(text.out).toMatch(/^ {2} *\d+ {2} *\d+ {2} *1 {2}counter {3,}increment$/m);

  const out = join(dir, 'profiles');
  const json = await runCli([
    'profile',
    'profiled',
    call,
    '--store',
    store,
    '--json',
    '--top',
    '0',
    '--out',
    out,
  ]);
  expect(json.code, json.err).toBe(0);
  const line = JSON.parse(json.out) as ProfileLine;
  expect(line).toMatchObject({
    call: Number(call),
    fn: 'increment_counter',
    contractName: 'center',
    gasSpent: gas,
    recordedGas: gas,
    matched: true,
  });
  // Every function listed (--top 0): their self gas is the whole call's.
  expect(line.functions.reduce((n, f) => n + BigInt(f.self), 0n).toString()).toBe(gas);
  expect(line.files).toEqual([
    join(out, `${call}-center-increment_counter.folded`),
    join(out, `${call}-center-increment_counter.speedscope.json`),
  ]);
  const folded = parseFolded(readFileSync(line.files[0], 'utf8'));
  expect(folded.reduce((n, s) => n + s.gas, 0n).toString()).toBe(gas);
  const speedscope = JSON.parse(readFileSync(line.files[1], 'utf8')) as {
    profiles: Array<{ weights: number[] }>;
  };
  expect(speedscope.profiles[0].weights.reduce((n, w) => n + w, 0).toString()).toBe(gas);

  // The read after it re-runs every entry before it: the same gas as recorded.
  const read = /^ {2}#(\d+) call counter\.read_value /m.exec(shown.out)![1];
  const again = await runCli(['profile', 'profiled', read, '--store', store, '--json']);
  expect(JSON.parse(again.out)).toMatchObject({ matched: true, gasSpent: spent.get('read_value') });
});

test('profile refuses a deploy, an entry past the journal, an unknown commit and a CALL that is no number', async () => {
  const deploy = await runCli(['profile', 'profiled', '0', '--store', store]);
  expect(deploy.code).toBe(2);
  expect(deploy.err).toContain(
    'error: journal entry 0 is not a recorded call (the journal holds 5 entries; entry 0 is a deploy)',
  );
  const past = await runCli(['profile', 'profiled', '#40', '--store', store]);
  expect(past.code).toBe(2);
  expect(past.err).toContain(
    'journal entry 40 is not a recorded call (the journal holds 5 entries)',
  );
  const unknown = await runCli(['profile', 'nothing', '1', '--store', store]);
  expect(unknown.code).toBe(2);
  expect(unknown.err).toContain('no commit nothing');
  const word = await runCli(['profile', 'profiled', 'first', '--store', store]);
  expect(word.code).toBe(2);
  expect(word.err).toContain(
    `CALL is a journal entry's number as show prints it (#3), got "first"`,
  );
  const top = await runCli(['profile', 'profiled', '1', '--store', store, '--top', '-1']);
  expect(top.code).toBe(2);
  expect(top.err).toContain('--top takes how many functions to list (0: all), got "-1"');
});

test('profile re-runs a committed call that read the session meta with the meta its journal kept: matched', async () => {
  const script = join(dir, 'meta.json');
  writeFileSync(
    script,
    JSON.stringify({
      version: 1,
      steps: [
        { op: 'session', name: 'm', base: 'genesis', meta: { height: { u64: '29000' } } },
        { op: 'deploy', session: 'm', wasm: join(BUILD, 'everest.wasm'), name: 'everest' },
        { op: 'call', session: 'm', contract: 'everest', fn: 'get_height' },
        { op: 'commit', session: 'm', name: 'with meta' },
      ],
    }),
  );
  const metaStore = join(dir, 'meta.pis');
  const ran = await runCli(['run', script, '--store', metaStore, '--json'], 60_000);
  expect(ran.code, ran.err).toBe(0);
  const recorded = (JSON.parse(ran.out.trim().split('\n')[2]) as { gasSpent: string }).gasSpent;
  const text = await runCli(['profile', 'with meta', '1', '--store', metaStore]);
  expect(text.code, text.err).toBe(0);
  expect(text.out).toContain(`: ${recorded} gas`);
  expect(text.out).toContain(`  matched: the journal recorded ${recorded}`);
});

test('profile says DIFFERS, with both figures, and exits 1 when the re-run spends other gas (a journal of an older store, which kept no meta)', async () => {
  // The store made in this process, its journal's calls without meta as stores before journal
  // format 4 kept them: the re-run reads no height, returns None and spends other gas.
  const olderStore = join(dir, 'older.pis');
  const vm = await createVm({ store: olderStore });
  const s = vm.session({ journal: true, meta: { height: encode(t.u64, 29_000n) } });
  const everest = deployContract(s, 'everest');
  const recorded = s.callRaw(everest, 'get_height', new Uint8Array(0), LIMIT).gasSpent.toString();
  for (const entry of s.journal()!.calls) delete entry.meta;
  await s.commit('older journal');
  await vm.close();

  const text = await runCli(['profile', 'older journal', '1', '--store', olderStore]);
  expect(text.code).toBe(1);
  const spent = /: (\d+) gas$/m.exec(text.out)![1];
  expect(spent).not.toBe(recorded);
  expect(text.out).toContain(
    `  DIFFERS: the journal recorded ${recorded}, the re-run spent ${spent} (${BigInt(spent) > BigInt(recorded) ? '+' : ''}${BigInt(spent) - BigInt(recorded)})`,
  );
});
