/**
 * `profile COMMIT CALL --store FILE`: a call a commit's journal recorded, profiled again on the
 * state it started from (engine/profile/recorded-call.ts), printed as a table of functions by self
 * gas, with whether the re-run spent the gas the journal recorded; `--out DIR` writes it as
 * folded stacks and speedscope JSON like `run --profile`. CALL is the entry's number, as `show`
 * prints it (`#3`).
 */
import { join } from 'node:path';
import { PiecrustError } from '../core/errors';
import { shortId, toContractId, type ContractId } from '../core/ids';
import { deployedBytecode, profileRecordedCall } from '../profile/recorded-call';
import { topFunctions } from '../profile/top-functions';
import type { Vm } from '../vm/vm';
import { UsageError } from './args';
import { resolveCommit, short } from './commit-ref';
import { callText } from './contract-text';
import { fileNamePart, prepareProfileDir, writeProfileFiles } from './profile-files';
import type { Output } from './run-command';

export interface ProfileCommandOptions {
  json: boolean;
  /** How many functions the table lists (the most self gas first); all with `--top 0`. */
  top: number;
  out?: string;
}

/** The table's default length: a real contract has hundreds of functions. */
export const DEFAULT_TOP = 20;

/** `CALL` as `show` prints it: `3` or `#3`. */
export function callIndexArgument(text: string): number {
  const match = /^#?(\d{1,9})$/.exec(text);
  if (match === null)
    throw new UsageError(`CALL is a journal entry's number as show prints it (#3), got "${text}"`);
  return Number(match[1]);
}

export async function profileCommand(
  vm: Vm,
  commitRef: string,
  call: number,
  options: ProfileCommandOptions,
  io: Output,
): Promise<number> {
  const commit = resolveCommit([...vm.commitRecords()], commitRef);
  const state = vm.at(commit);
  const journal = await state.journal();
  if (journal === undefined) {
    throw new PiecrustError(
      'InvalidInput',
      `commit ${short(commit.root)} has no recorded journal`,
      {
        commit: commit.root,
      },
    );
  }
  if (options.out !== undefined) prepareProfileDir(options.out);
  const profile = profileRecordedCall(
    vm,
    journal,
    call,
    { bytecodeOf: await deployedBytecode(state) },
    { contract: (id) => vm.contractName(id) },
  );
  const entry = journal.calls[call];
  const names = vm.contractNames();
  const name = names.get(entry.contract);
  const fileBase = `${call}-${name === undefined ? shortId(entry.contract) : fileNamePart(name)}-${fileNamePart(entry.fn)}`;
  const written =
    options.out === undefined
      ? { files: [] }
      : writeProfileFiles(join(options.out, fileBase), `#${call} ${entry.fn}`, profile);
  const all = topFunctions(profile, Infinity);
  const functions = options.top === 0 ? all : all.slice(0, options.top);
  if (options.json) {
    io.out(
      JSON.stringify({
        root: commit.root,
        call,
        contract: entry.contract,
        ...(names.has(entry.contract) ? { contractName: names.get(entry.contract) } : {}),
        fn: entry.fn,
        gasSpent: profile.gasSpent.toString(),
        recordedGas: profile.recordedGas?.toString() ?? null,
        matched: profile.matched,
        functions: functions.map((f) => ({
          name: f.name,
          kind: f.kind,
          ...(f.contract === undefined ? {} : { contract: f.contract }),
          self: f.self.toString(),
          total: f.total.toString(),
          calls: f.calls,
        })),
        files: written.files,
        ...(written.speedscopeSkipped === undefined
          ? {}
          : { speedscopeSkipped: written.speedscopeSkipped }),
      }),
    );
  } else {
    const what = callText(entry.contract, name, entry.fn);
    io.out(`#${call} ${what} of commit ${short(commit.root)}: ${profile.gasSpent} gas`);
    io.out(
      profile.recordedGas === undefined
        ? '  the journal recorded no gas for it (a failed call of an older store)'
        : profile.matched
          ? `  matched: the journal recorded ${profile.recordedGas}`
          : `  DIFFERS: the journal recorded ${profile.recordedGas}, the re-run spent ${profile.gasSpent} (${signed(profile.gasSpent - profile.recordedGas)})`,
    );
    io.out(tableText(functions, (id) => names.get(id) ?? shortId(id)));
    if (functions.length < all.length)
      io.out(`  … ${all.length - functions.length} more (--top 0 lists all)`);
    for (const file of written.files) io.out(`  wrote ${file}`);
    if (written.speedscopeSkipped !== undefined)
      io.out(`  no speedscope file: ${written.speedscopeSkipped}`);
  }
  return profile.matched || profile.recordedGas === undefined ? 0 : 1;
}

const signed = (n: bigint): string => (n > 0n ? `+${n}` : n.toString());

/** Columns self, total, calls, contract (its name, else its short id; none for host charges), function. */
function tableText(
  functions: ReturnType<typeof topFunctions>,
  contractOf: (id: ContractId) => string,
): string {
  const header = ['self', 'total', 'calls', 'contract', 'function'];
  const rows = functions.map((f) => [
    f.self.toString(),
    f.total.toString(),
    String(f.calls),
    f.contract === undefined ? '' : contractOf(toContractId(f.contract)),
    f.name,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  // Figures right-aligned, names left-aligned; the last column is not padded.
  const line = (r: string[]) =>
    `  ${r.map((cell, i) => (i < 3 ? cell.padStart(widths[i]) : i === 3 ? cell.padEnd(widths[i]) : cell)).join('  ')}`;
  return [line(header), ...rows.map(line)].join('\n');
}
