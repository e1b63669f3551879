/**
 * A call that writes 256 MiB, run against a store file with its journal recorded (as `run --store`
 * and the desktop app do): the journal must cost memory in proportion to what it records, not to
 * the bytes written (before: ~90 bytes of memory per byte written; 64 MiB killed the process).
 *
 * Each figure comes from a fresh child process (bench/big-write-child.ts), so the peak resident
 * memory (VmHWM) is the run's own:
 * - `write_256mib_journal_peak_rss_mb`: deploy, one call writing 4,096 distinct 64 KiB pages,
 *   commit, with the journal on.
 * - `write_256mib_plain_peak_rss_mb`: the same with the journal off (the contract's 256 MiB of
 *   memory, the revert log, the commit's copy of the pages).
 * - `journal_peak_rss_per_byte`: (journal − plain) ÷ 256 MiB: what the journal adds per byte
 *   written.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { report } from './measure';

const run = promisify(execFile);
const PAGES = 4096;

async function child(journal: boolean): Promise<{ peakRssMb: number; ms: number }> {
  const script = fileURLToPath(new URL('./big-write-child.ts', import.meta.url));
  const { stdout } = await run(
    process.execPath,
    [
      '--experimental-wasm-memory64',
      '--import',
      'tsx',
      script,
      String(PAGES),
      journal ? 'journal' : 'plain',
    ],
    { maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { peakRssMb: number; ms: number };
}

export async function journalBench(): Promise<void> {
  const withJournal = await child(true);
  const plain = await child(false);
  report('write_256mib_journal_peak_rss_mb', withJournal.peakRssMb, 0);
  report('write_256mib_plain_peak_rss_mb', plain.peakRssMb, 0);
  report(
    'journal_peak_rss_per_byte',
    ((withJournal.peakRssMb - plain.peakRssMb) * 2 ** 20) / (PAGES * 65536),
    3,
  );
  report('write_256mib_journal_s', withJournal.ms / 1000);
}
