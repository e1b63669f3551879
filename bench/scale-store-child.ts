/**
 * Child process of scale-store.ts: one store file opened in a fresh process, as the app opens it.
 * `open` mode: opens it (createVm), then reads the commit list whole and in pieces. `graph` mode:
 * opens it through the API service and reads the commit graph (`commitGraph`), its first piece,
 * then (when `whole`) all of it. Prints the figures as one JSON line. Run with --expose-gc, so
 * that the memory figures are of what is retained.
 */
import { InspectorService } from '../engine/api/service';
import { openFileStore, type FileCommitStore } from '../engine/store/file-store';
import { createVm } from '../engine/vm/vm';

const [mode, path, wholeArg] = process.argv.slice(2);
const PIECE = 1000;
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const mb = (bytes: number) => bytes / 2 ** 20;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const settled = () => {
  gc();
  return process.memoryUsage();
};

if (mode === 'open') {
  const before = settled();
  let start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  // Admission after the open, to time both: readable (openMs) and writable (admittedMs, what
  // createVm and so the app wait for).
  const vm = await createVm({ store: await openFileStore(path, { admission: 'first-write' }) });
  const openMs = ms(start);
  const openCpu = process.cpuUsage(cpuStart);
  // The writer's inspection of the log runs after the open (FileStoreOptions `admission`).
  await (vm.store as FileCommitStore).whenAdmitted?.();
  const admittedMs = ms(start);
  // Memory once admitted: the inspection's read window included.
  const opened = settled();
  // The pieces first, so that the whole list has not been read before them.
  start = process.hrtime.bigint();
  const first = vm.commitRecords({ limit: PIECE });
  const firstPieceMs = ms(start);
  start = process.hrtime.bigint();
  let commits = first.length;
  for (let piece = first; piece.length === PIECE; commits += piece.length)
    piece = vm.commitRecords({ after: piece.at(-1)!.root, limit: PIECE });
  const allPiecesMs = ms(start) + firstPieceMs;
  start = process.hrtime.bigint();
  const all = vm.commitRecords();
  const wholeMs = ms(start);
  const listed = settled();
  if (all.length !== commits) throw new Error(`${all.length} commits whole, ${commits} in pieces`);
  console.log(
    JSON.stringify({
      commits: all.length,
      openMs,
      // The open's CPU time (user + system, all threads): on a loaded machine it says what the
      // open costs where the wall time says how long it waited for a core too.
      openCpuMs: (openCpu.user + openCpu.system) / 1000,
      admittedMs,
      rssMb: mb(opened.rss),
      openHeapMb: mb(opened.heapUsed - before.heapUsed),
      openExternalMb: mb(
        opened.external + opened.arrayBuffers - before.external - before.arrayBuffers,
      ),
      firstPieceMs,
      allPiecesMs,
      wholeMs,
      wholeHeapMb: mb(listed.heapUsed - opened.heapUsed),
      wholeRssMb: mb(listed.rss),
    }),
  );
  await vm.close();
} else {
  const start0 = process.hrtime.bigint();
  const service = await InspectorService.create({ store: path });
  const serviceOpenMs = ms(start0);
  const opened = settled();
  let start = process.hrtime.bigint();
  const first = await service.commitGraph({ limit: PIECE });
  const graphFirstPieceMs = ms(start);
  const out: Record<string, number> = { serviceOpenMs, graphFirstPieceMs, pieces: first.length };
  if (wholeArg === 'whole') {
    start = process.hrtime.bigint();
    const all = await service.commitGraph();
    out.graphWholeMs = ms(start);
    const after = settled();
    out.graphWholeHeapMb = mb(after.heapUsed - opened.heapUsed);
    out.graphWholeRssMb = mb(after.rss);
    out.commits = all.length;
  }
  console.log(JSON.stringify(out));
  await service.close();
}
