/**
 * `piecrust-inspector driver DRIVER.wasm …`: a data-driver (engine/driver/README.md) asked
 * directly, to try a driver or convert one value without a session: JSON out (`0x…` for
 * `encode`), exit 1 with the driver's own words when it refuses or fails.
 */
import { isPiecrustError, PiecrustError } from '../core/errors';
import { bytesToHex, hexToBytes } from '../core/ids';
import { DataDriver } from '../driver/data-driver';
import { UsageError } from './args';
import type { Output } from './run-command';

export const DRIVER_USAGE =
  'driver takes DRIVER.wasm and one of: schema | version | encode FN JSON | decode-input FN 0xHEX | decode-output FN 0xHEX | decode-event TOPIC 0xHEX';

/** What each action takes after DRIVER.wasm and the action's name. */
const ARITY: Readonly<Record<string, number>> = {
  schema: 0,
  version: 0,
  encode: 2,
  'decode-input': 2,
  'decode-output': 2,
  'decode-event': 2,
};

function bytesArgument(text: string, what: string): Uint8Array {
  try {
    return hexToBytes(text);
  } catch (e) {
    if (e instanceof PiecrustError) throw new UsageError(`${what}: ${e.message}`);
    throw e;
  }
}

export function driverCommand(positionals: string[], io: Output): number {
  const [path, action, subject, value] = positionals;
  const arity = action === undefined ? undefined : ARITY[action];
  if (path === undefined || arity === undefined || positionals.length !== 2 + arity)
    throw new UsageError(DRIVER_USAGE);
  // Arguments first: a typo is a usage error before any driver code runs.
  const bytes = action.startsWith('decode-')
    ? bytesArgument(value, `${action} ${subject}`)
    : undefined;
  try {
    const driver = DataDriver.fromFile(path);
    switch (action) {
      case 'schema':
        io.out(JSON.stringify(driver.schema(), null, 2));
        break;
      case 'version':
        io.out(JSON.stringify(driver.version()));
        break;
      case 'encode':
        io.out(`0x${bytesToHex(driver.encodeInput(subject, value))}`);
        break;
      case 'decode-input':
        io.out(JSON.stringify(driver.decodeInput(subject, bytes!)));
        break;
      case 'decode-output':
        io.out(JSON.stringify(driver.decodeOutput(subject, bytes!)));
        break;
      default:
        io.out(JSON.stringify(driver.decodeEvent(subject, bytes!)));
    }
    return 0;
  } catch (e) {
    if (!isPiecrustError(e)) throw e;
    io.err(`error: ${e.message}`);
    return 1;
  }
}
