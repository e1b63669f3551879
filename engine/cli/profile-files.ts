/**
 * `run --profile DIR`: each call step's gas profile written as `DIR/<step>-<contract>-<fn>.folded`
 * (flamegraph.pl, inferno, speedscope) and `.speedscope.json` (speedscope), and summarised for
 * `--json` as the step's `"profile"`: its gas and the functions that spent the most themselves.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shortId } from '../core/ids';
import { toFolded } from '../profile/folded';
import type { CallProfile } from '../profile/profile-tree';
import { toSpeedscope } from '../profile/speedscope';
import { topFunctions } from '../profile/top-functions';
import type { ProfiledStep } from '../script/script-runner';

/** How many functions `--json`'s `"profile".top` lists. */
export const TOP_FUNCTIONS = 10;

/** A file name part longer than this is cut: names of Rust functions can run to hundreds. */
const MAX_NAME_PART = 60;

/** The directory cannot be written: the run stops (exit 2) naming it and the cause. */
export class ProfileDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProfileDirError';
  }
}

function causeText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Create `dir` if missing and prove it writable by writing (and removing) a file in it, before
 * anything runs: permissions alone do not say it (root, read-only mounts, a file in the way).
 */
export function prepareProfileDir(dir: string): void {
  const probe = join(dir, `.piecrust-inspector-probe-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (e) {
    throw new ProfileDirError(`cannot write profiles to ${dir}: ${causeText(e)}`);
  }
}

/** A name made safe for a file name on any system: letters, digits, `.`, `_` and `-` only. */
export function fileNamePart(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[.]+/, '_');
  return (safe === '' ? '_' : safe).slice(0, MAX_NAME_PART);
}

/** The script names a contract by a deploy's name or a `0x…` id: an id is shortened. */
function contractPart(step: ProfiledStep): string {
  return /^0x[0-9a-fA-F]{64}$/.test(step.contractName)
    ? shortId(step.contract)
    : fileNamePart(step.contractName);
}

/** What `--json` adds to a call step's line: bigints as decimal strings. */
export interface ProfileSummary {
  gasSpent: string;
  top: Array<{ name: string; contract?: string; self: string; total: string; calls: number }>;
  /** The files written, folded first. */
  files: string[];
  /** Why no speedscope file was written (a call above 2^53 − 1 gas). */
  speedscopeSkipped?: string;
}

/** What was written for one call step. */
export interface WrittenProfile {
  summary: ProfileSummary;
  /** The step's text output lines (indented, under the step's line). */
  lines: string[];
}

export class ProfileFiles {
  private readonly pending = new Map<number, { step: ProfiledStep; profile: CallProfile }>();

  /** `steps`: how many steps the script has (the step numbers are padded to its width). */
  constructor(
    private readonly dir: string,
    private readonly steps: number,
  ) {}

  /** The runner's `onCallProfile`: kept until the step's result is printed. */
  readonly collect = (step: ProfiledStep, profile: CallProfile): void => {
    this.pending.set(step.index, { step, profile });
  };

  /** Write step `index`'s profile, if it has one (only call steps do). */
  write(index: number): WrittenProfile | undefined {
    const entry = this.pending.get(index);
    if (entry === undefined) return undefined;
    this.pending.delete(index);
    const { step, profile } = entry;
    const number = String(step.index).padStart(String(Math.max(0, this.steps - 1)).length, '0');
    const base = join(this.dir, `${number}-${contractPart(step)}-${fileNamePart(step.fn)}`);
    const title = `#${step.index} ${step.contractName}.${step.fn}`;
    const { files, speedscopeSkipped } = writeProfileFiles(base, title, profile);
    const folded = files[0];
    const summary: ProfileSummary = {
      gasSpent: profile.gasSpent.toString(),
      top: topFunctions(profile, TOP_FUNCTIONS).map((f) => ({
        name: f.name,
        ...(f.contract === undefined ? {} : { contract: f.contract }),
        self: f.self.toString(),
        total: f.total.toString(),
        calls: f.calls,
      })),
      files,
      ...(speedscopeSkipped === undefined ? {} : { speedscopeSkipped }),
    };
    const line =
      speedscopeSkipped === undefined
        ? `    profile ${folded}  ${files[1]}`
        : `    profile ${folded}  (no speedscope file: ${speedscopeSkipped})`;
    return { summary, lines: [line] };
  }
}

/** The files written for one profile, folded first. */
export interface WrittenFiles {
  files: string[];
  /** Why no speedscope file was written (a call above 2^53 − 1 gas). */
  speedscopeSkipped?: string;
}

/**
 * `BASE.folded` and `BASE.speedscope.json` (titled `TITLE — N gas`); above 2^53 − 1 gas the
 * folded file only, saying why. A file that cannot be written is a ProfileDirError naming it.
 */
export function writeProfileFiles(base: string, title: string, profile: CallProfile): WrittenFiles {
  const files: string[] = [];
  const write = (path: string, text: string): void => {
    try {
      writeFileSync(path, text);
    } catch (e) {
      throw new ProfileDirError(`cannot write the profile ${path}: ${causeText(e)}`);
    }
    files.push(path);
  };
  write(`${base}.folded`, toFolded(profile));
  try {
    const speedscope = toSpeedscope(profile, { name: `${title} — ${profile.gasSpent} gas` });
    write(`${base}.speedscope.json`, JSON.stringify(speedscope));
  } catch (e) {
    // Above 2^53 − 1 gas speedscope's numbers would not be the gas: the folded file only.
    if (!(e instanceof RangeError)) throw e;
    return { files, speedscopeSkipped: e.message };
  }
  return { files };
}
