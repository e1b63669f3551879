/**
 * The `piecrust-inspector` command line: the engine headless, for automation and CI.
 */
import { createVm } from '../vm/vm';
import { parseArgs, UsageError } from './args';
import { runCommand, type Output } from './run-command';

export const HELP = `piecrust-inspector — inspect piecrust (Dusk) smart-contract state

Usage:
  piecrust-inspector run SCRIPT.json [--json]   run a JSON script of sessions, deploys, calls
                                                and commits; prints one line per step and
                                                "N passed, N failed" (exit 1 if a step failed,
                                                2 if the script is invalid)
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
        const args = parseArgs(rest, [], ['json']);
        if (args.positionals.length !== 1) throw new UsageError('run takes exactly one SCRIPT.json');
        const vm = await createVm();
        try {
          return await runCommand(args.positionals[0], vm, args.options.has('json'), io);
        } finally {
          await vm.close();
        }
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
