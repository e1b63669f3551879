/**
 * A gas profile as a speedscope file (https://www.speedscope.app/file-format-schema.json), so it
 * opens in speedscope's flame chart, left-heavy and sandwich views.
 *
 * It is a `sampled` profile: a profile merges invocations by path and keeps no order in time, which
 * is what samples are (a stack and a weight), while `evented` would claim a timeline we do not
 * have. One sample per path with self gas, its weight that gas (see selfGasByPath). speedscope
 * knows units of time and bytes, not gas, so `unit` is `none`: it shows plain numbers, the gas.
 */
// The version only: a bundler inlines just this field, not the whole package.json.
import { version } from '../../package.json';
import type { CallProfile, ProfileNode } from './profile-tree';
import { selfGasByPath } from './profile-paths';
import { assertProfileAddsUp } from './profile-sums';

export const SPEEDSCOPE_SCHEMA = 'https://www.speedscope.app/file-format-schema.json';

export interface SpeedscopeFrame {
  name: string;
  /** The contract (hex id) of a function or contract frame; host charges have none. */
  file?: string;
}

export interface SpeedscopeSampledProfile {
  type: 'sampled';
  name: string;
  unit: 'none';
  startValue: number;
  endValue: number;
  /** Each sample a stack of indexes into `shared.frames`, root first. */
  samples: number[][];
  /** The gas each sample's last frame spent itself. */
  weights: number[];
}

export interface SpeedscopeFile {
  $schema: typeof SPEEDSCOPE_SCHEMA;
  name: string;
  exporter: string;
  activeProfileIndex: number;
  shared: { frames: SpeedscopeFrame[] };
  profiles: SpeedscopeSampledProfile[];
}

/**
 * The speedscope file of a profile, named `counter.increment — 1,234 gas` unless `name` is given.
 * Refuses a profile above 2^53 − 1 gas: speedscope's weights are JSON numbers (doubles), which
 * hold whole numbers exactly only up to there, and scaling would make the numbers shown not gas.
 */
export function toSpeedscope(
  profile: CallProfile,
  options: { name?: string } = {},
): SpeedscopeFile {
  assertProfileAddsUp(profile, 'write a speedscope file');
  if (profile.gasSpent > BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(
      `cannot write a speedscope file: the call spent ${profile.gasSpent} gas, above ` +
        `${Number.MAX_SAFE_INTEGER} (2^53 − 1), the largest whole number speedscope's JSON numbers ` +
        'hold exactly; the folded format keeps every digit',
    );
  const frames: SpeedscopeFrame[] = [];
  // One frame per function of a contract: `core::fmt::write` in two contracts is two frames, and
  // two nodes with one name in one contract (the demangled hash dropped) are one, as in folded.
  const frameIndex = new Map<string, number>();
  const frameOf = (node: ProfileNode): number => {
    const key = `${node.contract ?? ''}\n${node.name}`;
    let index = frameIndex.get(key);
    if (index === undefined) {
      index =
        frames.push(
          node.contract === undefined
            ? { name: node.name }
            : { name: node.name, file: node.contract },
        ) - 1;
      frameIndex.set(key, index);
    }
    return index;
  };
  const paths = selfGasByPath(profile.root, frameOf);
  const name =
    options.name ?? `${profile.root.name} — ${profile.gasSpent.toLocaleString('en-US')} gas`;
  return {
    $schema: SPEEDSCOPE_SCHEMA,
    name,
    exporter: `piecrust-inspector ${version}`,
    activeProfileIndex: 0,
    shared: { frames },
    profiles: [
      {
        type: 'sampled',
        name,
        unit: 'none',
        startValue: 0,
        endValue: Number(profile.gasSpent),
        samples: paths.map((p) => p.frames),
        weights: paths.map((p) => Number(p.self)),
      },
    ],
  };
}
