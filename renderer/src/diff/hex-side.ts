/**
 * One side of a hex-diff row: the plain runs as text, each changed run a <mark>. A render
 * function, because a template would wrap every text run in an element or a fragment (two
 * anchor nodes): an unchanged side is one text node, which keeps the DOM of the rows in view
 * small (the style and layout of a page's first paint are per node).
 */
import { h, type FunctionalComponent } from 'vue';
import type { HexRun } from './hex-diff-model';

export const HexSide: FunctionalComponent<{ runs: readonly HexRun[]; side: 'before' | 'after' }> = (
  props,
) =>
  h(
    'span',
    { class: ['side', props.side], role: 'cell' },
    props.runs.length === 1 && !props.runs[0].changed
      ? props.runs[0].text
      : props.runs.map((run) => (run.changed ? h('mark', run.text) : run.text)),
  );
HexSide.props = ['runs', 'side'];
