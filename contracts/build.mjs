#!/usr/bin/env node
// Builds the test contracts: contracts/src/*.ts with AssemblyScript, contracts/wat/*.wat with wabt,
// into contracts/build/<name>.wasm; and our data-drivers, contracts/drivers/*.ts (their shared code
// in drivers/lib/), into contracts/build/drivers/<name>.wasm. Incremental: a contract is rebuilt only when its source, the SDK
// or this tooling is newer than its output. Prints one line per contract built; exits non-zero with
// the compiler's message on the first failure.
//
// Usage: node contracts/build.mjs [--force] [name ...]
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { foldStart } from './tools/fold-start.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SRC = join(HERE, 'src');
const WAT = join(HERE, 'wat');
const SDK = join(HERE, 'sdk');
const DRIVERS = join(HERE, 'drivers');
const OUT = join(HERE, 'build');

// `--runtime stub`: temporaries only, reset by every new instance. `--use abort=`: no `env.abort`
// import (piecrust rejects unknown imports); a failed assertion simply traps. -O3 drops the all-zero
// 64 KiB argument buffer from the data segments.
const ASC_FLAGS = ['--runtime', 'stub', '--use', 'abort=', '-O3', '--noAssert'];
// A data-driver lives across calls (one instance answers many): its temporaries must be freed, so
// it gets the incremental runtime (TLSF allocator, `heap.free` for the host's buffers, a GC for its
// strings) instead of the stub's bump allocator, under which it grew by every output buffer.
const DRIVER_ASC_FLAGS = ['--runtime', 'incremental', '--use', 'abort=', '-O3', '--noAssert'];

// Features wabt must accept; each only matters for the modules that use it (c_example and counter64
// are memory64, two_memories is multi-memory).
const WAT_FEATURES = {
  memory64: true,
  multi_memory: true,
  bulk_memory: true,
  sign_extension: true,
  mutable_globals: true,
  sat_float_to_int: true,
};

async function listFiles(dir, ext) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path, ext)));
    else if (entry.name.endsWith(ext)) out.push(path);
  }
  return out.sort();
}

async function mtime(path) {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return -1;
  }
}

async function newest(paths) {
  let max = 0;
  for (const p of paths) max = Math.max(max, await mtime(p));
  return max;
}

class BuildError extends Error {}

async function compileAs(source, flags = ASC_FLAGS, fold = true) {
  const { default: asc } = await import('assemblyscript/asc');
  let binary;
  const stderr = asc.createMemoryStream();
  const { error } = await asc.main(
    [relative(process.cwd(), source), ...flags, '--outFile', 'out.wasm'],
    {
      stdout: asc.createMemoryStream(),
      stderr,
      writeFile: (name, contents) => {
        if (name.endsWith('.wasm')) binary = contents;
      },
    },
  );
  if (error)
    throw new BuildError(
      `${relative(process.cwd(), source)}: ${error.message}\n${stderr.toString()}`,
    );
  // A driver may keep its start function: the engine runs it, metered, at instantiation.
  if (!fold) return binary;
  try {
    return foldStart(binary);
  } catch (e) {
    throw new BuildError(
      `${relative(process.cwd(), source)}: ${e.message} (no top-level statements with side effects allowed)`,
    );
  }
}

let wabtInstance;
async function compileWat(source) {
  if (!wabtInstance) {
    const { default: createWabt } = await import('wabt');
    wabtInstance = await createWabt();
  }
  const text = await readFile(source, 'utf8');
  let module;
  try {
    module = wabtInstance.parseWat(relative(process.cwd(), source), text, WAT_FEATURES);
    module.resolveNames();
    module.validate(WAT_FEATURES);
    return module.toBinary({ log: false, write_debug_names: false }).buffer;
  } catch (e) {
    throw new BuildError(`${relative(process.cwd(), source)}: ${e.message}`);
  } finally {
    module?.destroy();
  }
}

export async function buildContracts({ force = false, only = [], log = console.log } = {}) {
  await mkdir(OUT, { recursive: true });
  const tooling = [fileURLToPath(import.meta.url), join(HERE, 'tools', 'fold-start.mjs')];
  const sdkTime = await newest([...(await listFiles(SDK, '.ts')), ...tooling]);
  const watTime = await newest(tooling);
  const jobs = [
    ...(await listFiles(SRC, '.ts')).map((path) => ({ path, kind: 'as', deps: sdkTime })),
    ...(await listFiles(WAT, '.wat')).map((path) => ({ path, kind: 'wat', deps: watTime })),
  ];
  const driverTime = await newest([...(await listFiles(DRIVERS, '.ts')), ...tooling]);
  const driverSources = (await readdir(DRIVERS, { withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(DRIVERS, e.name))
    .sort();
  jobs.push(
    ...driverSources.map((path) => ({ path, kind: 'as', deps: driverTime, dir: 'drivers' })),
  );
  await mkdir(join(OUT, 'drivers'), { recursive: true });
  const names = new Set();
  let built = 0;
  for (const job of jobs) {
    const base = job.path.slice(job.path.lastIndexOf('/') + 1).replace(/\.(ts|wat)$/, '');
    const name = job.dir === undefined ? base : `${job.dir}/${base}`;
    if (names.has(name)) throw new BuildError(`two sources build ${name}.wasm`);
    names.add(name);
    if (only.length && !only.includes(name)) continue;
    const out = join(OUT, `${name}.wasm`);
    const outTime = await mtime(out);
    if (!force && outTime > Math.max(job.deps, await mtime(job.path))) continue;
    const started = performance.now();
    const binary =
      job.kind === 'wat'
        ? await compileWat(job.path)
        : job.dir === 'drivers'
          ? await compileAs(job.path, DRIVER_ASC_FLAGS, false)
          : await compileAs(job.path);
    // Write then rename: test files build concurrently, and a reader must never see half a module.
    const tmp = `${out}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, binary);
    await rename(tmp, out);
    built++;
    log(
      `built ${name}.wasm (${job.kind === 'as' ? 'AssemblyScript' : 'wat'}, ${binary.length} bytes, ${Math.round(performance.now() - started)} ms)`,
    );
  }
  return { built, total: jobs.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const started = performance.now();
  try {
    const { built, total } = await buildContracts({
      force: args.includes('--force'),
      only: args.filter((a) => !a.startsWith('--')),
    });
    console.log(
      `${built} of ${total} contracts built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } catch (e) {
    console.error(e instanceof BuildError ? e.message : e);
    process.exit(1);
  }
}
