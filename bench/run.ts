/**
 * `npm run bench`: every figure as a `name: value` line, ratios measured within this one run.
 */
import { engineBench } from './engine-bench';

await engineBench();
