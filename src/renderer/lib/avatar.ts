import { withoutUnsafeCharacters } from '../../shared/text/unsafe-characters';

/** Calm, readable backgrounds for white initials (all pass WCAG AA against #fff). */
const AVATAR_COLOURS = ['#2E7D6B', '#3465A4', '#8E5BB5', '#C2185B', '#B4561B', '#5D6D7E', '#00838F', '#6D8B2F', '#A0522D', '#4A5BC4'];

/** The same name always gets the same colour, so agents recognise customers at a glance. */
export function avatarColour(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length]!;
}

/**
 * Initials that fit a round avatar: the first CJK character of a Chinese name (陳小姐 → 陳),
 * or up to two Latin initials (Amy Wu → AW). Invisible and bidi characters are skipped: an initial is
 * never a character that shows nothing.
 */
export function initialsOf(name: string): string {
  const trimmed = withoutUnsafeCharacters(name).trim();
  if (!trimmed) return '?';
  const first = [...trimmed][0]!;
  if (/\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u.test(first)) return first;
  const words = trimmed.split(/\s+/).filter((word) => /^\p{L}/u.test(word));
  if (words.length === 0) return first.toUpperCase();
  const letters = words.length === 1 ? [...words[0]!].slice(0, 1) : [[...words[0]!][0]!, [...words[words.length - 1]!][0]!];
  return letters.join('').toUpperCase();
}
