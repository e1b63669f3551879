/**
 * `npm run bench`: every figure as a `name: value` line, ratios measured within this one run.
 */
import { engineBench } from './engine-bench';
import { threadsBench } from './threads-bench';

await engineBench();
await threadsBench();
