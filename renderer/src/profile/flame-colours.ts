/**
 * The flame graph's colours, as CSS colour strings built from the theme's variables (so light
 * and dark themes both hold). A single profile: a colour family per kind of frame (contract,
 * function, host) with a stable per-name shade, as the call-tree icicle's flame palette. A diff:
 * red where B spent more in the frame itself, blue where it spent less, grey where equal, the
 * stronger the larger the difference against the largest one in the tree. Pure, no DOM.
 */
import { walkFlame, type FlameNode } from './flame-model';
import { gasRatio } from './flame-layout';

/** Each kind mixes two of the theme's flame colours; the name picks the mix. */
const KIND_COLOURS: Record<FlameNode['kind'], [string, string]> = {
  function: ['--flame-0', '--flame-4'],
  contract: ['--flame-1', '--flame-3'],
  host: ['--flame-2', '--flame-5'],
};

/** A stable number 0..1 from a name (FNV-1a), so a function keeps its shade across views. */
export function nameShade(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 0xffffffff;
}

export function kindColour(node: Pick<FlameNode, 'kind' | 'name'>): string {
  const [base, mix] = KIND_COLOURS[node.kind];
  // Up to 45% of the second colour: shades stay within the kind's family.
  const share = Math.round(nameShade(node.name) * 45);
  return `color-mix(in srgb, var(${base}) ${100 - share}%, var(${mix}) ${share}%)`;
}

/** The largest |selfDelta| in a diff tree (0 for a plain profile): the diff colours' scale. */
export function diffScale(root: FlameNode): bigint {
  let max = 0n;
  for (const node of walkFlame(root)) {
    const d = node.diff?.selfDelta ?? 0n;
    const abs = d < 0n ? -d : d;
    if (abs > max) max = abs;
  }
  return max;
}

export interface DiffTone {
  /** 1: more gas in B, -1: less, 0: the same. */
  sign: -1 | 0 | 1;
  /** |selfDelta| against the tree's largest, 0..1. */
  intensity: number;
}

export function diffTone(selfDelta: bigint, scale: bigint): DiffTone {
  if (selfDelta === 0n || scale === 0n) return { sign: 0, intensity: 0 };
  const abs = selfDelta < 0n ? -selfDelta : selfDelta;
  return { sign: selfDelta > 0n ? 1 : -1, intensity: Math.min(1, gasRatio(abs, scale)) };
}

/** Grey for frames that did not change; the theme's danger red and accent blue for the rest. */
const NEUTRAL = 'color-mix(in srgb, var(--faint) 45%, var(--surface))';

export function diffColour(tone: DiffTone): string {
  if (tone.sign === 0) return NEUTRAL;
  const hue = tone.sign > 0 ? 'var(--danger)' : 'var(--accent)';
  // A floor so that the smallest change still reads as a change, not as grey.
  const share = Math.round(20 + 75 * tone.intensity);
  return `color-mix(in srgb, ${hue} ${share}%, ${NEUTRAL})`;
}

/** A frame's fill: by diff when the node has one, by kind and name otherwise. */
export function frameColour(node: FlameNode, scale: bigint): string {
  return node.diff === undefined
    ? kindColour(node)
    : diffColour(diffTone(node.diff.selfDelta, scale));
}
