import { toTaiwanTraditional } from './chinese-convert';
import { CHAT_VARIANTS } from './chat-variants';
import { SIMPLIFIED_CHARACTERS } from './simplified-characters';

const HAN = /[\p{Script=Han}]/u;
const HAN_GLOBAL = /[\p{Script=Han}]/gu;
// "45kg", "158cm", "ld2026" → separate number and unit/word (7-11 keeps its hyphen and is untouched).
const DIGIT_LETTER_BOUNDARY = /(?<=[0-9])(?=[a-z])|(?<=[a-z])(?=[0-9])/g;
const NOT_WORD_CHAR = /[^\p{L}\p{N}-]+/gu;
const STRAY_HYPHEN = /(?<![a-z0-9])-|-(?![a-z0-9])/g;
// Boundary between an ideographic/kana/bopomofo character and a Latin letter or digit (either order).
const SCRIPT_BOUNDARY = /(?<=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}])(?=[a-z0-9])|(?<=[a-z0-9])(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}])/gu;

/**
 * Canonical form used for every comparison: NFKC (full-width → half-width, compatibility characters),
 * lower case, Simplified → Taiwan Traditional, chat spelling variants (小七 → 7-11 …), punctuation, emoji
 * and whitespace collapsed to single spaces, and a space between Chinese and Latin runs so "size不對" is
 * two segments. Rule text and messages both go through this, so they always meet in the same form.
 */
export function normalizeText(text: string): string {
  let out = foldScript(text);
  for (const variant of CHAT_VARIANTS) {
    // Latin canonical forms get spaces so they never glue onto a neighbouring word; Chinese ones must not,
    // or they would split a Chinese run in two.
    const replacement = /[a-z0-9]/.test(variant.canonical) ? ` ${variant.canonical} ` : variant.canonical;
    out = out.replace(variant.pattern, replacement);
  }
  out = out
    .replace(NOT_WORD_CHAR, ' ')
    .replace(STRAY_HYPHEN, ' ')
    .replace(SCRIPT_BOUNDARY, ' ')
    .replace(DIGIT_LETTER_BOUNDARY, ' ');
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * NFKC, lower case and Simplified → Taiwan Traditional only, punctuation and emoji kept: the form the
 * dialogue-act classifier reads (it needs question marks and clause boundaries).
 */
export function foldScript(text: string): string {
  const out = text.normalize('NFKC').toLowerCase();
  return hasSimplifiedCharacters(out) ? toTaiwanTraditional(out) : out;
}

export type SegmentKind = 'cjk' | 'latin';

export interface Segment {
  readonly kind: SegmentKind;
  readonly text: string;
}

const CJK_RUN = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}]+$/u;

/** Splits normalised text into CJK runs and Latin/number tokens. */
export function segmentsOf(normalized: string): Segment[] {
  if (normalized === '') return [];
  return normalized.split(' ').map((text) => ({ kind: CJK_RUN.test(text) ? 'cjk' : 'latin', text }));
}

const SIMPLIFIED = new Set(SIMPLIFIED_CHARACTERS);

/**
 * Most messages are already Traditional; converting them anyway costs ~70 µs and can only make things
 * worse, so the phrase-level conversion runs only when some character changes on its own. The characters
 * that do are a generated list (simplified-characters.ts): the check needs no dictionary, so a relay or app
 * that only ever sees Traditional Chinese never spends the few hundred milliseconds OpenCC takes to load.
 */
function hasSimplifiedCharacters(text: string): boolean {
  for (const match of text.matchAll(HAN_GLOBAL)) if (SIMPLIFIED.has(match[0])) return true;
  return false;
}

/** True for text with at least one Chinese character. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}
