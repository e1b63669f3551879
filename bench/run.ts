/**
 * `npm run bench`: every figure as a `name: value` line, ratios measured within this one run.
 * `npm run bench -- engine store threads ui` picks groups (all by default; `profile` alone: the
 * profiler's figure, also part of `engine`). `scale` (issue 14: 100,000 commits, a 256 MiB
 * memory, a 10,000-call journal; minutes to hours and gigabytes on disk, deleted after) runs
 * only when named, never by default nor in CI; its UI figures need `npm run build` first. Its
 * parts run alone as `scale-graph`, `scale-session`, `scale-memory` and `scale-store`.
 */
import { callBench } from './call-bench';
import { engineBench } from './engine-bench';
import { profileBench } from './profile-bench';
import { storeBench } from './store-bench';
import { sessionOpenBench } from './session-open-bench';
import { threadsBench } from './threads-bench';
import { uiBench } from './ui-bench';
import { scaleGraphBench } from './scale-graph';
import { scaleMemoryBench } from './scale-memory';
import { scaleSessionBench } from './scale-session';
import { scaleStoreBench } from './scale-store';

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
const wantsScale = (part: string): boolean =>
  groups.includes('scale') || groups.includes(`scale-${part}`);
if (wantsScale('graph')) await scaleGraphBench();
if (wantsScale('session')) await scaleSessionBench();
if (wantsScale('memory')) await scaleMemoryBench();
if (wantsScale('store')) await scaleStoreBench();
