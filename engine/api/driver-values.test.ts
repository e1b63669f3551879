// Decoding a request's values through contracts' drivers (driver-values.ts) when a driver
// misbehaves: a looping driver runs out of gas on its first value, and its other values in the
// same request are refused at once, saying why, instead of each spending the whole limit; other
// contracts' values decode as usual.
import { expect, test } from 'vitest';
import { toContractId } from '../core/ids';
import { driverWat } from '../testing/driver-wat';
import { wat } from '../testing/wat';
import { createVm } from '../vm/vm';
import { driverDecode } from './driver-values';

const LOOPING = toContractId('0a'.repeat(32));
const GOOD = toContractId('0b'.repeat(32));
const hex = (text: string): string => '0x' + Buffer.from(text).toString('hex');

test("a driver out of gas on one value is not run again for the request's other values", async () => {
  const vm = await createVm();
  const loop = `(func (export "decode_event") (param i32 i32 i32 i32 i32 i32) (result i32)
    (loop $l (br $l)) (i32.const 0))`;
  await vm.attachDriver(LOOPING, await wat(driverWat({ decode_event: loop })));
  await vm.attachDriver(GOOD, await wat(driverWat()));
  const event = (contract: string, data: string) =>
    ({ contract, kind: 'event', name: 'moved', hex: hex(data) }) as const;
  const decoded = driverDecode(vm, [
    event(LOOPING, '1'),
    event(GOOD, '2'),
    event(LOOPING, '3'),
    event(LOOPING, '4'),
  ]);
  const outOfGas = 'driver ran out of its 1000000000 gas in decode_event';
  expect(decoded).toEqual([
    { status: 'failed', error: outOfGas },
    { status: 'decoded', json: 2 },
    { status: 'failed', error: `not decoded: earlier in this request, ${outOfGas}` },
    { status: 'failed', error: `not decoded: earlier in this request, ${outOfGas}` },
  ]);
  // It ran once: the one restart after running out of gas.
  expect(vm.loadedDriver(LOOPING)!.restarts).toBe(1);
  // A later request tries it again (the driver may only loop on some values).
  expect(driverDecode(vm, [event(LOOPING, '5')])[0]).toEqual({ status: 'failed', error: outOfGas });
  expect(vm.loadedDriver(LOOPING)!.restarts).toBe(2);
});
