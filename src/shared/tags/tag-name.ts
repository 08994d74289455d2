import { z } from 'zod';

/** Tag names are short labels agents type by hand ("VIP", "已下單", "尺寸M"). */
export const TAG_NAME_MAX_LENGTH = 20;

export type TagNameProblem = 'empty' | 'too_long' | 'control_characters';

export type NormalisedTag =
  | { ok: true; name: string; key: string }
  | { ok: false; problem: TagNameProblem; message: string };

// C0/C1 controls, DEL, and the zero-width/bidi marks that make two tags look identical but differ.
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/u;

/**
 * THE tag-name normaliser, used by the relay, the desktop core and the renderer alike.
 * NFKC folds full-width "ＶＩＰ" into "VIP" and half-width katakana into full-width; the key is
 * lower-cased so "vip" and "VIP" are the same tag, while `name` keeps the spelling the shop chose.
 * Length is counted in code points (an emoji or a rare CJK character counts as one).
 */
export function normaliseTagName(raw: string): NormalisedTag {
  const name = raw.normalize('NFKC').trim().replace(/\s+/gu, ' ');
  if (FORBIDDEN_CHARACTERS.test(name)) {
    return { ok: false, problem: 'control_characters', message: `Tag name "${printable(name)}" contains control or invisible characters` };
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

function printable(text: string): string {
  return text.replace(FORBIDDEN_CHARACTERS, (character) => `\\u${character.codePointAt(0)!.toString(16).padStart(4, '0')}`);
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
