/**
 * Tags that look the same but are different strings ("VIP" and "VІР" with Cyrillic І and Р) split a
 * shop's customers between two tags nobody can tell apart. A new name whose skeleton — every Cyrillic or
 * Greek letter replaced by the Latin letter it looks like, then lower-cased — equals an existing tag's
 * skeleton while its key differs is refused (TAG_LOOKALIKE). Full-width forms need no entry: NFKC in
 * normaliseTagName already folds them. Han, Bopomofo, kana and digits map to themselves, so "VIP客戶",
 * "7-11取貨" and "ㄅㄆ" never collide with anything but themselves.
 *
 * Scope: the common Latin/Cyrillic/Greek homoglyphs (after Unicode's confusables.txt), not the whole table.
 */
const LOOKALIKES: Record<string, string> = {
  // Cyrillic capitals
  А: 'A', В: 'B', Е: 'E', Ѐ: 'È', Ё: 'Ë', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X',
  Ѕ: 'S', І: 'I', Ї: 'Ï', Ј: 'J', Ԛ: 'Q', Ԝ: 'W', Ү: 'Y', Һ: 'H', Ӏ: 'I', Ѵ: 'V', Ԁ: 'D', Ԍ: 'G', Ꙅ: 'S',
  // Cyrillic small letters
  а: 'a', е: 'e', ѐ: 'è', ё: 'ë', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', ѕ: 's', і: 'i', ї: 'ï', ј: 'j',
  ԁ: 'd', һ: 'h', ԛ: 'q', ԝ: 'w', ү: 'y', ӏ: 'l', ѵ: 'v',
  // Greek capitals
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  Ϲ: 'C', Ϳ: 'J', Ά: 'Á', Έ: 'É', Ί: 'Í', Ό: 'Ó',
  // Greek small letters
  ο: 'o', ν: 'v', ρ: 'p', α: 'a', ι: 'i', κ: 'k', υ: 'u', χ: 'x', ϲ: 'c', ϳ: 'j', ό: 'ó', ί: 'í',
  // Latin letters from other blocks that read as plain ones
  ı: 'i', ȷ: 'j', ɑ: 'a', ɡ: 'g', ɪ: 'I', ʏ: 'Y',
};

/** The Latin look-alike spelling of a normalised tag name, lower-cased. */
export function tagSkeleton(normalisedName: string): string {
  return Array.from(normalisedName, (character) => LOOKALIKES[character] ?? character)
    .join('')
    .normalize('NFKC')
    .toLowerCase();
}

/**
 * The existing tag that `name` (normalised) imitates, or null. An existing tag with the same key is the
 * same tag, never a look-alike.
 */
export function findLookalikeTag<T extends { key: string; name: string }>(name: { key: string; name: string }, existing: Iterable<T>): T | null {
  const skeleton = tagSkeleton(name.name);
  for (const tag of existing) {
    if (tag.key !== name.key && tagSkeleton(tag.name) === skeleton) return tag;
  }
  return null;
}

function oddLetters(name: string): string {
  const odd = [...new Set(Array.from(name).filter((character) => LOOKALIKES[character] !== undefined))];
  return odd
    .map((character) => `${/\p{Script=Greek}/u.test(character) ? 'Greek' : /\p{Script=Cyrillic}/u.test(character) ? 'Cyrillic' : 'non-Latin'} ${character}`)
    .join(', ');
}

/** Names the scripts of the letters that differ, for a message a shop can act on ("Cyrillic І, Cyrillic Р"). */
export function lookalikeMessage(name: string, existing: string): string {
  const inName = oddLetters(name);
  const inExisting = oddLetters(existing);
  const detail = inName ? `; "${name}" uses ${inName}` : inExisting ? `; the existing tag uses ${inExisting}` : '';
  return `Tag "${name}" looks the same as the existing tag "${existing}" but is spelt with other letters${detail}. Use "${existing}", or ask a lead to rename it`;
}
