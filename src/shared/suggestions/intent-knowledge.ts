import { DOMAIN_LEXICON } from './lexicon';
import { normalizeText } from './normalize';
import { PhraseTrie } from './phrase-trie';

let topics: PhraseTrie<true> | null = null;

/** True when the text names something a shop is asked about (shipping, payment, returns, stock …). */
export function mentionsShopTopic(text: string): boolean {
  if (topics === null) {
    topics = new PhraseTrie<true>();
    for (const entry of DOMAIN_LEXICON) for (const term of entry.terms) topics.add(normalizeText(term), true);
  }
  return topics.findAll(normalizeText(text)).length > 0;
}
