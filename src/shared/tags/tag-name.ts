import { z } from 'zod';
import { withoutUnsafeCharacters } from '../text/unsafe-characters';

/** Tag names are short labels agents type by hand ("VIP", "已下單", "尺寸M"). */
export const TAG_NAME_MAX_LENGTH = 20;

export type TagNameProblem = 'empty' | 'too_long';

export type NormalisedTag =
  | { ok: true; name: string; key: string }
  | { ok: false; problem: TagNameProblem; message: string };

// Line breaks and tabs are spacing, not content: they become one space rather than vanishing.
const LAYOUT_CONTROLS = /[\t\n\v\f\r\u0085\u2028\u2029]/gu;
// Whatever withoutUnsafeCharacters keeps on purpose in displayed text (ZWJ inside emoji, emoji tag
// sequences) is still a format character: a tag name holds none, so "👨‍👩‍👧" and "👨👩👧" are one tag.
const FORMAT_OR_CONTROL = /[\p{Cc}\p{Cf}]/gu;

function normaliseOnce(raw: string): string {
  const folded = raw.normalize('NFKC').replace(LAYOUT_CONTROLS, ' ');
  // NFKC again: removing a character can bring a base and its combining mark together (e, ZWSP, U+0301).
  return withoutUnsafeCharacters(folded).replace(FORMAT_OR_CONTROL, '').normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/**
 * THE tag-name normaliser, used by the relay (which stores and echoes exactly its result), the desktop
 * core and the renderer alike. NFKC folds full-width "ＶＩＰ" into "VIP" and half-width katakana into
 * full-width; invisible, bidi and control characters are removed (so "V\u200BIP" is "VIP"), as are
 * variation selectors that modify nothing; whitespace is trimmed and collapsed. The key is lower-cased
 * so "vip" and "VIP" are the same tag, while `name` keeps the spelling the shop chose. Length is counted
 * in code points (an emoji or a rare CJK character counts as one). Idempotent.
 */
export function normaliseTagName(raw: string): NormalisedTag {
  let name = normaliseOnce(raw);
  // Removal can change a neighbour's context (a selector left after a removed base); settle it. Each
  // pass only removes or folds, so this ends after a pass or two; the bound is a guard, not a limit.
  for (let pass = 0; pass < 8; pass += 1) {
    const next = normaliseOnce(name);
    if (next === name) break;
    name = next;
  }
  if (name.length === 0) return { ok: false, problem: 'empty', message: 'Tag name is empty' };
  const length = [...name].length;
  if (length > TAG_NAME_MAX_LENGTH) {
    return {
      ok: false,
      problem: 'too_long',
      message: `Tag name "${name}" is ${length} characters; at most ${TAG_NAME_MAX_LENGTH} are allowed`,
    };
  }
  return { ok: true, name, key: tagKey(name) };
}

/** The case-insensitive uniqueness key of an already normalised name. */
export function tagKey(normalisedName: string): string {
  return normalisedName.toLowerCase();
}

/** zod form for boundaries: parses to the normalised display name, or fails with the normaliser's message. */
export const tagNameSchema = z.string().transform((raw, context) => {
  const result = normaliseTagName(raw);
  if (!result.ok) {
    context.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  }
  return result.name;
});
