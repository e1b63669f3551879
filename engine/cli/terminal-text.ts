/**
 * Everything the CLI prints goes through here, because much of it is not ours: panic messages
 * and debug text from contracts, commit labels and names from a store or a script. A terminal
 * obeys control characters in that text: `\r` and `ESC [2K` can erase a FAIL line and write
 * "ok" in its place, other sequences set the window title or hide text. So every control
 * character is printed as its `\uXXXX` escape instead: C0 controls but newline and tab, DEL,
 * C1 controls (8-bit CSI and friends), and the bidirectional overrides that reorder what is
 * shown. The escape is JSON's own, so a `--json` line (where such characters can only be inside
 * strings) stays valid JSON with the same value.
 */
import type { Output } from './run-command';

const UNSAFE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every character a terminal would obey (see above) written as `\uXXXX`. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `io` with every line made terminal-safe: the one place CLI output is sanitized. */
export function terminalOutput(io: Output): Output {
  return {
    out: (line) => io.out(terminalSafe(line)),
    err: (line) => io.err(terminalSafe(line)),
  };
}
