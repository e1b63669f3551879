"""What every part of the wasmtime oracle shares: piecrust's constants, the wasmtime engine and
its compiled modules, the errors a run can end with, and small helpers (wasmtime_oracle.py says
what the oracle is)."""
import ctypes

import wasmtime

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


def short(contract_id):
    return contract_id[:8]


def format_args(args):
    return "(" + ", ".join(str(int(a)) for a in args) + ")"
