/**
 * The host side of the contract ABI (spec §3.2, HEAD semantics): the import object of one
 * contract in one session. Functions read the running frame from the session's active call;
 * every write into contract memory goes through `CallContext.hostWrite` so it is reverted with
 * the frame and counts as a dirty page, like a write by the contract itself.
 */
import { PiecrustError } from '../core/errors';
import { toContractId } from '../core/ids';
import { blake3Wasm } from '../hash/blake3-wasm';
import {
  HOST_MODULE,
  MEMORY_IMPORT,
  REFILL_IMPORT,
  TOUCH_IMPORT,
  MARK_CHUNK_IMPORT,
} from '../wasm/instrumented-layout';
import { UncontainedError } from './call-context';
import { panicError } from './call-errors';
import { ARGBUF_LEN, type HostImportName } from './host-abi';
import type { HostEnvironment } from './host-environment';
import {
  checkArg,
  checkPtr,
  decodeUtf8,
  pointer,
  readArg,
  readName,
  readString,
} from './host-memory';
import { interContractCall } from './inter-contract-call';
import type { LoadedContract } from './loaded-contract';

type HostFunction = (...args: never[]) => unknown;

const HOST_QUERY_PANICKED = 'host query panicked';

export function createHostImports(env: HostEnvironment, self: LoadedContract): WebAssembly.Imports {
  const argBuffer = (): number => self.module.argBuffer;
  const frame = () => env.callContext().top;
  const writeArg = (bytes: Uint8Array): void =>
    env.callContext().hostWrite(self, argBuffer(), bytes);

  const runQuery = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof PiecrustError && e.code === 'OutOfGas') throw e;
      if (!env.containHostQueryPanics) throw new UncontainedError(e);
      throw panicError(HOST_QUERY_PANICKED);
    }
  };

  const functions: Record<HostImportName, HostFunction> = {
    c: (
      calleePtr: number | bigint,
      namePtr: number | bigint,
      nameLen: number,
      argLen: number,
      gas: bigint,
    ) => interContractCall(env, self, calleePtr, namePtr, nameLen, argLen, gas),

    hq: (namePtr: number | bigint, nameLen: number, argLen: number): number => {
      const name = readName(self, pointer(namePtr), nameLen >>> 0);
      const arg = readArg(self, argLen >>> 0);
      const query = name === undefined ? undefined : env.hostQuery(name);
      if (query === undefined) {
        const shown = name ?? `(a name of ${nameLen >>> 0} bytes)`;
        throw new PiecrustError('MissingHostQuery', `Missing host query: ${shown}`, {
          name: shown,
        });
      }
      // piecrust 0.19 had no prices: its host queries were free closures (spec §1.1).
      if (env.gasTable.chargesHostQueries) {
        const price = runQuery(() => (query.price === undefined ? 0n : query.price(arg)));
        env.callContext().charge(frame(), BigInt.asUintN(64, price));
      }
      const buffer = self.read(argBuffer(), ARGBUF_LEN);
      const result = runQuery(() => query.execute(arg, buffer));
      const bytes = typeof result === 'number' ? buffer.subarray(0, result >>> 0) : result;
      if (bytes.length > ARGBUF_LEN)
        throw panicError(`host query ${name} returned ${bytes.length} bytes`);
      writeArg(bytes);
      return bytes.length;
    },

    hd: (namePtr: number | bigint, nameLen: number): number => {
      // No metadata name is longer than MAX_NAME_BYTES (Session.setMeta): a longer one is absent.
      const name = readName(self, pointer(namePtr), nameLen >>> 0);
      const value = name === undefined ? undefined : env.meta(name);
      if (value === undefined) return 0;
      writeArg(value);
      return value.length;
    },

    emit: (topicPtr: number | bigint, topicLen: number, argLen: number): void => {
      const ptr = pointer(topicPtr);
      const len = topicLen >>> 0;
      checkPtr(self, ptr, len);
      checkArg(self, argLen >>> 0);
      env.callContext().charge(frame(), env.gasTable.emitByteCost * BigInt(len + (argLen >>> 0)));
      const topic = readString(self, ptr, len);
      env.events.push({
        source: self.id,
        topic,
        data: readArg(self, argLen >>> 0),
        reverted: false,
      });
    },

    feed: (argLen: number): void => {
      env.feed(readArg(self, argLen >>> 0));
    },

    caller: (): number | undefined => {
      const frames = env.callContext().frames;
      const parent = frames.length >= 2 ? frames[frames.length - 2] : undefined;
      if (self.module.legacyCaller) {
        // uplink < 0.16: always 32 bytes, zeros when there is no caller.
        writeArg(parent === undefined ? new Uint8Array(32) : parent.contract.idBytes);
        return undefined;
      }
      if (parent === undefined) return 0;
      writeArg(parent.contract.idBytes);
      return 1;
    },

    callstack: (): number => {
      const frames = env.callContext().frames;
      const ids = new Uint8Array((frames.length - 1) * 32);
      for (let i = frames.length - 2, k = 0; i >= 0; i--, k++)
        ids.set(frames[i].contract.idBytes, k * 32);
      writeArg(ids);
      return frames.length - 1;
    },

    limit: (): bigint => BigInt.asIntN(64, frame().limit),

    spent: (): bigint => {
      const f = frame();
      return BigInt.asIntN(64, f.limit - env.callContext().remaining(f));
    },

    panic: (msgLen: number): never => {
      throw panicError(decodeUtf8(readArg(self, msgLen >>> 0)));
    },

    owner: (idPtr: number | bigint): number => {
      const ptr = pointer(idPtr);
      let owner: Uint8Array | undefined;
      if (ptr === 0) owner = self.owner;
      else {
        checkPtr(self, ptr, 32);
        owner = env.ownerOf(toContractId(self.read(ptr, 32)));
      }
      if (owner === undefined) return 0;
      writeArg(owner);
      return owner.length;
    },

    self_id: (): void => writeArg(self.idBytes),

    hdebug: (msgLen: number): void => {
      env.debug(decodeUtf8(readArg(self, msgLen >>> 0)));
    },
  };

  const imports: WebAssembly.Imports = {};
  for (const [module, names] of self.module.imports) {
    const table: Record<string, HostFunction> = {};
    for (const name of names) table[name] = functions[name];
    imports[module] = {
      ...(imports[module] as Record<string, HostFunction> | undefined),
      ...table,
    };
  }
  imports[HOST_MODULE] = {
    [MEMORY_IMPORT]: self.memory,
    [TOUCH_IMPORT]: (page: number) => env.callContext().touch(self, page),
    // A WebAssembly function: the instrumented code calls it without entering JavaScript.
    [MARK_CHUNK_IMPORT]: blake3Wasm().markChunk,
    [REFILL_IMPORT]: (local: bigint) => env.callContext().refill(local),
  };
  return imports;
}
