/**
 * The `piecrust-inspector` command line: the engine headless, for automation and CI.
 */
import { isPiecrustError } from '../core/errors';
import { createVm } from '../vm/vm';
import { parseArgs, UsageError } from './args';
import { checkCommand } from './check-command';
import { runCommand, type Output } from './run-command';

export const HELP = `piecrust-inspector — inspect piecrust (Dusk) smart-contract state

Usage:
  piecrust-inspector run SCRIPT.json [--store FILE] [--json]
                                                run a JSON script of sessions, deploys, calls
                                                and commits; prints one line per step and
                                                "N passed, N failed" (exit 1 if a step failed,
                                                2 if the script is invalid). With --store the
                                                commits go to (and bases come from) that file
  piecrust-inspector check --store FILE [--json]
                                                verify a store file: every commit's trees,
                                                pages, bytecode and records (exit 1 if damaged,
                                                2 if it cannot be opened)
  piecrust-inspector help                       this text

Script format: see README.md ("Scripts").
`;

export async function main(argv: string[], io: Output): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return 0;
      case 'run': {
        const args = parseArgs(rest, ['store'], ['json']);
        if (args.positionals.length !== 1)
          throw new UsageError('run takes exactly one SCRIPT.json');
        const store = args.options.get('store');
        let vm;
        try {
          vm = await createVm({ store: typeof store === 'string' ? store : undefined });
        } catch (e) {
          if (!isPiecrustError(e)) throw e;
          io.err(`error: ${e.message}`); // e.g. not a store, or locked by another writer
          return 2;
        }
        try {
          return await runCommand(args.positionals[0], vm, args.options.has('json'), io);
        } finally {
          await vm.close();
        }
      }
      case 'check': {
        const args = parseArgs(rest, ['store'], ['json']);
        const store = args.options.get('store');
        if (typeof store !== 'string' || args.positionals.length > 0)
          throw new UsageError('check takes --store FILE');
        return await checkCommand(store, args.options.has('json'), io);
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`error: ${e.message}\n\n${HELP}`);
      return 2;
    }
    throw e;
  }
}
