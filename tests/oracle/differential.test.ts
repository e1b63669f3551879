// The engine's gas against wasmtime's own fuel count (issue "Gas exactly as piecrust charges it").
//
// Every script in tests/oracle/cases/ is run twice, under each gas table, by the same code as
// `piecrust-inspector gas-check --boundaries`: every deploy (`init`) and call step is re-run in
// wasmtime (the Python package, on the oracle's copy of the bytecode: stores padded under
// `head`, bulk memory routed through host functions that cost exactly their `call`), and the
// outcome, the gas spent, the gas left at every host call and the success or out-of-gas at
// limits S−1, S and S+1 must agree. Coverage: every exported function of every contract in
// contracts/build is called by some case or listed below with the reason it is not compared.
//
// Without Python's wasmtime package the tests are skipped with one loud SKIPPED line.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GAS_TABLE_NAMES } from '../../engine/core/gas-tables';
import { gasCheck, type StepComparison } from '../../engine/gascheck/gas-check';
import { WasmtimeOracle } from '../../engine/gascheck/wasmtime-oracle';
import { blake3 } from '../../engine/hash/blake3';
import { decode, encode, t } from '../../engine/rkyv';
import { parseScript, type Script } from '../../engine/script/script-schema';
import type { Vm } from '../../engine/vm/vm';
import { parseModule } from '../../engine/wasm/module';
import { NOT_COMPARED } from './not-compared';
import { oracleRuntime } from './oracle-runtime';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CASES = join(ROOT, 'tests/oracle/cases');
const BUILD = join(ROOT, 'contracts/build');

const runtime = await oracleRuntime();
const unavailable = 'unavailable' in runtime ? runtime.unavailable : undefined;

interface Case {
  /** Path from the repository root. */
  file: string;
  dir: string;
  script: Script;
  raw: {
    steps: Array<{ op: string; wasm?: string; contract?: string; fn?: string; name?: string }>;
  };
}

// The cases, and the example script of the README (the piecrust Sessions example).
const caseFiles = [
  ...readdirSync(CASES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(CASES, f)),
  join(ROOT, 'examples/sessions.json'),
];
const cases: Case[] = caseFiles.map((path) => {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Case['raw'];
  return { file: path.slice(ROOT.length), dir: dirname(path), script: parseScript(raw), raw };
});

/**
 * The host queries of tests/scenarios/host.test.ts, on every fresh VM, so that the `host`
 * contract (and counter64's `query`) run them for real: `hash` (HOST-5, price 0),
 * `verify_proof` (HOST-7's mock verifier, no price) and `very_expensive` priced at 12 345 as in
 * "the host query price is charged as gas" (charged under head; 0.19 had no prices).
 */
function configureVm(vm: Vm): void {
  vm.registerHostQuery('hash', {
    price: () => 0n,
    execute: (arg, buffer) => {
      buffer.set(blake3(decode(t.bytes, arg)));
      return 32;
    },
  });
  vm.registerHostQuery('verify_proof', {
    // Stand-in for the PLONK verifier: a "proof" is valid when its last byte is non-zero.
    execute: (arg) => {
      const proof = decode(t.bytes, arg);
      return encode(t.bool, proof.length > 0 && proof[proof.length - 1] !== 0);
    },
  });
  vm.registerHostQuery('very_expensive', { price: () => 12_345n, execute: () => 0 });
}

let oracle: WasmtimeOracle | undefined;
const compared: Array<StepComparison & { file: string }> = [];

beforeAll(async () => {
  if (!('python' in runtime)) return;
  oracle = await WasmtimeOracle.start(runtime.python);
  console.log(`wasmtime oracle: wasmtime ${oracle.version} (${runtime.python})`);
}, 600_000);

afterAll(async () => {
  await oracle?.close();
  if (compared.length === 0) return;
  const excluded = compared.filter((c) => c.status === 'excluded');
  const lines = [
    `wasmtime oracle: ${compared.length} steps compared, ${compared.filter((c) => c.status === 'match').length} match, ${excluded.length} excluded`,
    ...excluded.map(
      (c) => `  excluded: ${c.file} #${c.step} ${c.title} (${c.gasTable}): ${c.notes.join('; ')}`,
    ),
  ];
  console.log(lines.join('\n'));
});

describe.skipIf(unavailable !== undefined)('engine gas = wasmtime fuel', () => {
  for (const c of cases) {
    for (const table of GAS_TABLE_NAMES) {
      if (c.script.piecrust !== undefined && c.script.piecrust !== table) continue;
      test(`${c.file} under ${table}`, async () => {
        const { steps, results } = await gasCheck({ ...c.script, piecrust: table }, oracle, {
          readWasm: (path) => new Uint8Array(readFileSync(resolve(c.dir, path))),
          boundaries: true,
          configureVm,
        });
        compared.push(...steps.map((s) => ({ ...s, file: c.file })));
        const problems = steps
          .filter((s) => s.status !== 'match' && s.status !== 'excluded')
          .map((s) => `#${s.step} ${s.title}: ${s.status}: ${s.notes.join('; ')}`);
        expect(problems).toEqual([]);
        expect(steps.length).toBeGreaterThan(0);
        // The scripts also state what piecrust answers (`expect`): the engine must meet it.
        const unmet = results
          .filter((r) => !r.passed)
          .map((r) => `#${r.index} ${r.title}: ${r.reason}`);
        expect(unmet).toEqual([]);
      }, 600_000);
    }
  }
});

test('every exported function of every built contract is compared, or listed with its reason', () => {
  const called = new Set<string>();
  for (const c of cases) {
    const wasmOf = new Map<string, string>();
    for (const step of c.raw.steps) {
      if (step.op === 'deploy' && step.wasm !== undefined) {
        const contract = basename(step.wasm, '.wasm');
        if (step.name !== undefined) wasmOf.set(step.name, contract);
        called.add(`${contract}.init`);
      }
      if (step.op === 'call' && step.contract !== undefined && step.fn !== undefined) {
        called.add(`${wasmOf.get(step.contract) ?? step.contract}.${step.fn}`);
      }
    }
  }
  const missing: string[] = [];
  for (const file of readdirSync(BUILD).filter((f) => f.endsWith('.wasm'))) {
    const contract = basename(file, '.wasm');
    const reason = NOT_COMPARED[contract];
    const exports = parseModule(new Uint8Array(readFileSync(join(BUILD, file))))
      .exports.filter((e) => e.kind === 'func')
      .map((e) => e.name);
    if (typeof reason === 'string') continue;
    for (const fn of exports) {
      const key = `${contract}.${fn}`;
      if (!called.has(key) && reason?.[fn] === undefined) missing.push(key);
    }
  }
  expect(missing).toEqual([]);
  const listed = Object.entries(NOT_COMPARED).flatMap(([contract, why]) =>
    typeof why === 'string'
      ? [`${contract}: ${why}`]
      : Object.entries(why).map(([fn, r]) => `${contract}.${fn}: ${r}`),
  );
  console.log(`not compared with wasmtime:\n  ${listed.join('\n  ')}`);
});
