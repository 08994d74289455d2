import type { IntentClassifier, IntentSignal } from './intent-classifier';
import { normalizeText } from './normalize';
import type { SuggestionRule } from './rules-schema';

/** How much each part of a rule says about what it answers. The reply names side topics too, so it says least. */
const SOURCE_WEIGHT = { title: 1, keyword: 0.95, example: 0.9, learned: 0.8, reply: 0.45 } as const;
/** A learned message teaches its rule an intent only this clear, and this far ahead of its next one. */
const LEARNED_MIN_SIGNAL = 0.8;
const LEARNED_MARGIN = 0.25;
/** A rule whose own words name an intent this strongly owns it: learned messages of other rules do not teach it. */
const LEARNED_OWNED_AT = 0.6;
/** Rule intents weaker than this are not indexed. */
const MIN_RULE_INTENT = 0.3;
/** A part of a rule votes only for intents it shows at least this clearly. */
const MIN_PART_SIGNAL = 0.45;
/** An intent some rule answers at least this clearly needs no family back-off. */
const FAMILY_ANSWERED_AT = 0.6;
/** How much a relative's rule is worth against a rule of the intent itself. */
const FAMILY_SHARE = 0.6;
/** Share of its vote an intent keeps in an example that also names the title's topic (it is that topic's setting). */
const EXAMPLE_SETTING_SHARE = 0.5;
/** Words joining two topics of a title ("運費與出貨時間"): each is a head. */
const COORDINATION = /與|和|及|跟|或|、|\/|／|&|\+|\band\b|\bor\b|\s/;
/** Share an intent named before a title's head keeps (it says what kind of thing the topic is about). */
const MODIFIER_SHARE = 0.6;
/** Each further part of the rule naming the same intent adds this much. */
const AGREEMENT_BONUS = 0.1;

export interface ConceptMatch {
  readonly ruleIndex: number;
  /** 0..1: how strongly the message's intent is one this rule answers. */
  readonly score: number;
  /** The intent both meet on. */
  readonly intent: string;
  /** The message's own words that showed the intent (a cue term), or null. */
  readonly cue: string | null;
}

/**
 * Maps every rule onto the built-in shop intents through its title, keywords, examples and reply, so a
 * message and a rule meet on an intent even when they share no word ("錢什麼時候會退給我" → a rule titled
 * 「退貨退款」). Stored as intent → [(rule, weight)] lists, so a message touches only rules of its intents.
 */
export class ConceptIndex {
  private readonly postings = new Map<string, Array<{ rule: number; weight: number }>>();
  /** Intents some rule answers clearly (no family back-off for them). */
  private readonly answered = new Set<string>();
  /** Per rule, its strongest intents (for explanations and tests). */
  readonly profiles: ReadonlyArray<ReadonlyMap<string, number>>;
  private readonly mainIntents: ReadonlyArray<string | null>;

  /**
   * @param learnedExamples per rule, messages the team answered with it: they teach what it answers.
   * @param normalize the normalised form of a rule text (the engine passes the forms it already computed).
   */
  constructor(
    rules: readonly SuggestionRule[],
    private readonly classifier: IntentClassifier,
    learnedExamples: ReadonlyArray<readonly string[]> = [],
    private readonly normalize: (text: string) => string = normalizeText,
  ) {
    // What each rule answers by its own words decides who owns an intent; a learned message teaches its
    // rule only intents no other rule owns ("custom size" sent with the custom-order rule must not make it
    // a sizing rule next to the shop's own sizing rule: that is how neighbours stole each other's messages).
    const own = rules.map((rule) => this.profileOf(rule, []));
    const owners = new Map<string, number[]>();
    own.forEach((profile, ruleIndex) => {
      for (const [intent, weight] of profile) if (weight >= LEARNED_OWNED_AT) owners.set(intent, [...(owners.get(intent) ?? []), ruleIndex]);
    });
    const ownedByOther = (intent: string, ruleIndex: number): boolean => (owners.get(intent) ?? []).some((owner) => owner !== ruleIndex);
    this.profiles = rules.map((rule, ruleIndex) => {
      const learned = learnedExamples[ruleIndex] ?? [];
      const profile = learned.length === 0 ? (own[ruleIndex] as Map<string, number>) : this.profileOf(rule, learned, (intent) => !ownedByOther(intent, ruleIndex));
      for (const [intent, weight] of profile) {
        if (weight >= FAMILY_ANSWERED_AT) this.answered.add(intent);
        const list = this.postings.get(intent) ?? [];
        list.push({ rule: ruleIndex, weight });
        this.postings.set(intent, list);
      }
      return profile;
    });
    this.mainIntents = this.profiles.map((profile) => {
      let best: string | null = null;
      let bestWeight = 0;
      for (const [intent, weight] of profile) {
        if (weight > bestWeight) {
          best = intent;
          bestWeight = weight;
        }
      }
      return best;
    });
  }

  /** Some rule answers this intent clearly. */
  isAnswered(intent: string): boolean {
    return this.answered.has(intent);
  }

  /** The rule's strongest intent is this one or one of its family. */
  private isAbout(ruleIndex: number, intent: string): boolean {
    const main = this.mainIntents[ruleIndex];
    return main === intent || (main != null && this.classifier.relatives(intent).includes(main));
  }

  /** The rule's strongest intent, or null when the built-in knowledge does not know what it answers. */
  mainIntent(ruleIndex: number): string | null {
    return this.mainIntents[ruleIndex] ?? null;
  }

  /**
   * The message's intents (already classified) against every rule that answers one of them. An intent no
   * rule answers clearly reaches, more weakly, the rules of its family ("只收到一包" and a shop whose one
   * rule 「破損與品質問題」 answers every problem with what arrived).
   */
  match(signals: readonly IntentSignal[]): ConceptMatch[] {
    const best = new Map<number, ConceptMatch>();
    const consider = (signal: IntentSignal, postings: ReadonlyArray<{ rule: number; weight: number }>, share: number): void => {
      for (const { rule, weight } of postings) {
        if (signal.assumed === true && !this.isAbout(rule, signal.intent)) continue;
        const score = signal.score * weight * share;
        const current = best.get(rule);
        if (current === undefined || score > current.score) best.set(rule, { ruleIndex: rule, score, intent: signal.intent, cue: signal.cue });
      }
    };
    for (const signal of signals) {
      consider(signal, this.postings.get(signal.intent) ?? [], 1);
      if (this.answered.has(signal.intent)) continue;
      for (const relative of this.classifier.relatives(signal.intent)) consider(signal, this.postings.get(relative) ?? [], FAMILY_SHARE);
    }
    return [...best.values()];
  }

  /**
   * Each part of the rule votes with its weight; an intent takes its strongest vote, plus a little for
   * every further part that agrees. So an intent named by title and keywords is near certain, one that
   * only the reply mentions ("…退貨請自付運費") stays weak, and many faint votes never add up to a strong one.
   */
  private profileOf(rule: SuggestionRule, learned: readonly string[], learnable: (intent: string) => boolean = () => true): Map<string, number> {
    const votes = new Map<string, number[]>();
    const add = (signals: ReadonlyArray<IntentSignal | null>, weight: number): void => {
      for (const signal of signals) {
        if (signal === null) continue;
        if (signal.score < MIN_PART_SIGNAL) continue;
        const list = votes.get(signal.intent) ?? [];
        list.push(weight * signal.score);
        votes.set(signal.intent, list);
      }
    };
    const titled = this.titleTopics(rule.title);
    add(titled, SOURCE_WEIGHT.title);
    add(this.strongest(rule.keywords.map((keyword) => this.cues(keyword))), SOURCE_WEIGHT.keyword);
    // Examples, learned messages and the reply name facets of the rule's own topic ("安裝要多少錢").
    const topical = (signal: IntentSignal | null): boolean => signal !== null && !this.classifier.isFacet(signal.intent);
    const titleIntents = new Set(titled.filter((signal) => signal.score >= MIN_PART_SIGNAL).map((signal) => signal.intent));
    // An example is a customer's question as the shop imagines it: read like a customer's message.
    add(this.strongest(rule.examples.map((example) => this.withTitleSetting(this.classifier.classify(example), titleIntents))).filter(topical), SOURCE_WEIGHT.example);
    add(this.cues(rule.reply).filter(topical), SOURCE_WEIGHT.reply);
    const profile = new Map<string, number>();
    for (const [intent, list] of votes) {
      const weight = Math.min(1, Math.max(...list) + AGREEMENT_BONUS * (list.length - 1));
      if (weight >= MIN_RULE_INTENT) profile.set(intent, weight);
    }
    // What the team taught adds intents the rule's own words do not name; it does not make the ones they name
    // more certain (a few sends of a return rule made its exchange reading "clear" and put the shop's own
    // advice on a wilting plant behind it for "換大盆").
    for (const signal of learned.map((text) => this.clearIntent(text))) {
      if (signal === null || !topical(signal) || !learnable(signal.intent) || votes.has(signal.intent)) continue;
      const weight = SOURCE_WEIGHT.learned * signal.score;
      if (weight >= MIN_RULE_INTENT && weight > (profile.get(signal.intent) ?? 0)) profile.set(signal.intent, weight);
    }
    return profile;
  }

  /**
   * A rule's title, keywords and reply are read by their cue terms only: a shop names its topics outright
   * there (its examples are read like customers' messages, with the wording model; docs/suggestions.md).
   */
  private cues(text: string): readonly IntentSignal[] {
    return this.classifier.classifyCuesNormalized(this.normalize(text));
  }

  /**
   * A customer's message often touches several topics ("不要取消，改寄到公司"): only one clearly ahead of
   * the rest teaches the rule what it answers.
   */
  private clearIntent(text: string): IntentSignal | null {
    const [first, second] = this.classifier.classify(text);
    if (first === undefined || first.score < LEARNED_MIN_SIGNAL) return null;
    return second === undefined || first.score - second.score >= LEARNED_MARGIN ? first : null;
  }

  /**
   * A title names its topic last ("客製商品退換貨" is about returns, of custom goods): an intent named before the
   * head, with no "and" between them, only says what kind of thing the topic is about.
   */
  private titleTopics(title: string): readonly IntentSignal[] {
    const normalized = this.normalize(title);
    const signals = this.cues(title);
    if (signals.length < 2 || COORDINATION.test(normalized)) return signals;
    const end = (signal: IntentSignal): number => (signal.cue === null ? -1 : normalized.lastIndexOf(signal.cue) + signal.cue.length);
    const head = Math.max(...signals.map(end));
    return signals.map((signal) => (end(signal) === head || signal.cue === null ? signal : { ...signal, score: signal.score * MODIFIER_SHARE }));
  }

  /**
   * An example that names the title's topic speaks of that topic: the other intents it names are its setting
   * ("代碼輸入沒反應" in a coupon rule is a code that does not work, not a defect the rule answers).
   */
  private withTitleSetting(signals: readonly IntentSignal[], titleIntents: ReadonlySet<string>): readonly IntentSignal[] {
    if (!signals.some((signal) => titleIntents.has(signal.intent))) return signals;
    return signals.map((signal) => (titleIntents.has(signal.intent) ? signal : { ...signal, score: signal.score * EXAMPLE_SETTING_SHARE }));
  }

  /** Several keywords (or examples) naming the same intent count once, at the strongest. */
  private strongest(signalsPerText: ReadonlyArray<readonly IntentSignal[]>): IntentSignal[] {
    const best = new Map<string, IntentSignal>();
    for (const signals of signalsPerText) {
      for (const signal of signals) {
        const current = best.get(signal.intent);
        if (current === undefined || signal.score > current.score) best.set(signal.intent, signal);
      }
    }
    return [...best.values()];
  }
}
