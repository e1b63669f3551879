#!/usr/bin/env python3
"""The wasmtime oracle: re-runs a call the engine made, in wasmtime itself, and reports the fuel.

piecrust meters contracts with wasmtime fuel, so wasmtime (the Python package `wasmtime`, which
embeds the real engine) is the independent judge of our gas. The engine side
(engine/gascheck/) sends one JSON object per line on stdin and reads one per line on stdout:

  {"op": "run", "id": N, "contracts": {...}, "call": {...}, "hostCalls": [...]}
  {"op": "bench", "id": N, "module": PATH, "fn": NAME, "arg": HEX, "limit": "...",
   "argBuffer": A, "iterations": K}
  {"op": "version", "id": N}

A "run" re-executes one top-level call. Each contract that took part is given as the oracle's
copy of its bytecode (engine/gascheck/oracle-module.ts: stores padded under piecrust's `head`
table, bulk memory operators routed to the host functions below, which cost exactly the `call`
that reaches them), the image of its memory as the call found it, and its argument buffer.

Host functions: the metering-relevant ones run natively here from piecrust's rules (spec §3.2,
§3.5, §4.3): `c` (inter-contract calls, on per-contract stores, the 93 % rule, the callee limit
burnt on failure, re-entrancy on the same instance), `spent`, `limit`, `emit`'s charge, `panic`.
The rest (`hd`, `hq`, `owner`, `caller`, `callstack`, `self_id`, `feed`, `hdebug`) replay what
the engine's host did: the bytes it wrote into the argument buffer, its return value, its
charge. Every host call is checked against the engine's record of the same call (name and
arguments, and for natively run ones the result): the first disagreement is reported.

Nothing here imports the engine: it knows piecrust only from the spec. Layout: this file (the
protocol, a run, the benchmark), oracle_live.py (an instance and its host functions),
oracle_common.py (constants, the wasmtime engine, errors).
"""
import json
import sys
import time

try:
    import wasmtime
except Exception as error:  # noqa: BLE001 - any import failure means "no oracle"
    sys.stdout.write(json.dumps({"ready": False, "reason": f"python cannot import wasmtime: {error}"}) + "\n")
    sys.stdout.flush()
    sys.exit(3)

from oracle_common import (
    ARGBUF_LEN,
    ENGINE,
    I64_MAX,
    Divergence,
    Excluded,
    HostError,
    classify,
    format_args,
    module_at,
    short,
    write_memory,
)
from oracle_live import Frame, Live


class Run:
    def __init__(self, job):
        self.table = job.get("table", "head")
        self.contracts = job["contracts"]
        self.log = job["hostCalls"]
        self.position = 0
        self.frames = []
        self.lives = {}
        self.iccs = []
        self.divergences = []

    def live(self, contract_id):
        live = self.lives.get(contract_id)
        if live is None:
            live = Live(self, contract_id, self.contracts[contract_id])
            self.lives[contract_id] = live
        return live

    def next_host_call(self, live, name, args):
        index = self.position
        if index >= len(self.log):
            raise Divergence(
                f"host call #{index}: wasmtime called {name}{format_args(args)} in {short(live.id)}, "
                f"the engine's call made only {len(self.log)} host calls"
            )
        record = self.log[index]
        self.position += 1
        expected = [int(a) for a in record["args"]]
        if record["name"] != name or record["contract"] != live.id or expected != [int(a) for a in args]:
            raise Divergence(
                f"host call #{index}: wasmtime called {name}{format_args(args)} in {short(live.id)}, "
                f"the engine called {record['name']}{format_args(expected)} in {short(record['contract'])}"
            )
        # The strongest check there is: at every host call both engines have charged the same.
        if int(record["before"]) != live.fuel():
            self.divergences.append(
                f"at host call #{index} ({name} in {short(live.id)}) the engine had {record['before']} "
                f"gas left and wasmtime {live.fuel()}"
            )
        return record

    def check_result(self, record, value):
        if "ret" in record and int(record["ret"]) != int(value):
            self.divergences.append(
                f"{record['name']}() returned {record['ret']} in the engine and {value} in wasmtime"
            )

    def check_icc(self, record, ret, caller_remaining):
        if "ret" in record and int(record["ret"]) != ret:
            self.divergences.append(f"c() returned {record['ret']} in the engine and {ret} in wasmtime")
        if int(record["after"]) != caller_remaining:
            self.divergences.append(
                f"after the inter-contract call #{self.log.index(record)} the caller had "
                f"{record['after']} gas left in the engine and {caller_remaining} in wasmtime"
            )

    def replay(self, live, record):
        """Do what the engine's host did: its charge, its writes, its result or its error."""
        error = record.get("error")
        if error is not None and error["code"] == "OutOfGas":
            # The engine's charge exceeded what was left: nothing is left.
            live.store.set_fuel(0)
            raise HostError("OutOfGas", "OutOfGas")
        charge = int(record["before"]) - int(record["after"])
        remaining = live.fuel()
        if charge > 0:
            if charge > remaining:
                live.store.set_fuel(0)
                raise HostError("OutOfGas", "OutOfGas")
            live.store.set_fuel(remaining - charge)
        for offset, data in record.get("writes", []):
            live.write(int(offset), bytes.fromhex(data))
        if error is not None:
            raise HostError(error["code"], error["message"])
        if "ret" in record:
            return int(record["ret"])
        return None

    def snapshot(self):
        """Every live memory as it is now (a failed callee reverts its whole subtree)."""
        return {cid: (live.memory.data_len(live.store), live.read(0, live.memory.data_len(live.store))) for cid, live in self.lives.items()}

    def restore(self, snapshot):
        for cid, live in self.lives.items():
            size, data = snapshot.get(cid, (None, None))
            if size is None:
                with open(live.spec["image"], "rb") as f:
                    data = f.read()
                size = len(data)
            if live.memory.data_len(live.store) != size:
                raise Excluded(
                    f"a failed inter-contract call grew the memory of {short(cid)} "
                    f"(piecrust shrinks it back; wasmtime's memories cannot shrink)"
                )
            live.write(0, data)


def run_job(job):
    run = Run(job)
    call = job["call"]
    limit = int(call["limit"])
    result = {"id": job["id"]}
    root = None
    try:
        root = run.live(call["contract"])
        arg = bytes.fromhex(call["arg"])
        root.write(root.arg_buffer, arg)
        run.frames.append(Frame(root, call["fn"], limit))
        # The host's u64 limit lives in wasmtime's i64 fuel counter; beyond i64::MAX is out of
        # scope for the comparison (no test uses it).
        root.store.set_fuel(min(limit, I64_MAX))
        ret = root.exports[call["fn"]](root.store, len(arg))
        if ret < 0 or ret > ARGBUF_LEN:
            raise HostError("RuntimeError", f"returned length {ret} is outside 0..={ARGBUF_LEN}")
        result["ok"] = True
        result["data"] = root.read(root.arg_buffer, ret).hex()
        result["gasSpent"] = str(limit - root.fuel())
    except Excluded as why:
        result["excluded"] = str(why)
    except Divergence as why:
        result["divergence"] = str(why)
    except Exception as failure:  # noqa: BLE001 - every failure is an outcome to compare
        remaining = root.fuel() if root is not None else 0
        code = classify(failure, remaining)
        result["ok"] = False
        message = getattr(failure, "message", str(failure))
        result["error"] = {"code": code, "message": (message.splitlines() or [""])[0][:300]}
        # piecrust reports no gas for a failed call; what wasmtime's counter says is informative.
        result["gasSpent"] = str(limit - remaining)
    if run.position != len(run.log) and "divergence" not in result and "excluded" not in result:
        run.divergences.append(
            f"wasmtime made {run.position} host calls, the engine {len(run.log)}"
        )
    result["divergences"] = run.divergences
    result["iccs"] = run.iccs
    return result


def bench_job(job):
    """Fresh store and instance per call, as piecrust does; the module is compiled once (cached).

    The instance's memory is what its data segments make it (no image is written: piecrust's
    instances reuse the contract's memory, they do not copy it in, and a compute-bound contract
    like fibonacci keeps no other state); the argument is written into its buffer.
    """
    module = module_at(job["module"])
    arg = bytes.fromhex(job["arg"])
    limit = int(job["limit"])
    arg_buffer = int(job["argBuffer"])
    times = []
    fuel = None

    def stub(*args):
        raise HostError("RuntimeError", "the benchmark provides no host functions")

    for _ in range(int(job["iterations"])):
        start = time.perf_counter()
        store = wasmtime.Store(ENGINE)
        store.set_fuel(I64_MAX)
        imports = [wasmtime.Func(store, imp.type, stub) for imp in module.imports]
        instance = wasmtime.Instance(store, module, imports)
        exports = instance.exports(store)
        memory = next(v for v in exports.values() if isinstance(v, wasmtime.Memory))
        write_memory(memory, store, arg, arg_buffer)
        store.set_fuel(limit)
        exports[job["fn"]](store, len(arg))
        fuel = limit - store.get_fuel()
        times.append(time.perf_counter() - start)
    return {"id": job["id"], "seconds": times, "fuel": str(fuel)}


def main():
    sys.stdout.write(json.dumps({"ready": True, "wasmtime": getattr(wasmtime, "__version__", "") or version_of_package()}) + "\n")
    sys.stdout.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        try:
            if job["op"] == "run":
                out = run_job(job)
            elif job["op"] == "bench":
                out = bench_job(job)
            else:
                out = {"id": job.get("id"), "failure": f"unknown op {job.get('op')!r}"}
        except Exception as failure:  # noqa: BLE001 - report, never die on one bad job
            out = {"id": job.get("id"), "failure": f"{type(failure).__name__}: {failure}"}
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


def version_of_package():
    try:
        from importlib.metadata import version

        return version("wasmtime")
    except Exception:  # noqa: BLE001
        return "unknown"


if __name__ == "__main__":
    main()
