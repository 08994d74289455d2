import { noShopTopicTexts, shopIntents, type ShopIntent } from './intent-knowledge';
import { KeywordMatcher, type KeywordSource } from './keyword-matcher';
import { DOMAIN_LEXICON } from './lexicon';
import { TextAnalyzer, type AnalyzedText } from './text-analyzer';
import { DEFAULT_TUNING } from './tuning';
import { WordingModel } from './wording-model';

/** How strongly a text is about one built-in intent, and the words that showed it. */
export interface IntentSignal {
  readonly intent: string;
  /** 0..1 */
  readonly score: number;
  /** The cue term found in the text, or null when only the wording as a whole read as this intent. */
  readonly cue: string | null;
  /** A frame of the intent matched: the text asks for this, other intents are its setting. */
  readonly focus?: boolean;
  /**
   * Not read from the text but assumed (a complaint no intent reads is taken as a problem report): it
   * reaches only the rules that are about that intent or its family, not every rule one example of which
   * happens to name it ("優惠碼輸入沒反應" does not make a coupon rule the answer to every complaint).
   */
  readonly assumed?: boolean;
}

/** A dominated intent keeps this share of its score when the dominating one is clearly present. */
const DOMINATED_SHARE = 0.55;
const DOMINANT_AT = 0.5;
/** Signals weaker than this are noise. */
const MIN_SIGNAL = 0.2;
/** A frame (what is asked about what) is as clear as a three-character cue. */
const FRAME_STRENGTH = 0.84;
/** Wording alone is never certain: the wording model's reading stays below a clear cue term … */
const MODEL_CAP = 0.85;
/** … reached at this probability … */
const MODEL_SATURATION = 0.8;
/** … and ignored below this one (the rest of the distribution is noise). */
const MODEL_MIN = 0.05;
/** The wording reads this clearly as one intent … */
const CONTRADICTING_READING = 0.5;
/** … and gives a cue's intent less than this: the cue keeps this share (docs/decisions/0024-cue-reliability.md). */
const RULED_OUT = 0.05;
const CONTRADICTED_CUE_SHARE = 0.5;
/** A cue found in its own intent's texts this often (or more) keeps its whole strength in a message … */
const RELIABLE_AT = 0.7;
/** … one found mostly elsewhere keeps at least this share … */
const UNRELIABLE_CUE_SHARE = 0.5;
/** … and a cue seen in few texts counts as this many more, found in its own intent's texts this share of the time. */
const RELIABILITY_PRIOR = 2;
const RELIABILITY_PRIOR_SHARE = 0.8;

const termKey = (intent: number, term: string): string => `${intent}\u0000${term}`;
const frameKey = (intent: number): string => `frame\u0000${intent}`;

/**
 * Classifies any text (a customer message, or a rule's title, keyword, example or reply) into the
 * built-in shop intents: cue terms through the keyword matcher (exact) and frames, whole wording through
 * a model learnt from the intents' phrasings (wording-model.ts); both are independent evidence. In a message,
 * a cue counts as much as it is reliable in the written texts, and half when the wording as a whole clearly
 * reads as another intent. When an intent that dominates another is present, the other is weakened (the most
 * specific intent wins).
 */
export class IntentClassifier {
  private readonly analyzer: TextAnalyzer;
  private readonly terms: KeywordMatcher;
  private readonly dominated: ReadonlyArray<readonly number[]>;
  private readonly dominance = new Map<string, ReadonlySet<string>>();
  private readonly cache = new Map<string, readonly IntentSignal[]>();
  private readonly families = new Map<string, readonly string[]>();
  private readonly facets = new Set<string>();
  /** Each intent's frames as one pattern (one pass per intent). */
  private readonly frames: ReadonlyArray<{ intent: number; pattern: RegExp }>;
  /** Reads wording no phrasing has: the intents, plus one class for texts about no shop topic. */
  private readonly model: WordingModel;
  /** Per cue term and intent (and per intent for its frames), the share of its strength a cue keeps in a message. */
  private readonly reliability: ReadonlyMap<string, number>;

  constructor(private readonly intents: readonly ShopIntent[] = shopIntents()) {
    const allTerms = intents.flatMap((intent) => intent.terms);
    this.analyzer = new TextAnalyzer(
      intents.flatMap((intent) => intent.phrasings),
      allTerms,
      DEFAULT_TUNING,
      // The intents' own terms are the concepts here; the coarser domain lexicon would blur neighbours.
      [],
    );
    // Every phrasing and term teaches its intent; texts about no shop topic (small talk, off-topic questions,
    // spam) teach the last class, so a message like none of them is not forced onto the nearest intent.
    const noTopic = intents.length;
    const texts = [
      ...intents.flatMap((intent, label) => intent.phrasings.map((text) => ({ label, analyzed: this.analyzer.analyze(text) }))),
      ...noShopTopicTexts().map((text) => ({ label: noTopic, analyzed: this.analyzer.analyze(text) })),
    ];
    this.model = new WordingModel(intents.length + 1, [
      ...texts.map(({ label, analyzed }) => ({ label, features: analyzed.features })),
      ...intents.flatMap((intent, label) => intent.terms.map((text) => ({ label, features: this.analyzer.analyze(text).features }))),
    ]);
    const sources: KeywordSource[] = intents.flatMap((intent, ruleIndex) =>
      intent.terms.map((term) => ({ ruleIndex, keyword: term, normalized: this.analyzer.normalizePhrase(term) })),
    );
    // Typo tolerance on generic phrases ("多久會寄" ~ "多久會確") invents intents; phrasings cover typos instead.
    // The domain lexicon's words delimit the terms, so "送的" (a free gift) is not read in "運送的錢".
    this.terms = new KeywordMatcher(sources, { fuzzy: false, words: DOMAIN_LEXICON.flatMap((entry) => entry.terms.map((term) => this.analyzer.normalizePhrase(term))) });
    this.frames = intents.flatMap((intent, i) => (intent.frames === undefined ? [] : [{ intent: i, pattern: new RegExp(intent.frames.map((source) => `(?:${source})`).join('|'), 'u') }]));
    this.reliability = this.cueReliability(texts);
    const indexOf = new Map(intents.map((intent, i) => [intent.id, i]));
    this.dominated = intents.map((intent) => (intent.dominates ?? []).map((id) => indexOf.get(id) as number));
    for (const intent of intents) this.dominance.set(intent.id, new Set(intent.dominates ?? []));
    for (const intent of intents) if (intent.facet === true) this.facets.add(intent.id);
    for (const intent of intents) {
      if (intent.family === undefined) continue;
      this.families.set(intent.id, intents.filter((other) => other.family === intent.family && other.id !== intent.id).map((other) => other.id));
    }
  }

  /**
   * How often a cue found in the written texts (phrasings and texts about no shop topic) is found in a text of
   * its own intent: "中秋" is in more texts about sending gifts and delivery dates than about pre-orders, and
   * "要等多久" (a shipping-time frame) in many about pre-orders and replies. Per cue term, and per intent for its
   * frames; smoothed towards a reliable cue, so a cue seen in few texts keeps its strength.
   */
  private cueReliability(texts: ReadonlyArray<{ label: number; analyzed: AnalyzedText }>): Map<string, number> {
    const counts = new Map<string, { own: number; all: number }>();
    const count = (key: string, own: boolean): void => {
      const entry = counts.get(key) ?? { own: 0, all: 0 };
      entry.all += 1;
      if (own) entry.own += 1;
      counts.set(key, entry);
    };
    for (const { label, analyzed } of texts) {
      for (const hit of this.terms.match(analyzed.normalized)) count(termKey(hit.ruleIndex, hit.keyword), hit.ruleIndex === label);
      for (const { intent, pattern } of this.frames) if (pattern.test(analyzed.normalized)) count(frameKey(intent), intent === label);
    }
    const reliability = new Map<string, number>();
    for (const [key, { own, all }] of counts) {
      const share = (own + RELIABILITY_PRIOR * RELIABILITY_PRIOR_SHARE) / (all + RELIABILITY_PRIOR);
      reliability.set(key, Math.max(UNRELIABLE_CUE_SHARE, Math.min(1, share / RELIABLE_AT)));
    }
    return reliability;
  }

  /** True for an attribute asked of something (price, usage, size): see ShopIntent.facet. */
  isFacet(intent: string): boolean {
    return this.facets.has(intent);
  }

  /** The other intents of the intent's family (none when it has no family). */
  relatives(intent: string): readonly string[] {
    return this.families.get(intent) ?? [];
  }

  /** True when a message about both is about `dominant` ("退貨的運費" is about returns). */
  dominates(dominant: string, other: string): boolean {
    return this.dominance.get(dominant)?.has(other) ?? false;
  }

  get intentIds(): readonly string[] {
    return this.intents.map((intent) => intent.id);
  }

  /** Intents the text is about, strongest first (cached per text: rule texts repeat across rules). */
  classify(text: string): readonly IntentSignal[] {
    const cached = this.cache.get(text);
    if (cached !== undefined) return cached;
    const result = this.compute(text);
    this.remember(text, result);
    return result;
  }

  /** Uncached, for a customer message already through normalizeText (each message is new). */
  classifyNormalized(normalized: string, wordingModel = true): readonly IntentSignal[] {
    const analyzed = this.analyzer.analyzeNormalized(normalized);
    return this.signalsOf(analyzed.normalized, analyzed, wordingModel);
  }

  /**
   * Cue terms only, in text already through normalizeText, without the wording model: cheaper,
   * for the parts of a rule (a shop names its topics outright). Cached like classify.
   */
  classifyCuesNormalized(normalized: string): readonly IntentSignal[] {
    const key = `\u0000${normalized}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const result = this.signalsOf(normalized, null);
    this.remember(key, result);
    return result;
  }

  private remember(key: string, signals: readonly IntentSignal[]): void {
    if (this.cache.size > 20_000) this.cache.clear();
    this.cache.set(key, signals);
  }

  private compute(text: string): readonly IntentSignal[] {
    const analyzed = this.analyzer.analyze(text);
    return this.signalsOf(analyzed.normalized, analyzed);
  }

  /**
   * A cue term or frame names a topic, not always the one asked about ("只能匯款嗎 我比較想刷卡" names a bank
   * transfer and asks for another way to pay). When the wording as a whole clearly reads as another intent and
   * all but rules this one out, a cue the written texts show to be unreliable counts for half; a reliable one
   * stands ("攔得住" is cancelling even where the model reads a parcel being tracked).
   */
  private weakenContradictedCues(scores: Float64Array, cues: ReadonlyArray<string | null>, trust: Float64Array, probabilities: Float64Array): void {
    let read = 0;
    for (let i = 1; i < this.intents.length; i += 1) if ((probabilities[i] as number) > (probabilities[read] as number)) read = i;
    if ((probabilities[read] as number) < CONTRADICTING_READING) return;
    for (let i = 0; i < this.intents.length; i += 1) {
      if (i !== read && cues[i] !== null && (trust[i] as number) < 1 && (probabilities[i] as number) < RULED_OUT) scores[i] = (scores[i] as number) * CONTRADICTED_CUE_SHARE;
    }
  }

  /** The wording model's reading as independent evidence (the no-topic class adds to no intent). */
  private addModelReading(scores: Float64Array, analyzed: AnalyzedText, probabilities = this.model.probabilities(analyzed.features)): void {
    for (let i = 0; i < this.intents.length; i += 1) {
      const probability = probabilities[i] as number;
      if (probability < MODEL_MIN) continue;
      const reading = MODEL_CAP * Math.min(1, probability / MODEL_SATURATION);
      scores[i] = 1 - (1 - (scores[i] as number)) * (1 - reading);
    }
  }

  /** Cue terms and frames found in `normalized`, plus the wording model's reading when the text was `analyzed`. */
  private signalsOf(normalized: string, analyzed: AnalyzedText | null, wordingModel = true): readonly IntentSignal[] {
    const scores = new Float64Array(this.intents.length);
    const cues: Array<string | null> = new Array<string | null>(this.intents.length).fill(null);
    // How reliable the cue read for each intent is (1 for a rule's own texts, which name their topics outright).
    const trust = new Float64Array(this.intents.length).fill(1);
    for (const hit of this.terms.match(normalized)) {
      if (analyzed !== null) trust[hit.ruleIndex] = this.reliability.get(termKey(hit.ruleIndex, hit.keyword)) ?? 1;
      scores[hit.ruleIndex] = hit.strength * (trust[hit.ruleIndex] as number);
      cues[hit.ruleIndex] = hit.keyword;
    }
    const focus = new Set<number>();
    for (const { intent, pattern } of this.frames) {
      const match = pattern.exec(normalized);
      if (match === null) continue;
      focus.add(intent);
      const frameTrust = analyzed === null ? 1 : (this.reliability.get(frameKey(intent)) ?? 1);
      if ((scores[intent] as number) < FRAME_STRENGTH * frameTrust) {
        scores[intent] = FRAME_STRENGTH * frameTrust;
        trust[intent] = frameTrust;
      }
      cues[intent] ??= match[0];
    }
    // Cue terms and frames, weighed by their reliability; the wording as a whole, read by the model, beside them.
    if (wordingModel && analyzed !== null && analyzed.features.size > 0) {
      const probabilities = this.model.probabilities(analyzed.features);
      this.weakenContradictedCues(scores, cues, trust, probabilities);
      this.addModelReading(scores, analyzed, probabilities);
    }
    const adjusted = Float64Array.from(scores);
    this.dominated.forEach((others, dominant) => {
      // Only an intent the text names outright decides what the message is about.
      if ((scores[dominant] as number) < DOMINANT_AT || cues[dominant] === null) return;
      for (const other of others) adjusted[other] = (adjusted[other] as number) * DOMINATED_SHARE;
    });
    const signals: IntentSignal[] = [];
    for (let i = 0; i < adjusted.length; i += 1) {
      const score = adjusted[i] as number;
      if (score >= MIN_SIGNAL) signals.push({ intent: (this.intents[i] as ShopIntent).id, score, cue: cues[i] ?? null, ...(focus.has(i) ? { focus: true } : {}) });
    }
    // Ties by id (plain code-unit order: locale-aware comparison costs more than the rest of this method).
    return signals.sort((a, b) => b.score - a.score || (a.intent < b.intent ? -1 : a.intent > b.intent ? 1 : 0));
  }
}

let shared: IntentClassifier | null = null;

/** One classifier per process: the built-in knowledge never changes at run time. */
export function sharedIntentClassifier(): IntentClassifier {
  shared ??= new IntentClassifier();
  return shared;
}
