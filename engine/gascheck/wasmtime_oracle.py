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

Nothing here imports the engine: it knows piecrust only from the spec.
"""
import ctypes
import json
import sys
import time

try:
    import wasmtime
except Exception as error:  # noqa: BLE001 - any import failure means "no oracle"
    sys.stdout.write(json.dumps({"ready": False, "reason": f"python cannot import wasmtime: {error}"}) + "\n")
    sys.stdout.flush()
    sys.exit(3)

ARGBUF_LEN = 65536
PAGE = 65536
MAX_DEPTH = 48
I64_MAX = (1 << 63) - 1
U64 = (1 << 64) - 1
GAS_PASS_PCT = 93
# ContractError wire codes (HEAD).
CODE_PANIC = -1
CODE_OUT_OF_GAS = -2
CODE_DOES_NOT_EXIST = -3
CODE_UNKNOWN = -(1 << 31)
EMIT_BYTE_COST = {"head": 4, "0.19": 0}


def write_memory(memory, store, data, offset):
    """Copy bytes into a memory (`Memory.write` goes byte by byte in Python: 400 µs for 128 KiB)."""
    if not data:
        return
    data = bytes(data)  # ctypes.memmove takes bytes, not the bytearray Memory.read returns
    if offset + len(data) > memory.data_len(store):
        raise HostError("RuntimeError", "wasm trap: out of bounds memory access")
    ctypes.memmove(ctypes.addressof(memory.data_ptr(store).contents) + offset, data, len(data))


def make_engine():
    config = wasmtime.Config()
    config.consume_fuel = True
    config.wasm_memory64 = True
    config.wasm_bulk_memory = True
    config.wasm_reference_types = True
    config.wasm_simd = True
    config.wasm_multi_value = True
    config.wasm_tail_call = True
    config.wasm_threads = True
    # piecrust's engine canonicalizes NaNs (so does ours).
    config.cranelift_nan_canonicalization = True
    return wasmtime.Engine(config)


ENGINE = make_engine()
MODULES = {}


def module_at(path):
    module = MODULES.get(path)
    if module is None:
        with open(path, "rb") as f:
            module = wasmtime.Module(ENGINE, f.read())
        MODULES[path] = module
    return module


class HostError(Exception):
    """A host function failed the call, as piecrust's host would (code, message)."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


class Excluded(Exception):
    """The call executes something wasmtime charges differently from piecrust's tables."""


class Divergence(Exception):
    """wasmtime's run left the engine's recorded path: the comparison stops here."""


def callee_limit_default(remaining):
    return (remaining // 100) * GAS_PASS_PCT + (remaining % 100) * GAS_PASS_PCT // 100


class Frame:
    def __init__(self, live, fn, limit):
        self.live = live
        self.fn = fn
        self.limit = limit


class Live:
    """One contract's instance in this top-level call (its own store: its own fuel counter)."""

    def __init__(self, run, contract_id, spec):
        self.run = run
        self.id = contract_id
        self.spec = spec
        self.arg_buffer = int(spec["argBuffer"])
        self.is64 = bool(spec["is64"])
        self.store = wasmtime.Store(ENGINE)
        self.dropped = set(int(k) for k in spec.get("activeSegments", []))
        self.passive = {int(k): bytes.fromhex(v) for k, v in spec.get("passive", {}).items()}
        module = module_at(spec["module"])
        imports = [self.host_function(imp) for imp in module.imports]
        # Constant expressions cost fuel in wasmtime >= 48; piecrust charges nothing for
        # instantiation: give it plenty, then set the frame's limit before the call.
        self.store.set_fuel(I64_MAX)
        self.instance = wasmtime.Instance(self.store, module, imports)
        exports = self.instance.exports(self.store)
        self.memory = next(v for v in exports.values() if isinstance(v, wasmtime.Memory))
        with open(spec["image"], "rb") as f:
            image = f.read()
        have = self.memory.size(self.store) * PAGE
        if len(image) > have:
            self.memory.grow(self.store, (len(image) - have) // PAGE)
        # The whole image, zeros included: it replaces what the data segments wrote.
        write_memory(self.memory, self.store, image, 0)
        self.exports = exports

    # ------------------------------------------------------------------ memory helpers

    def read(self, offset, length):
        size = self.memory.data_len(self.store)
        out = bytearray(length)
        if offset < size and length > 0:
            end = min(size, offset + length)
            out[: end - offset] = self.memory.read(self.store, offset, end)
        return bytes(out)

    def write(self, offset, data):
        write_memory(self.memory, self.store, data, offset)

    def fuel(self):
        return self.store.get_fuel()

    def ptr(self, value):
        """A pointer argument as the host reads it: u32 in wasm32, u64 in wasm64."""
        return value & (U64 if self.is64 else 0xFFFFFFFF)

    # ------------------------------------------------------------------ host functions

    def host_function(self, imp):
        ty = imp.type
        if not isinstance(ty, wasmtime.FuncType):
            raise Excluded(f"import {imp.module}.{imp.name} is not a function")
        if imp.module == "__oracle":
            fn = self.oracle_function(imp.name)
        else:
            fn = self.piecrust_function(imp.name)
        return wasmtime.Func(self.store, ty, fn, access_caller=True)

    def oracle_function(self, name):
        """Bulk memory operators, routed here so that they cost exactly 1 (piecrust's table)."""
        if name == "memory_grow":

            def grow(caller, delta):
                pages = self.memory.size(self.store)
                try:
                    self.memory.grow(self.store, delta)
                except Exception:  # noqa: BLE001 - a refused grow returns -1, as wasm does
                    return -1
                return pages

            return grow
        if name == "memory_copy":

            def copy(caller, dst, src, n):
                size = self.memory.data_len(self.store)
                if dst + n > size or src + n > size:
                    raise HostError("RuntimeError", "wasm trap: out of bounds memory access")
                if n:
                    write_memory(self.memory, self.store, self.memory.read(self.store, src, src + n), dst)

            return copy
        if name == "memory_fill":

            def fill(caller, dst, value, n):
                if dst + n > self.memory.data_len(self.store):
                    raise HostError("RuntimeError", "wasm trap: out of bounds memory access")
                if n:
                    write_memory(self.memory, self.store, bytes([value & 0xFF]) * n, dst)

            return fill
        if name.startswith("memory_init."):
            segment = int(name.split(".", 1)[1])

            def init(caller, dst, src, n):
                data = b"" if segment in self.dropped else self.passive.get(segment, b"")
                if src + n > len(data) or dst + n > self.memory.data_len(self.store):
                    raise HostError("RuntimeError", "wasm trap: out of bounds memory access")
                if n:
                    write_memory(self.memory, self.store, data[src : src + n], dst)

            return init
        if name.startswith("data_drop."):
            segment = int(name.split(".", 1)[1])

            def drop(caller):
                self.dropped.add(segment)

            return drop
        if name.startswith("excluded."):
            operator = name.split(".", 1)[1]

            def excluded(caller, *args):
                raise Excluded(f"executes {operator}, which wasmtime charges per element (piecrust: 1)")

            return excluded
        raise Excluded(f"unknown oracle import {name}")

    def piecrust_function(self, name):
        run = self.run
        native = {
            "c": self.host_c,
            "spent": self.host_spent,
            "limit": self.host_limit,
            "emit": self.host_emit,
            "panic": self.host_panic,
        }.get(name)

        def host(caller, *args):
            record = run.next_host_call(self, name, args)
            if native is not None:
                return native(record, *args)
            return run.replay(self, record)

        return host

    def host_limit(self, record):
        value = run_top(self.run).limit
        self.run.check_result(record, to_i64(value))
        return to_i64(value)

    def host_spent(self, record):
        frame = run_top(self.run)
        value = frame.limit - self.fuel()
        self.run.check_result(record, to_i64(value))
        return to_i64(value)

    def host_panic(self, record, msg_len):
        error = record.get("error")
        if error is not None and error["code"] != "Panic":
            raise HostError(error["code"], error["message"])
        message = self.read(self.arg_buffer, min(msg_len & 0xFFFFFFFF, ARGBUF_LEN))
        raise HostError("Panic", message.decode("utf-8", errors="replace"))

    def host_emit(self, record, topic_ptr, topic_len, arg_len):
        error = record.get("error")
        # Pointer checks come before the charge; their failure is the engine's to report.
        if error is not None and error["code"] == "MemoryAccessOutOfBounds":
            raise HostError(error["code"], error["message"])
        cost = EMIT_BYTE_COST[self.run.table] * ((topic_len & 0xFFFFFFFF) + (arg_len & 0xFFFFFFFF))
        remaining = self.fuel()
        if cost > remaining:
            self.store.set_fuel(0)
            raise HostError("OutOfGas", "OutOfGas")
        self.store.set_fuel(remaining - cost)
        if error is not None and error["code"] == "OutOfGas":
            raise Divergence(f"emit ran out of gas in the engine, not in wasmtime ({remaining} left, {cost} charged)")
        if error is not None:
            raise HostError(error["code"], error["message"])

    def host_c(self, record, callee_ptr, name_ptr, name_len, arg_len, gas_limit):
        run = self.run
        error = record.get("error")
        if error is not None:
            # The caller itself trapped (bad pointer, name or length): nothing was called.
            raise HostError(error["code"], error["message"])
        caller_frame = run_top(run)
        callee_id = self.read(self.ptr(callee_ptr), 32).hex()
        name = self.read(self.ptr(name_ptr), name_len & 0xFFFFFFFF).decode("utf-8", errors="replace")
        arg = self.read(self.arg_buffer, arg_len & 0xFFFFFFFF)
        caller_remaining = self.fuel()
        requested = gas_limit & U64
        limit = requested if 0 < requested < caller_remaining else callee_limit_default(caller_remaining)
        if callee_id not in run.contracts:
            # The engine found no such contract (or never instantiated it): replay its answer.
            return run.replay(self, record)
        if len(run.frames) >= MAX_DEPTH:
            run.check_result(record, CODE_UNKNOWN)
            return CODE_UNKNOWN
        callee = run.live(callee_id)
        snapshot = run.snapshot()
        frame = Frame(callee, name, limit)
        run.frames.append(frame)
        started = False
        try:
            if name == "init":
                raise HostError("InitalizationError", "init call not allowed")
            if name not in callee.exports or not isinstance(callee.exports[name], wasmtime.Func):
                raise HostError("RuntimeError", f"contract {callee_id} does not export `{name}`")
            callee.write(callee.arg_buffer, arg)
            callee.store.set_fuel(limit)
            started = True
            ret = callee.exports[name](callee.store, len(arg))
            if ret < 0 or ret > ARGBUF_LEN:
                raise HostError("RuntimeError", f"returned length {ret} is outside 0..={ARGBUF_LEN}")
            spent = limit - callee.fuel()
            run.frames.pop()
            result = callee.read(callee.arg_buffer, ret)
            self.write(self.arg_buffer, result)
            self.store.set_fuel(caller_remaining - spent)
            run.iccs.append({"callee": callee_id, "fn": name, "limit": str(limit), "spent": str(spent)})
            run.check_icc(record, ret, caller_remaining - spent)
            return ret
        except (Excluded, Divergence):
            raise
        except Exception as failure:  # noqa: BLE001 - any callee failure is the caller's error code
            # Out of gas only for failures of the call itself: `init` and a missing export fail
            # before the callee is given its limit (spec §3.5 step 8).
            code_name = classify(failure, callee.fuel() if started else None)
            run.frames.pop()
            run.restore(snapshot)
            self.store.set_fuel(caller_remaining - limit)
            run.iccs.append({"callee": callee_id, "fn": name, "limit": str(limit), "error": code_name})
            if code_name == "Panic":
                message = failure.message.encode("utf-8")[: ARGBUF_LEN - 4]
                self.write(self.arg_buffer, len(message).to_bytes(4, "little") + message)
                code = CODE_PANIC
            elif code_name == "OutOfGas":
                code = CODE_OUT_OF_GAS
            else:
                code = CODE_UNKNOWN
            run.check_icc(record, code, caller_remaining - limit)
            return code


def run_top(run):
    return run.frames[-1]


def to_i64(value):
    value &= U64
    return value - (1 << 64) if value > I64_MAX else value


def classify(failure, remaining):
    """piecrust's mapping (spec §3.4 step 6): out of gas whenever nothing is left."""
    if remaining is not None and remaining == 0:
        return "OutOfGas"
    if isinstance(failure, HostError):
        return failure.code
    return "RuntimeError"


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


def short(contract_id):
    return contract_id[:8]


def format_args(args):
    return "(" + ", ".join(str(int(a)) for a in args) + ")"


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
