/**
 * What the argument editor holds for one function: its mode and a text per mode, so that
 * switching modes converts instead of leaving one mode's text in the other (typed JSON under
 * "Hex" read as bad hex at once), and picking another function shows that function's own
 * argument. The engine encodes and decodes (rkyv); `ArgCodec` is how these helpers reach it.
 */
import type { ScriptValue } from '../../../engine/api/types';
import { describeValue, parseValueText, type ArgMode } from './arg-preview';
import { cleanHex, groupHex } from '../common/lib/hex';

export interface ArgDraft {
  mode: ArgMode;
  /** Typed value text (script value syntax or shorthand). */
  value: string;
  /** Raw bytes as the user typed them, or as converted from the typed value. */
  hex: string;
  /** JSON for the contract's data-driver to encode (a driver attached). */
  json?: string;
}

export interface ArgCodec {
  encode(value: ScriptValue): Promise<string>;
  /** The script value of `hex` read as the Rust type `type`. */
  decode(hex: string, type: string): Promise<unknown>;
}

/** A function's starting argument: its example when one is known, else none. */
export function initialDraft(example: string | undefined): ArgDraft {
  return example === undefined
    ? { mode: 'none', value: '', hex: '' }
    : { mode: 'value', value: example, hex: '' };
}

/** The text the editor shows: the current mode's. */
export function draftText(draft: ArgDraft): string {
  if (draft.mode === 'json') return draft.json ?? '';
  return draft.mode === 'hex' ? draft.hex : draft.mode === 'value' ? draft.value : '';
}

export function withText(draft: ArgDraft, text: string): ArgDraft {
  if (draft.mode === 'hex') return { ...draft, hex: text };
  if (draft.mode === 'value') return { ...draft, value: text };
  if (draft.mode === 'json') return { ...draft, json: text };
  return draft;
}

/** The typed text's encoding, or undefined when it is empty or does not encode. */
async function encoded(text: string, codec: ArgCodec): Promise<string | undefined> {
  const parsed = parseValueText(text);
  if (!parsed.ok) return undefined;
  try {
    return await codec.encode(parsed.value);
  } catch {
    return undefined;
  }
}

/**
 * Switch `draft` to `mode`. Typed → hex: the hex becomes the typed value's encoding, or empty
 * when the typed text does not encode (never the typed text itself). Hex → typed: the typed text
 * stays when it still encodes to the hex; otherwise the hex is decoded as the typed value's type
 * when it is known, else the typed text is cleared. An empty text shows no error.
 */
export async function switchMode(
  draft: ArgDraft,
  mode: ArgMode,
  codec: ArgCodec,
): Promise<ArgDraft> {
  if (mode === draft.mode) return draft;
  if (draft.mode === 'value' && mode === 'hex') {
    const hex = await encoded(draft.value, codec);
    return { ...draft, mode, hex: hex === undefined ? '' : groupHex(hex) };
  }
  if (draft.mode === 'hex' && mode === 'value') {
    const bytes = cleanHex(draft.hex);
    const typed = await encoded(draft.value, codec);
    if (typed !== undefined && cleanHex(typed) === bytes) return { ...draft, mode };
    const parsed = parseValueText(draft.value);
    const type = parsed.ok && typeof parsed.value !== 'string' ? describeValue(parsed.value) : '';
    if (type !== '' && bytes !== '') {
      try {
        return { ...draft, mode, value: JSON.stringify(await codec.decode(`0x${bytes}`, type)) };
      } catch {
        // Bytes that are not a value of that type: nothing typed to show.
      }
    }
    return { ...draft, mode, value: bytes === '' ? draft.value : '' };
  }
  return { ...draft, mode };
}
