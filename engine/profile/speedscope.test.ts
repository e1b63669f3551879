// The speedscope export: valid against speedscope's own schema (shipped in its npm package), the
// weights summing to gasSpent, frames shared per function of a contract, and a clear refusal of
// gas a JSON number cannot hold exactly.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { expect, test } from 'vitest';
import { buildProfile, CALLER_ID, callerProfile, COUNTER_ID } from '../testing/sample-profiles';
import { parseFolded, toFolded } from './folded';
import { SPEEDSCOPE_SCHEMA, toSpeedscope } from './speedscope';

const schemaPath = createRequire(import.meta.url).resolve(
  'speedscope/dist/release/file-format-schema.json',
);
const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

/** Validated as speedscope reads it: the JSON text, parsed again. */
function expectValid(file: unknown): void {
  const valid = validate(JSON.parse(JSON.stringify(file)));
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

test('the export validates against the official schema; the weights sum to gasSpent', () => {
  const profile = callerProfile();
  const file = toSpeedscope(profile);
  expectValid(file);
  expect(file.$schema).toBe(SPEEDSCOPE_SCHEMA);
  expect(file.exporter).toMatch(/^piecrust-inspector \d+\.\d+\.\d+/);
  const [sampled] = file.profiles;
  expect(file.name).toBe(`caller.call_counter — ${profile.gasSpent.toLocaleString('en-US')} gas`);
  expect(sampled).toMatchObject({ type: 'sampled', unit: 'none', startValue: 0 });
  const sum = sampled.weights.reduce((a, b) => a + b, 0);
  expect(BigInt(sum)).toBe(profile.gasSpent);
  expect(BigInt(sampled.endValue)).toBe(profile.gasSpent);
  expect(sampled.samples).toHaveLength(sampled.weights.length);
});

test('the schema check can fail: a file missing its samples is refused', () => {
  const file = toSpeedscope(callerProfile());
  const broken = { ...file, profiles: [{ ...file.profiles[0], samples: undefined }] };
  expect(validate(JSON.parse(JSON.stringify(broken)))).toBe(false);
});

test('every sample is the same path and gas as the folded line of that path', () => {
  const profile = callerProfile();
  const file = toSpeedscope(profile);
  const { frames } = file.shared;
  const fromSpeedscope = file.profiles[0].samples.map(
    (stack, i) => `${stack.map((f) => frames[f].name).join(';')} ${file.profiles[0].weights[i]}`,
  );
  const fromFolded = parseFolded(toFolded(profile)).map((s) => `${s.frames.join(';')} ${s.gas}`);
  expect(fromSpeedscope).toEqual(fromFolded);
});

test('frames are shared per function of a contract; a host charge has no contract', () => {
  const { frames } = toSpeedscope(callerProfile()).shared;
  const keys = frames.map((f) => `${f.file ?? ''} ${f.name}`);
  expect(new Set(keys).size).toBe(keys.length);
  // counter::fib recurses over three levels: one frame, not three.
  expect(frames.filter((f) => f.name === 'counter::fib')).toEqual([
    { name: 'counter::fib', file: COUNTER_ID },
  ]);
  expect(frames.find((f) => f.name === '[host emit]')).toEqual({ name: '[host emit]' });
  // The allocator each contract links: one frame per contract, told apart by `file`.
  const malloc = frames.filter((f) => f.name === 'dlmalloc::dlmalloc::Dlmalloc<A>::malloc');
  expect(malloc.map((f) => f.file).sort()).toEqual([CALLER_ID, COUNTER_ID]);
  expect(frames.find((f) => f.name === '<[u8; 32] as core::fmt::Debug>::fmt')?.file).toBe(
    COUNTER_ID,
  );
});

test('a name can be given; an empty profile is still a valid file', () => {
  expect(toSpeedscope(callerProfile(), { name: '3-counter-increment' }).name).toBe(
    '3-counter-increment',
  );
  const empty = toSpeedscope(buildProfile(['contract', 'counter.read', 0n, 1]));
  expectValid(empty);
  expect(empty.profiles[0]).toMatchObject({ samples: [], weights: [], endValue: 0 });
});

test('above 2^53 − 1 gas the export is refused, naming the number; at 2^53 − 1 it is exact', () => {
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  const at = buildProfile([
    'contract',
    'counter.increment',
    max - 7n,
    1,
    [['function', 'f', 7n, 1]],
  ]);
  const file = toSpeedscope(at, { name: 'x' });
  expectValid(file);
  expect(file.profiles[0].weights).toEqual([Number(max - 7n), 7]);
  expect(file.profiles[0].endValue).toBe(Number.MAX_SAFE_INTEGER);
  const above = buildProfile([
    'contract',
    'counter.increment',
    max - 6n,
    1,
    [['function', 'f', 7n, 1]],
  ]);
  expect(() => toSpeedscope(above)).toThrow(
    "cannot write a speedscope file: the call spent 9007199254740992 gas, above 9007199254740991 (2^53 − 1), the largest whole number speedscope's JSON numbers hold exactly; the folded format keeps every digit",
  );
});

test('a profile that does not add up is refused, not written', () => {
  const profile = callerProfile();
  profile.root.self += 1n;
  expect(() => toSpeedscope(profile)).toThrow(
    /^cannot write a speedscope file: the profile does not add up:\ncaller\.call_counter: total/,
  );
});
