/**
 * Values through contracts' data-drivers for the app (issue 12): the schema the call form is
 * built from, JSON encoded to a call's argument, and arguments, outputs and events decoded for
 * every view that shows them. The drivers are the ones stored with the contracts
 * (vm/contract-names.ts), run metered in this process; a driver's refusal or trap is that
 * value's error, never the whole batch's, and the raw bytes are always the caller's to show.
 */
import { isPiecrustError, PiecrustError } from '../core/errors';
import { hexToBytes, toContractId, type ContractId } from '../core/ids';
import type { DataDriver } from '../driver/data-driver';
import type { Vm } from '../vm/vm';
import type { DriverDecodeItem, DriverDecoding, DriverSchemaView, DriverValueKind } from './types';

const KINDS: readonly DriverValueKind[] = ['input', 'output', 'event'];

/** The most values one request decodes (a journal page's worth; a client asks again for more). */
export const MAX_DECODE_ITEMS = 10_000;

/** The driver of a contract that must have one; `use` says what needed it. */
export function requiredDriver(vm: Vm, id: ContractId, use: string): DataDriver {
  const driver = vm.loadedDriver(id);
  if (driver !== undefined) return driver;
  const name = vm.contractName(id);
  const named = name === undefined ? id : `"${name}" (${id})`;
  throw new PiecrustError(
    'InvalidInput',
    `${use} needs a data-driver, and contract ${named} has none: attach the driver built with the contract (attachDriver, or a deploy's driver)`,
    { contract: id },
  );
}

export function driverSchema(vm: Vm, contract: string): DriverSchemaView {
  const driver = requiredDriver(vm, toContractId(contract), 'a schema');
  try {
    return { schema: driver.schema() };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

export function driverEncode(vm: Vm, contract: string, fn: string, json: unknown): Uint8Array {
  const driver = requiredDriver(vm, toContractId(contract), `a JSON argument to ${fn}`);
  return driver.encodeInput(fn, JSON.stringify(json ?? null));
}

export function driverDecode(vm: Vm, items: DriverDecodeItem[]): DriverDecoding[] {
  if (items.length > MAX_DECODE_ITEMS)
    throw new PiecrustError(
      'InvalidInput',
      `one driverDecode request decodes at most ${MAX_DECODE_ITEMS} values; this one has ${items.length}: ask in parts`,
      { items: items.length, max: MAX_DECODE_ITEMS },
    );
  // Ids, kinds and bytes are checked before any driver runs: a malformed request decodes nothing.
  const ids = items.map((item) => toContractId(item.contract));
  items.forEach((item, i) => {
    if (!KINDS.includes(item.kind))
      throw new PiecrustError(
        'InvalidInput',
        `driverDecode: \`items[${i}].kind\` must be one of ${KINDS.join(', ')}, got ${JSON.stringify(item.kind)}`,
        { index: i },
      );
  });
  const values = items.map((item) => hexToBytes(item.hex));
  /**
   * Drivers that ran out of gas in this request, with that error: each would spend its whole
   * limit (most of a second) on every value left, so a page of a looping driver's events would
   * hold the engine for minutes. Their other values are refused at once, saying why.
   */
  const exhausted = new Map<DataDriver, string>();
  return items.map((item, i): DriverDecoding => {
    let driver: DataDriver | undefined;
    try {
      driver = vm.loadedDriver(ids[i]);
    } catch (e) {
      // A driver missing from a damaged store: this value's problem, said where it is shown.
      return { status: 'failed', error: (e as Error).message };
    }
    if (driver === undefined) return { status: 'no-driver' };
    const earlier = exhausted.get(driver);
    if (earlier !== undefined)
      return { status: 'failed', error: `not decoded: earlier in this request, ${earlier}` };
    try {
      const bytes = values[i];
      const json =
        item.kind === 'input'
          ? driver.decodeInput(item.name, bytes)
          : item.kind === 'output'
            ? driver.decodeOutput(item.name, bytes)
            : driver.decodeEvent(item.name, bytes);
      return { status: 'decoded', json };
    } catch (e) {
      const error = (e as Error).message;
      if (isPiecrustError(e, 'OutOfGas')) exhausted.set(driver, error);
      return { status: 'failed', error };
    }
  });
}
