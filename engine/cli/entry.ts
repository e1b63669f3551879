/** Process entry of the CLI bundle (bin/piecrust-inspector.js loads it). */
import { main } from './main';
import { terminalSafe } from './terminal-text';

// A reader that stops early (`log | head`) closes the pipe: that ends the output, quietly, as
// for any Unix tool, instead of an unhandled EPIPE error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

main(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A message can quote untrusted text (a contract's, a file's): sanitized like all output.
    process.stderr.write(
      `${terminalSafe(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)}\n`,
    );
    process.exitCode = 3;
  },
);
