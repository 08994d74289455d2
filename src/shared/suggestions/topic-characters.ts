import { shopIntents } from './intent-knowledge';
import { normalizeText } from './normalize';

const HAN = /\p{Script=Han}/u;

function hanCharacters(text: string): Set<string> {
  return new Set([...text].filter((ch) => HAN.test(ch)));
}

/**
 * Characters in at least this share of the built-in phrasings (one in fifty) are everyday shop talk (嗎, 寄, 多),
 * not a topic. A share, so that more phrasings do not turn topic characters into everyday ones.
 */
const EVERYDAY_SHARE = 0.02;
let everyday: ReadonlySet<string> | null = null;

function everydayCharacters(): ReadonlySet<string> {
  if (everyday !== null) return everyday;
  const counts = new Map<string, number>();
  let phrasings = 0;
  for (const intent of shopIntents()) {
    phrasings += intent.phrasings.length;
    for (const phrasing of intent.phrasings) for (const ch of hanCharacters(normalizeText(phrasing))) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  everyday = new Set([...counts].filter(([, n]) => n >= EVERYDAY_SHARE * phrasings).map(([ch]) => ch));
  return everyday;
}

/** A character two rules' keywords share. */
const SHARED = -1;

/**
 * Customers shorten a two-character word to the character that carries its meaning: "修要多久" for 維修,
 * "可以刻嗎" for 刻字, "幫我洗亮" for 清洗. A character of exactly one rule's keywords that is not everyday
 * shop talk names that rule's topic — weak evidence (docs/suggestions.md), read only from the part of the
 * message no keyword explains ("運費" accounts for its 運; "運動鞋" in a shop whose only 運 is 運費 is
 * shared with no one's topic but is no keyword either, so 運 must belong to one rule alone).
 */
export class TopicCharacters {
  private readonly owner = new Map<string, number>();

  /** @param keywords per rule, its keywords normalised */
  constructor(keywords: readonly (readonly string[])[]) {
    const common = everydayCharacters();
    keywords.forEach((words, ruleIndex) => {
      for (const ch of hanCharacters(words.join(' '))) {
        if (common.has(ch)) continue;
        const known = this.owner.get(ch);
        this.owner.set(ch, known === undefined || known === ruleIndex ? ruleIndex : SHARED);
      }
    });
  }

  /** Per rule, the first of its topic characters in the text. */
  match(normalized: string): Map<number, string> {
    const hits = new Map<number, string>();
    for (const ch of hanCharacters(normalized)) {
      const ruleIndex = this.owner.get(ch);
      if (ruleIndex !== undefined && ruleIndex !== SHARED && !hits.has(ruleIndex)) hits.set(ruleIndex, ch);
    }
    return hits;
  }
}
