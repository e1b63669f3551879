/**
 * vitest global setup: every temporary file and folder of the run — the tests' (`os.tmpdir()`),
 * and those of the CLI processes and browsers they start, which inherit TMPDIR — goes into one
 * folder, removed when the run ends. Tests remove what they make, but not all of them did: runs
 * had left over ten thousand `pi-*` folders (3 GB) in /tmp. A run that is killed leaves its one
 * folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'pi-test-run-'));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
