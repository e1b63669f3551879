/**
 * `npm run bench`: every figure as a `name: value` line, ratios measured within this one run.
 * `npm run bench -- engine store threads ui` picks groups (all by default; `profile` alone: the
 * profiler's figure, also part of `engine`).
 */
import { callBench } from './call-bench';
import { engineBench } from './engine-bench';
import { profileBench } from './profile-bench';
import { storeBench } from './store-bench';
import { sessionOpenBench } from './session-open-bench';
import { threadsBench } from './threads-bench';
import { uiBench } from './ui-bench';

const groups = process.argv.slice(2);
const wants = (name: string): boolean => groups.length === 0 || groups.includes(name);

if (wants('engine')) await engineBench();
if (wants('engine') || wants('profile')) await profileBench();
if (wants('threads')) {
  await threadsBench();
  await callBench();
  await sessionOpenBench();
}
if (wants('store')) await storeBench();
if (wants('ui')) await uiBench();
