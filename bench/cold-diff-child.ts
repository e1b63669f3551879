/**
 * Child process of store-bench.ts's diff figures: opens the store file (`createVm`), then diffs
 * the two commits it names, twice through the StateView as the API and the CLI ask it. Prints as
 * JSON the open time, the first diff's time (cold: a fresh process, nothing of the store read
 * yet but what opening reads) and the second's (the same diff once its trees were read).
 */
import { toRoot } from '../engine/core/ids';
import { createVm } from '../engine/vm/vm';

const [path, a, b] = process.argv.slice(2);
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

let start = process.hrtime.bigint();
const vm = await createVm({ store: path });
const openMs = ms(start);
const diff = () => vm.at(toRoot(b)).changesSince(vm.at(toRoot(a)));
start = process.hrtime.bigint();
const first = await diff();
const firstMs = ms(start);
start = process.hrtime.bigint();
await diff();
const secondMs = ms(start);
await vm.close();
console.log(JSON.stringify({ openMs, firstMs, secondMs, contracts: first.length }));
