"""One contract's instance in a re-run top-level call, with the host functions it imports:
piecrust's (`c`, `spent`, `limit`, `emit`, `panic` run natively here; the rest are replayed by the
run) and the oracle's own (bulk memory operators routed here so that they cost exactly a `call`)."""
import wasmtime

from oracle_common import (
    ARGBUF_LEN,
    CODE_OUT_OF_GAS,
    CODE_PANIC,
    CODE_UNKNOWN,
    EMIT_BYTE_COST,
    ENGINE,
    I64_MAX,
    MAX_DEPTH,
    PAGE,
    U64,
    Divergence,
    Excluded,
    HostError,
    callee_limit_default,
    classify,
    module_at,
    run_top,
    to_i64,
    write_memory,
)


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
