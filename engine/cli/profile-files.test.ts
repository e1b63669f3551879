// ProfileFiles (run --profile's writer) on made-up profiles: file names safe and sortable, a
// contract named by id shortened, and a call above 2^53 − 1 gas written as folded only, saying so.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { toContractId } from '../core/ids';
import { parseFolded } from '../profile/folded';
import type { CallProfile, ProfileNode } from '../profile/profile-tree';
import { fileNamePart, ProfileFiles } from './profile-files';

const ID = toContractId('ab'.repeat(32));

function profileOf(gas: bigint): CallProfile {
  const child: ProfileNode = {
    kind: 'function',
    name: 'work',
    contract: ID,
    self: gas - 1n,
    total: gas - 1n,
    calls: 1,
    children: [],
  };
  const root: ProfileNode = {
    kind: 'contract',
    name: 'abababab.go',
    contract: ID,
    self: 1n,
    total: gas,
    calls: 1,
    children: [child],
  };
  return { root, gasSpent: gas, gasLimit: gas * 2n };
}

test('file names: step zero-padded to the script, names made safe, an id shortened', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pi-profile-files-'));
  const files = new ProfileFiles(dir, 120);
  files.collect(
    { index: 7, contractName: '../my counter', contract: ID, fn: 'in/c:r*e?' },
    profileOf(10n),
  );
  files.collect({ index: 42, contractName: `0x${ID}`, contract: ID, fn: 'go' }, profileOf(10n));
  expect(files.write(7)?.summary.files).toEqual([
    join(dir, '007-__my_counter-in_c_r_e_.folded'),
    join(dir, '007-__my_counter-in_c_r_e_.speedscope.json'),
  ]);
  expect(files.write(42)?.summary.files[0]).toBe(join(dir, '042-abababab-go.folded'));
  expect(files.write(3)).toBeUndefined(); // not a call step
  expect(readdirSync(dir)).toHaveLength(4);
});

test('fileNamePart keeps nothing a file system could read as a path or a hidden file', () => {
  expect(fileNamePart('..')).toBe('_');
  expect(fileNamePart('')).toBe('_');
  expect(fileNamePart('a/b\\c d')).toBe('a_b_c_d');
  expect(fileNamePart('x'.repeat(500))).toHaveLength(60);
});

test('a call above 2^53 − 1 gas: the folded file only, and the line says why', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pi-profile-files-'));
  const files = new ProfileFiles(dir, 2);
  const gas = 2n ** 53n + 5n;
  files.collect({ index: 1, contractName: 'big', contract: ID, fn: 'go' }, profileOf(gas));
  const written = files.write(1)!;
  const folded = join(dir, '1-big-go.folded');
  expect(written.summary.files).toEqual([folded]);
  expect(existsSync(join(dir, '1-big-go.speedscope.json'))).toBe(false);
  expect(parseFolded(readFileSync(folded, 'utf8')).reduce((s, l) => s + l.gas, 0n)).toBe(gas);
  expect(written.summary.gasSpent).toBe(gas.toString());
  expect(written.summary.speedscopeSkipped).toContain(gas.toString());
  expect(written.lines).toEqual([
    `    profile ${folded}  (no speedscope file: ${written.summary.speedscopeSkipped})`,
  ]);
});
