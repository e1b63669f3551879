/**
 * The `piecrust-inspector` command line: the engine headless, for automation and CI.
 */
import { isPiecrustError } from '../core/errors';
import { createVm } from '../vm/vm';
import { parseArgs, UsageError } from './args';
import { checkCommand } from './check-command';
import { driverCommand } from './driver-command';
import { storeForWriting } from './store-for-writing';
import { runCommand, type Output } from './run-command';
import { serveCommand } from './serve-command';
import { diffCommand, logCommand, showCommand } from './history-commands';
import { openFileStore } from '../store/file-store';
import { openingStore } from '../core/store-path';
import { terminalOutput } from './terminal-text';
import { GAS_TABLE_NAMES, isGasTableName, type GasTableName } from '../core/gas-tables';
import { gasCheckCommand, gasCheckSetupCommand } from './gas-check-command';
import {
  callIndexArgument,
  DEFAULT_TOP,
  profileCommand,
  type ProfileCommandOptions,
} from './profile-command';
import { ProfileDirError } from './profile-files';

export const HELP = `piecrust-inspector — inspect piecrust (Dusk) smart-contract state

Usage:
  piecrust-inspector run SCRIPT.json [--store FILE [--force]] [--piecrust head|0.19]
                                   [--timeout SECONDS] [--profile DIR] [--json]
                                                run a JSON script of sessions, deploys, calls
                                                and commits; prints one line per step and
                                                "N passed, N failed" (exit 1 if a step failed,
                                                2 if the script is invalid). With --store the
                                                commits go to (and bases come from) that file,
                                                deploys' names and drivers are kept there (a
                                                later run names and decodes contracts by them);
                                                a store that check finds damaged is refused
                                                unless --force (never over intact records past
                                                its durable end).
                                                --piecrust picks the gas table (default head,
                                                piecrust 0.32; 0.19: every operator 1) unless
                                                the script names one ("piecrust"). --timeout
                                                stops a call running longer (Interrupted: the
                                                call is reverted, the script goes on); no limit
                                                by default. --profile runs every call step
                                                profiled (same result and gas) and writes its
                                                gas by WebAssembly function to DIR (created if
                                                missing) as <step>-<contract>-<fn>.folded and
                                                .speedscope.json; --json adds each call's
                                                "profile": gasSpent and the top 10 functions by
                                                self gas. Open .speedscope.json by dragging it
                                                onto https://www.speedscope.app or with
                                                npx speedscope FILE; .folded with
                                                flamegraph.pl or inferno-flamegraph. The
                                                numbers are gas, not time
  piecrust-inspector gas-check SCRIPT.json [--piecrust head|0.19] [--boundaries]
                                   [--timeout SECONDS] [--json]
                                                run the script, re-run every deploy and call
                                                step in wasmtime (Python package) and print
                                                both gas figures and their difference (exit 1
                                                if a step differs, 3 if wasmtime is missing);
                                                --boundaries also compares limits S-1, S, S+1
  piecrust-inspector gas-check --setup          install the wasmtime Python package gas-check
                                                uses (a virtual environment in ~/.cache)
  piecrust-inspector check --store FILE [--json] [--repair [--out NEW]]
                                                verify a store file: superblock, log records,
                                                every commit's trees, pages and bytecode (exit
                                                1 if damaged, 2 if it cannot be read as a
                                                store). --repair rebuilds a damaged store from
                                                the intact records of its log into a NEW file
                                                (default FILE's name + .repaired; FILE is never
                                                changed) and checks the copy
  piecrust-inspector log --store FILE [--json]  the commit history: root, parent, time, label,
                                                contracts (by name) and pages changed
  piecrust-inspector show COMMIT --store FILE [--json]
                                                one commit: its contracts and recorded calls
                                                (COMMIT = root, unique prefix or label)
  piecrust-inspector diff A B --store FILE [--json] [--bytes]
                                                pages added/removed/changed per contract
                                                between two commits (any two, also across
                                                branches); --bytes lists the changed ranges
  piecrust-inspector profile COMMIT CALL --store FILE [--out DIR] [--top N] [--json]
                                                a call the commit's journal recorded (CALL:
                                                its number in show, #3) run again, profiled, on
                                                the state it started from: its functions by self
                                                gas (top 20; --top 0 all) and whether it spent
                                                the gas the journal recorded (exit 1 if not).
                                                --out writes DIR/<call>-<contract>-<fn>.folded
                                                and .speedscope.json, as run --profile does
  piecrust-inspector serve [--store FILE] [--port N] [--static DIR] [--piecrust head|0.19]
                           [--allow-write DIR]… [--timeout SECONDS]
                                                browser mode: the inspector UI and its API on
                                                127.0.0.1; prints "Serving on http://…?token=…"
                                                (open that URL; the token is required). The app
                                                writes (stores, saved scripts) only in the
                                                --store file's folder and each --allow-write DIR.
                                                --piecrust: the gas table of new sessions on
                                                genesis (default head); sessions on a commit
                                                keep the commit's table. --timeout: the time
                                                limit of every call (default 60)
  piecrust-inspector driver DRIVER.wasm schema | version | encode FN JSON
                                   | decode-input FN 0xHEX | decode-output FN 0xHEX
                                   | decode-event TOPIC 0xHEX
                                                ask a contract's data-driver: its schema or
                                                version, JSON → the function's rkyv argument
                                                (printed as 0x…), rkyv → JSON; exit 1 with the
                                                driver's own error when it refuses or fails
  piecrust-inspector help                       this text

Script format: see README.md ("Scripts").
`;

/** The longest `--timeout` taken (a day): beyond, a typo is likelier than a wish. */
const MAX_TIMEOUT_S = 86_400;

/** `--timeout SECONDS`'s value in milliseconds (undefined: no limit). */
function timeoutOption(value: string | true | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = value === true ? NaN : Number(value);
  if (!(seconds > 0 && seconds <= MAX_TIMEOUT_S) || value === true || value.trim() === '') {
    throw new UsageError(
      `--timeout takes a number of seconds above 0, at most ${MAX_TIMEOUT_S}, got ${value === true ? 'nothing' : JSON.stringify(value)}`,
    );
  }
  return Math.round(seconds * 1000);
}

/** `profile`'s options: `--out DIR`, `--top N` (0: every function), `--json`. */
function profileCommandOptions(options: Map<string, string | true>): ProfileCommandOptions {
  const out = options.get('out');
  const top = options.get('top');
  if (out === true) throw new UsageError('--out takes a directory');
  const n = top === undefined ? DEFAULT_TOP : top === true ? NaN : Number(top);
  if (!Number.isSafeInteger(n) || n < 0 || (typeof top === 'string' && top.trim() === ''))
    throw new UsageError(
      `--top takes how many functions to list (0: all), got ${JSON.stringify(top)}`,
    );
  return { json: options.has('json'), top: n, out };
}

/** `--piecrust`'s value: a gas table name, or a usage error that lists them. */
function gasTableOption(value: string | true | undefined): GasTableName | undefined {
  if (value === undefined) return undefined;
  if (!isGasTableName(value)) {
    throw new UsageError(
      `--piecrust takes ${GAS_TABLE_NAMES.join(' or ')}, got ${value === true ? 'nothing' : JSON.stringify(value)}`,
    );
  }
  return value;
}

export async function main(argv: string[], terminal: Output): Promise<number> {
  const io = terminalOutput(terminal);
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
        const args = parseArgs(
          rest,
          ['store', 'piecrust', 'timeout', 'profile'],
          ['json', 'force'],
        );
        if (args.positionals.length !== 1)
          throw new UsageError('run takes exactly one SCRIPT.json');
        const force = args.options.has('force');
        const store = args.options.get('store');
        const gasTable = gasTableOption(args.options.get('piecrust'));
        const timeoutMs = timeoutOption(args.options.get('timeout'));
        const profile = args.options.get('profile');
        let vm;
        try {
          const path = typeof store === 'string' ? store : ':memory:';
          vm = await openingStore(path, async () =>
            createVm({ store: await storeForWriting(path, force, io) }),
          );
        } catch (e) {
          if (!isPiecrustError(e)) throw e;
          io.err(`error: ${e.message}`); // e.g. not a store, or locked by another writer
          return 2;
        }
        try {
          return await runCommand(args.positionals[0], vm, args.options.has('json'), io, {
            gasTable,
            timeoutMs,
            profileDir: typeof profile === 'string' ? profile : undefined,
          });
        } finally {
          await vm.close();
        }
      }
      case 'gas-check': {
        const args = parseArgs(rest, ['piecrust', 'timeout'], ['json', 'boundaries', 'setup']);
        if (args.options.has('setup')) {
          if (args.positionals.length > 0)
            throw new UsageError('gas-check --setup takes no script');
          return await gasCheckSetupCommand(io);
        }
        if (args.positionals.length !== 1)
          throw new UsageError('gas-check takes exactly one SCRIPT.json');
        return await gasCheckCommand(
          args.positionals[0],
          {
            gasTable: gasTableOption(args.options.get('piecrust')),
            boundaries: args.options.has('boundaries'),
            json: args.options.has('json'),
            timeoutMs: timeoutOption(args.options.get('timeout')),
          },
          io,
        );
      }
      case 'check': {
        const args = parseArgs(rest, ['store', 'out'], ['json', 'repair']);
        const store = args.options.get('store');
        const out = args.options.get('out');
        if (typeof store !== 'string' || args.positionals.length > 0)
          throw new UsageError('check takes --store FILE');
        if (out !== undefined && !args.options.has('repair'))
          throw new UsageError('--out names the file --repair writes; it needs --repair');
        return await checkCommand(
          store,
          {
            json: args.options.has('json'),
            repair: args.options.has('repair'),
            out: typeof out === 'string' ? out : undefined,
          },
          io,
        );
      }
      case 'log':
      case 'show':
      case 'diff':
      case 'profile': {
        const args =
          command === 'profile'
            ? parseArgs(rest, ['store', 'out', 'top'], ['json'])
            : parseArgs(rest, ['store'], ['json', 'bytes']);
        const store = args.options.get('store');
        const arity = { log: 0, show: 1, diff: 2, profile: 2 }[command];
        if (typeof store !== 'string' || args.positionals.length !== arity) {
          throw new UsageError(
            command === 'profile'
              ? 'profile takes COMMIT CALL (the journal entry, as show numbers it) and --store FILE'
              : `${command} takes ${['no commit', 'one COMMIT', 'two commits A B'][arity]} and --store FILE`,
          );
        }
        const profileOptions =
          command === 'profile' ? profileCommandOptions(args.options) : undefined;
        let vm;
        try {
          vm = await openingStore(store, async () =>
            createVm({ store: await openFileStore(store, { readOnly: true }) }),
          );
        } catch (e) {
          if (!isPiecrustError(e)) throw e;
          io.err(`error: ${e.message}`);
          return 2;
        }
        try {
          const json = args.options.has('json');
          if (command === 'log') return await logCommand(vm, json, io);
          if (command === 'show') return await showCommand(vm, args.positionals[0], json, io);
          if (profileOptions !== undefined) {
            const [commit, call] = args.positionals;
            return await profileCommand(vm, commit, callIndexArgument(call), profileOptions, io);
          }
          return await diffCommand(
            vm,
            args.positionals[0],
            args.positionals[1],
            { json, bytes: args.options.has('bytes') },
            io,
          );
        } catch (e) {
          if (!isPiecrustError(e) && !(e instanceof ProfileDirError)) throw e;
          io.err(`error: ${e.message}`);
          return 2;
        } finally {
          await vm.close();
        }
      }
      case 'driver':
        return driverCommand(parseArgs(rest, [], []).positionals, io);
      case 'serve': {
        const args = parseArgs(
          rest,
          ['store', 'port', 'static', 'piecrust', 'allow-write', 'timeout'],
          [],
        );
        if (args.positionals.length > 0)
          throw new UsageError('serve takes no positional arguments');
        const gasTable = gasTableOption(args.options.get('piecrust'));
        const timeoutMs = timeoutOption(args.options.get('timeout'));
        const value = (name: string): string | undefined => {
          const v = args.options.get(name);
          return typeof v === 'string' ? v : undefined;
        };
        let running;
        try {
          running = await serveCommand(
            {
              store: value('store'),
              port: value('port'),
              staticDir: value('static'),
              gasTable,
              timeoutMs,
              allowWrite: args.all.get('allow-write') ?? [],
            },
            io,
          );
        } catch (e) {
          if (!isPiecrustError(e)) throw e;
          io.err(`error: ${e.message}`);
          return 2;
        }
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await running.close();
        return 0;
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
