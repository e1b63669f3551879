// `run --profile DIR` through the built CLI (`npm run build:cli` first): a .folded and a
// .speedscope.json per call step whose gas adds up to the step's, `--json`'s `"profile"` with the
// top functions by self gas, a failed call profiled too, an unwritable DIR refused before the
// run, and a run without --profile printing what it always did.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { parseFolded } from '../profile/folded';
import { runCli, type CliRun } from '../testing/cli-process';

const BUILD = new URL('../../contracts/build/', import.meta.url).pathname;

/** Nested calls (callcenter → counter), a host charge per event (eventer), a panic, a trap. */
const SCRIPT = {
  version: 1,
  steps: [
    { op: 'session', name: 's' },
    { op: 'deploy', session: 's', wasm: join(BUILD, 'callcenter.wasm'), name: 'center' },
    { op: 'deploy', session: 's', wasm: join(BUILD, 'counter.wasm'), name: 'counter' },
    { op: 'deploy', session: 's', wasm: join(BUILD, 'eventer.wasm'), name: 'eventer' },
    {
      op: 'call',
      session: 's',
      contract: 'center',
      fn: 'increment_counter',
      arg: { contractId: 'counter' },
    },
    { op: 'call', session: 's', contract: 'eventer', fn: 'emit_events', arg: { u32: 5 } },
    {
      op: 'call',
      session: 's',
      contract: 'center',
      fn: 'panik',
      arg: { contractId: 'counter' },
      expect: { error: 'Panic', panic: 'panik' },
    },
    // Fails the step (no expectation of a panic): still profiled.
    { op: 'call', session: 's', contract: 'center', fn: 'panik', arg: { contractId: 'counter' } },
    { op: 'call', session: 's', contract: 'counter', fn: 'read_value' },
  ],
};
/** The call steps' indexes and the file name each one's profile gets. */
const CALLS: Array<[number, string]> = [
  [4, '4-center-increment_counter'],
  [5, '5-eventer-emit_events'],
  [6, '6-center-panik'],
  [7, '7-center-panik'],
  [8, '8-counter-read_value'],
];

interface StepLine {
  index: number;
  passed: boolean;
  gasSpent?: string;
  error?: { code: string };
  profile?: {
    gasSpent: string;
    top: Array<{ name: string; contract?: string; self: string; total: string; calls: number }>;
  };
}

let dir: string;
let script: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pi-cli-profile-'));
  script = join(dir, 'script.json');
  writeFileSync(script, JSON.stringify(SCRIPT));
});

async function runJson(args: string[]): Promise<{ run: CliRun; steps: StepLine[] }> {
  const run = await runCli(['run', script, '--json', ...args], 60_000);
  const lines = run.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as StepLine);
  return { run, steps: lines.filter((l) => typeof l.index === 'number') };
}

function gasOf(steps: StepLine[], index: number): bigint {
  const step = steps.find((s) => s.index === index);
  expect(step?.gasSpent).toMatch(/^\d+$/);
  return BigInt(step!.gasSpent!);
}

test('--profile DIR writes one .folded and .speedscope.json per call step, adding up to its gas', async () => {
  const out = join(dir, 'profiles', 'nested'); // created, parents and all
  const { run, steps } = await runJson(['--profile', out]);
  expect(run.code, run.err).toBe(1); // step 7's unexpected panic
  expect(readdirSync(out).sort()).toEqual(
    CALLS.flatMap(([, name]) => [`${name}.folded`, `${name}.speedscope.json`]).sort(),
  );
  for (const [index, name] of CALLS) {
    const gas = gasOf(steps, index);
    expect(gas).toBeGreaterThan(0n);
    const folded = parseFolded(readFileSync(join(out, `${name}.folded`), 'utf8'));
    expect(
      folded.reduce((sum, l) => sum + l.gas, 0n),
      name,
    ).toBe(gas);
    const speedscope = JSON.parse(readFileSync(join(out, `${name}.speedscope.json`), 'utf8')) as {
      profiles: Array<{ weights: number[] }>;
    };
    const weights = speedscope.profiles.flatMap((p) => p.weights);
    expect(BigInt(weights.reduce((sum, w) => sum + w, 0)), name).toBe(gas);
  }
  // The nested call's profile goes into the counter; the events' host charges are there.
  const nested = readFileSync(join(out, '4-center-increment_counter.folded'), 'utf8');
  expect(nested).toMatch(/;[0-9a-f]{8}\.increment;increment \d+$/m);
  expect(readFileSync(join(out, '5-eventer-emit_events.folded'), 'utf8')).toContain('[host');
});

test('--json: each call step has its profile, top functions by self gas', async () => {
  const { steps } = await runJson(['--profile', join(dir, 'json')]);
  for (const step of steps) {
    const isCall = CALLS.some(([index]) => index === step.index);
    expect(step.profile !== undefined, `step ${step.index}`).toBe(isCall);
    if (step.profile === undefined) continue;
    expect(step.profile.gasSpent).toBe(step.gasSpent);
    const { top } = step.profile;
    expect(top.length).toBeGreaterThan(0);
    expect(top.length).toBeLessThanOrEqual(10);
    const selfs = top.map((f) => BigInt(f.self));
    expect(selfs).toEqual([...selfs].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    for (const f of top) {
      expect(typeof f.name).toBe('string');
      expect(BigInt(f.total)).toBeGreaterThanOrEqual(BigInt(f.self));
      expect(Number.isInteger(f.calls)).toBe(true);
    }
    // The top entries hold at most the call's gas, and all of it when they are all there.
    const selfSum = selfs.reduce((a, b) => a + b, 0n);
    expect(selfSum).toBeLessThanOrEqual(BigInt(step.gasSpent!));
    if (top.length < 10) expect(selfSum).toBe(BigInt(step.gasSpent!));
  }
  // The failed step (a panic it did not expect) is profiled like the others.
  const failed = steps.find((s) => s.index === 7)!;
  expect(failed.passed).toBe(false);
  expect(failed.error?.code).toBe('Panic');
  expect(BigInt(failed.profile!.gasSpent)).toBeGreaterThan(0n);
});

test('text output: one line per written pair under its call step', async () => {
  const out = join(dir, 'text');
  const run = await runCli(['run', script, '--profile', out], 60_000);
  const lines = run.out.split('\n');
  for (const [index, name] of CALLS) {
    const at = lines.findIndex((l) => l.includes(` #${index} call `));
    const pair = lines.slice(at + 1).find((l) => l.startsWith('    profile '));
    expect(pair, `step ${index}`).toBe(
      `    profile ${join(out, `${name}.folded`)}  ${join(out, `${name}.speedscope.json`)}`,
    );
  }
  expect(lines.filter((l) => l.startsWith('    profile '))).toHaveLength(CALLS.length);
});

test('an unwritable DIR is exit 2 naming it, before anything runs', async () => {
  const file = join(dir, 'a-file');
  writeFileSync(file, '');
  const blocked = join(file, 'profiles'); // a file in the way: unwritable even as root
  const run = await runCli(['run', script, '--profile', blocked], 60_000);
  expect(run.code).toBe(2);
  expect(run.err).toContain(`cannot write profiles to ${blocked}`);
  expect(run.out).toBe(''); // no step ran

  if (process.getuid?.() !== 0) {
    const readOnly = join(dir, 'read-only');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o500);
    const ro = await runCli(['run', script, '--json', '--profile', readOnly], 60_000);
    expect(ro.code).toBe(2);
    expect(JSON.parse(ro.out).error).toContain(`cannot write profiles to ${readOnly}`);
  }
});

test('without --profile the output is what it was: no profile, no files', async () => {
  const plain = await runJson([]);
  expect(plain.steps.every((s) => s.profile === undefined)).toBe(true);
  const text = await runCli(['run', script], 60_000);
  expect(text.out).not.toContain('profile');
  // The same steps, results, gas and errors as a profiled run (profiling changes nothing
  // measured). The backtrace is compared apart: see the next test.
  const profiled = await runJson(['--profile', join(dir, 'same')]);
  const withoutBacktrace = (steps: StepLine[]): unknown[] =>
    steps.map(({ profile: _, ...rest }) =>
      rest.error === undefined ? rest : { ...rest, error: { ...rest.error, backtrace: undefined } },
    );
  expect(withoutBacktrace(profiled.steps)).toEqual(withoutBacktrace(plain.steps));
});

// A failure in the profiling variant of a module is mapped back to function indexes by that
// variant's layout (two more imports; each index holds the function's wrapper, its body moved
// past everything): mapped as the standard one, it named `delegate_transaction` for `panik`.
test('a profiled failure has the backtrace of the unprofiled one', async () => {
  const plain = await runJson([]);
  const profiled = await runJson(['--profile', join(dir, 'backtrace')]);
  const backtraces = (steps: StepLine[]): unknown[] =>
    steps.map((s) => (s.error as { backtrace?: unknown } | undefined)?.backtrace);
  expect(backtraces(plain.steps).filter((b) => b !== undefined)).not.toEqual([]);
  expect(backtraces(profiled.steps)).toEqual(backtraces(plain.steps));
});
