import { z } from 'zod';
import afterSales from './knowledge/shop-intents-after-sales.json';
import delivery from './knowledge/shop-intents-delivery.json';
import payment from './knowledge/shop-intents-payment.json';
import products from './knowledge/shop-intents-products.json';
import service from './knowledge/shop-intents-service.json';
import noShopTopic from './knowledge/no-shop-topic.json';
import { normalizeText } from './normalize';
import { PhraseTrie } from './phrase-trie';

/**
 * One intent every online shop meets, independent of any shop's rules (knowledge/*.json, see
 * knowledge/SOURCES.md): cue terms (a word or phrase that on its own points at the intent) and whole
 * colloquial phrasings, many sharing no word with the terms, in zh-TW, English and a little Simplified.
 */
export const ShopIntentSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: z.object({ 'zh-TW': z.string().min(1), en: z.string().min(1) }),
  /**
   * Intents of one family are close neighbours (a damaged, a wrong and a missing item): a shop often
   * answers them with one rule, so a message about one finds the rule of another when no rule answers it.
   */
  family: z.string().regex(/^[a-z0-9-]+$/).optional(),
  /**
   * An attribute asked of something (its price, how to use it, its size): "安裝要多少錢" is about
   * installation. A rule answers a facet only when its title or keywords name it; its examples and reply
   * mention facets of its own topic.
   */
  facet: z.boolean().optional(),
  /** When both are in one message, this intent is what it is about ("退貨的運費誰出" is about returns). */
  dominates: z.array(z.string()).optional(),
  terms: z.array(z.string().min(1)).min(1),
  phrasings: z.array(z.string().min(1)).min(1),
  /**
   * Patterns (regular expressions over normalised text) for a question built from two parts, what it is
   * about and what is asked: "寄…多少錢" is the shipping fee, "退的錢…什麼時候" the refund. A frame names the
   * asked-for part, so it is the message's focus when other topics are only its setting ("今天付款哪天會寄").
   */
  frames: z
    .array(
      z.string().refine((source) => {
        try {
          new RegExp(source, 'u');
          return true;
        } catch {
          return false;
        }
      }, 'frame must be a valid regular expression'),
    )
    .optional(),
});
export type ShopIntent = z.infer<typeof ShopIntentSchema>;

const KnowledgeSchema = z.array(ShopIntentSchema).superRefine((intents, ctx) => {
  const ids = new Set(intents.map((intent) => intent.id));
  if (ids.size !== intents.length) ctx.addIssue({ code: 'custom', message: 'intent ids must be unique' });
  for (const intent of intents) {
    for (const other of intent.dominates ?? []) {
      if (!ids.has(other)) ctx.addIssue({ code: 'custom', message: `intent "${intent.id}" dominates unknown intent "${other}"` });
    }
  }
});

let intents: readonly ShopIntent[] | null = null;

/** The built-in intents, checked once (a broken data file fails loudly at first use, and in the unit tests). */
export function shopIntents(): readonly ShopIntent[] {
  intents ??= KnowledgeSchema.parse([...delivery, ...payment, ...afterSales, ...products, ...service]);
  return intents;
}

let noTopicTexts: readonly string[] | null = null;

/**
 * What customers and strangers write to a shop that is about no shop topic (off-topic questions, small talk,
 * thanks, acknowledgements naming a topic, spam, wrong numbers): the wording model's counterweight, so a
 * message like none of the intents' phrasings is not forced onto the nearest one (knowledge/SOURCES.md).
 */
export function noShopTopicTexts(): readonly string[] {
  noTopicTexts ??= z.array(z.string().min(1)).min(1).parse(noShopTopic);
  return noTopicTexts;
}

let topics: PhraseTrie<true> | null = null;

/** True when the text names something a shop is asked about (shipping, payment, returns, stock …). */
export function mentionsShopTopic(text: string): boolean {
  if (topics === null) {
    topics = new PhraseTrie<true>();
    for (const intent of shopIntents()) for (const term of intent.terms) topics.add(normalizeText(term), true);
  }
  return topics.findAll(normalizeText(text)).length > 0;
}
