/** Minimal argv parsing: positionals and `--flag [value]` options, with clear errors. */

export interface ParsedArgs {
  positionals: string[];
  /** Each option's value (the last one given, for an option given twice). */
  options: Map<string, string | true>;
  /** Each valued option's values in order (repeatable: `--allow-write A --allow-write B`). */
  all: Map<string, string[]>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** `valued` lists the options that take a value (`--store FILE`); others are booleans. */
export function parseArgs(argv: string[], valued: string[], booleans: string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  const all = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (valued.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      options.set(name, value);
      all.set(name, [...(all.get(name) ?? []), value]);
    } else if (booleans.includes(name)) {
      options.set(name, true);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { positionals, options, all };
}
