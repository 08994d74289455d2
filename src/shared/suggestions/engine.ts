import { withAlternatives } from './alternatives';
import { ConceptIndex, type ConceptMatch } from './concept-index';
import { splitContrast } from './contrast';
import { readDialogueAct, readingAsksShop, type DialogueAct } from './dialogue-acts';
import { sharedIntentClassifier, type IntentSignal } from './intent-classifier';
import { foldScript, normalizeText } from './normalize';
import { KeywordMatcher, type KeywordHit, type KeywordSource } from './keyword-matcher';
import { Rejections, SAME_PHRASING, tallyLearned, wordingCosine, type LearnedExample } from './learned-examples';
import type { SuggestionRule } from './rules-schema';
import { TextAnalyzer, type AnalyzedText } from './text-analyzer';
import { EnglishGlosses } from './english-glosses';
import { TopicCharacters } from './topic-characters';
import { DEFAULT_TUNING, type EngineTuning } from './tuning';
import { VectorIndex, type IntentScore, type RuleDocuments } from './vector-index';

export interface Suggestion {
  readonly ruleId: string;
  /** 0..1, two decimals. */
  readonly score: number;
  readonly matchedBy: 'keyword' | 'intent';
  /** Why, for the agent: `matched 「運費」`, `like 「什麼時候寄」` or `similar to 「運費怎麼算？」`. */
  readonly reason: string;
  /** The same explanation as data, for interfaces that word it in the agent's language. */
  readonly evidence: SuggestionEvidence;
}

export interface SuggestionEvidence {
  /**
   * `keyword`: a rule keyword is in the message; `concept`: these words of the message ask what the rule
   * answers (built-in shop knowledge); `similar`: the message reads like this title/example.
   */
  readonly kind: 'keyword' | 'concept' | 'similar';
  /** The keyword, the customer's words, or the rule's title or example the message is most similar to. */
  readonly text: string;
  /** A typo-tolerant keyword match rather than an exact one. */
  readonly approximate: boolean;
}

export interface SuggestionEngineOptions {
  /**
   * A question, request or complaint gets suggestions when the best rule reaches this score: low, because
   * such a message asks the shop for something and the closest answers are worth ranking (docs/decisions/0011).
   */
  readonly minScore?: number;
  /** Second and third suggestions must reach this score … */
  readonly minAlternativeScore?: number;
  /** … and at least this fraction of the best score. */
  readonly alternativeRatio?: number;
  /** At most this many suggestions (default 3). */
  readonly maxSuggestions?: number;
  /** Ranking constants, for calibration only; the defaults are what the product uses. */
  readonly tuning?: Partial<EngineTuning>;
  /** What the team taught: sent suggestions become examples of their rule, "not this one" counts against it. */
  readonly learned?: readonly LearnedExample[];
}

export interface SuggestionEngine {
  /** Best rules first; none for a message that needs no answer (thanks, OK, greetings, emoji, spam …). */
  suggest(text: string): Suggestion[];
  /** The same, with the message's dialogue act (auto-send answers questions only). */
  analyze(text: string): { act: DialogueAct; suggestions: Suggestion[] };
  readonly ruleCount: number;
}

/** Calibrated on the tuning sets; see docs/suggestions.md. */
export const DEFAULT_ENGINE_OPTIONS: Required<Omit<SuggestionEngineOptions, 'tuning' | 'learned'>> = {
  minScore: 0.1,
  minAlternativeScore: 0.05,
  alternativeRatio: 0.1,
  maxSuggestions: 3,
};

/** A keyword match this strong may be sent without an agent (for rules marked autoSend). */
export const CONFIDENT_KEYWORD_SCORE = 0.95;

/** True for a keyword match strong enough to send the reply without an agent's look. */
export function isConfidentKeywordMatch(suggestion: Omit<Suggestion, 'evidence'>): boolean {
  return suggestion.matchedBy === 'keyword' && suggestion.score >= CONFIDENT_KEYWORD_SCORE;
}

interface Candidate {
  readonly ruleIndex: number;
  readonly score: number;
  readonly matchedBy: 'keyword' | 'intent';
  readonly reason: string;
  readonly evidence: SuggestionEvidence;
}

/**
 * A complaint in words no intent knows ("袋子破一個洞 飼料灑滿箱子") is most often about what arrived: it
 * reads as a weak defect report, which reaches the shop's rule for problems with an order.
 */
const COMPLAINT_FALLBACK: readonly IntentSignal[] = [{ intent: 'defective', score: 0.35, cue: null, assumed: true }];
/** A complaint whose clearest intent is weaker than this gets the fallback. */
const COMPLAINT_UNCLEAR_BELOW = 0.6;

function withComplaintFallback(signals: readonly IntentSignal[], act: DialogueAct): readonly IntentSignal[] {
  if (act !== 'complaint' || signals.some((signal) => signal.score >= COMPLAINT_UNCLEAR_BELOW)) return signals;
  return [...signals, ...COMPLAINT_FALLBACK.filter((fallback) => !signals.some((signal) => signal.intent === fallback.intent))];
}

/** A message intent this strong decides which neighbouring rule is off topic. */
const DOMINANT_SIGNAL = 0.5;
/** A concept match this strong means the built-in knowledge found the rule the message asks for. */
const CLEAR_CONCEPT = 0.6;
/** A message whose built-in intent is at least this clear is not read through the English glossary. */
const GLOSS_UNLESS_INTENT = 0.6;
const MAX_CONCEPT_CANDIDATES = 24;
/** Similarity to a learned message from which the message may be the same wording (then checked word for word). */
const LIKELY_SAME_WORDING = 0.6;
/**
 * Up to this many rules, a message is compared with every reply (a reply alone may propose its rule);
 * beyond, only with the replies of rules other evidence found, so the cost stays flat at 1,000 rules.
 */
const REPLY_SEARCH_UP_TO = 200;
const NOTHING: AnalyzedText = { normalized: '', concepts: [], features: new Map() };

function round2(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}

/**
 * Builds the suggestion index once for a rule set. `suggest` combines two kinds of evidence per rule:
 * keyword hits (exact/typo-tolerant, see KeywordMatcher) and intent similarity (TF-IDF cosine to the
 * rule's centroid and to its most similar example, over character n-grams, words and lexicon concepts).
 * They are combined as independent evidence (1 − (1−k)(1−i)), so a keyword backed by a similar wording
 * beats a keyword alone, and a close paraphrase without any keyword still qualifies.
 */
export function createSuggestionEngine(rules: readonly SuggestionRule[], options: SuggestionEngineOptions = {}): SuggestionEngine {
  const settings = { ...DEFAULT_ENGINE_OPTIONS, ...options };
  const tuning: EngineTuning = { ...DEFAULT_TUNING, ...options.tuning };
  const learned = tallyLearned(rules, options.learned ?? []);
  // Learned examples come after the rule's own title and examples (whose ordinals stay put).
  const exemplarsOf = (rule: SuggestionRule, ruleIndex: number): string[] => [rule.title, ...rule.examples, ...(learned.examples[ruleIndex] ?? [])];
  const ruleTexts = rules.flatMap(exemplarsOf);
  const analyzer = new TextAnalyzer(ruleTexts, rules.flatMap((rule) => rule.keywords), tuning);

  const documents: RuleDocuments[] = rules.map((rule, ruleIndex) => ({
    exemplars: [rule.title, ...rule.examples].map((text) => analyzer.analyze(text)),
    keywords: analyzer.analyze(rule.keywords.join(' ')),
    learned: (learned.examples[ruleIndex] ?? []).map((text) => analyzer.analyze(text)),
  }));
  const rejections = new Rejections(learned.rejected.map((texts) => texts.map((text) => analyzer.analyze(text))));
  const index = new VectorIndex(documents, tuning.unknownDocumentFrequency, tuning.learnedShare, tuning.learnedFullAt, tuning.learnedFloor);
  // The reply is the shop's own wording of the topic ("物流會先來電約時段"): customers often use its words
  // rather than the title's. It also names side topics, so it is its own, weaker kind of evidence.
  // Variants of one product often share a reply word for word: each distinct reply is analysed once.
  const analyzedReplies = new Map<string, AnalyzedText>();
  const analyzeReply = (reply: string): AnalyzedText => {
    let analyzed = analyzedReplies.get(reply);
    if (analyzed === undefined) {
      analyzed = analyzer.analyze(reply);
      analyzedReplies.set(reply, analyzed);
    }
    return analyzed;
  };
  const replies = new VectorIndex(
    rules.map((rule) => ({ exemplars: [analyzeReply(rule.reply)], keywords: NOTHING })),
    tuning.unknownDocumentFrequency,
  );
  const normalizedKeywords = new Map<string, string>();
  const normalizeKeyword = (keyword: string): string => {
    let normalized = normalizedKeywords.get(keyword);
    if (normalized === undefined) {
      normalized = analyzer.normalizePhrase(keyword);
      normalizedKeywords.set(keyword, normalized);
    }
    return normalized;
  };
  const keywordSources: KeywordSource[] = rules.flatMap((rule, ruleIndex) =>
    rule.keywords.map((keyword) => ({ ruleIndex, keyword, normalized: normalizeKeyword(keyword) })),
  );
  const keywords = new KeywordMatcher(keywordSources);
  /** A rule's own words as normalised for the indexes: title, examples and reply. */
  const ownTexts = (ruleIndex: number): string[] => [
    ...(documents[ruleIndex]?.exemplars ?? []).map((text) => text.normalized),
    analyzeReply((rules[ruleIndex] as SuggestionRule).reply).normalized,
  ];
  // How many rules speak of each keyword in their own texts: one trie walk per text.
  const speakers = new Map<string, Set<number>>();
  rules.forEach((_rule, ruleIndex) => {
    for (const text of ownTexts(ruleIndex)) {
      for (const source of keywords.keywordsIn(text)) {
        const set = speakers.get(source.normalized) ?? new Set<number>();
        set.add(ruleIndex);
        speakers.set(source.normalized, set);
      }
    }
  });
  /** Rules other than the keyword's own that speak of it: a product or topic word several rules talk about. */
  const spokenElsewhere = (ruleIndex: number, keyword: string): number => {
    const set = speakers.get(normalizeKeyword(keyword));
    return set === undefined ? 0 : set.size - (set.has(ruleIndex) ? 1 : 0);
  };
  const classifier = sharedIntentClassifier();
  // The rule texts were normalised for the index already: the concept mapping reuses those forms.
  const normalizedTexts = new Map<string, string>();
  rules.forEach((rule, ruleIndex) => {
    const exemplars = documents[ruleIndex]?.exemplars ?? [];
    [rule.title, ...rule.examples].forEach((text, k) => normalizedTexts.set(text, exemplars[k]?.normalized ?? normalizeText(text)));
  });
  const topicCharacters = new TopicCharacters(rules.map((rule) => rule.keywords.map(normalizeKeyword)));
  const concepts = new ConceptIndex(rules, classifier, learned.examples, (text) => normalizedTexts.get(text) ?? normalizedKeywords.get(text) ?? normalizeText(text));

  function intentStrength(score: IntentScore): number {
    const similarity = tuning.bestExemplarShare * score.best + (1 - tuning.bestExemplarShare) * score.centroid;
    return Math.min(1, similarity / tuning.intentSaturation);
  }

  function exemplarText(ruleIndex: number, ordinal: number): string {
    const rule = rules[ruleIndex] as SuggestionRule;
    return exemplarsOf(rule, ruleIndex)[ordinal] ?? rule.title;
  }

  /** The rule's keyword a topic character comes from ("維修" for 修). */
  function keywordWith(ruleIndex: number, character: string): string | undefined {
    return (rules[ruleIndex] as SuggestionRule).keywords.find((keyword) => normalizeKeyword(keyword).includes(character));
  }

  function explain(hit: KeywordHit | undefined, keyword: number, character: string | undefined, intent: number, concept: ConceptMatch | undefined, ruleIndex: number, bestExemplar: number) {
    // An exact keyword is the clearest explanation for the agent (and the only basis for auto-send),
    // even when the wording is also similar; a typo-tolerant hit must win on its own to be named.
    if (hit !== undefined && (!hit.fuzzy || keyword >= Math.max(intent, concept?.score ?? 0))) {
      return { matchedBy: 'keyword' as const, evidence: { kind: 'keyword' as const, text: hit.keyword, approximate: hit.fuzzy } };
    }
    // "修要多久" decided by 修: close to the keyword 「維修」, never a keyword match (no auto-send from one character).
    const shortened = character === undefined ? undefined : keywordWith(ruleIndex, character);
    if (shortened !== undefined && tuning.topicCharacterWeight >= Math.max(intent, (concept?.score ?? 0) * tuning.conceptWeight)) {
      return { matchedBy: 'intent' as const, evidence: { kind: 'keyword' as const, text: shortened, approximate: true } };
    }
    if (concept?.cue != null && concept.score * tuning.conceptWeight >= intent) {
      return { matchedBy: 'intent' as const, evidence: { kind: 'concept' as const, text: concept.cue, approximate: false } };
    }
    return { matchedBy: 'intent' as const, evidence: { kind: 'similar' as const, text: exemplarText(ruleIndex, bestExemplar), approximate: false } };
  }

  /**
   * Share of its score a rule keeps when the message is about something else: its main intent is
   * dominated by one the message is clearly about ("退貨的運費誰出" and a shipping-fee rule), or the
   * message clearly asks about an intent that other rules answer and this one does not.
   */
  function relevance(ruleIndex: number, signals: readonly IntentSignal[], concept: ConceptMatch | undefined, clearestConcept: number, focus: readonly string[]): number {
    const main = concepts.mainIntent(ruleIndex);
    const profile = concepts.profiles[ruleIndex];
    let share = 1;
    // "今天付款哪天會寄": the message asks for the shipping day; a rule about payment only answers its setting.
    if (focus.length > 0 && !focus.some((intent) => (profile?.get(intent) ?? 0) >= 0.3)) share *= tuning.offFocusShare;
    // A topic the message names outright ("hong kong") that no rule answers leaves this rule the shop's best
    // answer; one read from the wording alone still says what the message is not about ("開了能用多久").
    if (main !== null && signals.some((s) => s.score >= DOMINANT_SIGNAL && classifier.dominates(s.intent, main) && (profile?.get(s.intent) ?? 0) < 0.3 && (s.cue === null || concepts.isAnswered(s.intent)))) {
      share *= tuning.dominatedRuleShare;
    }
    // Off intent: another rule answers what the message is clearly about, and this one at most in passing.
    if (clearestConcept >= CLEAR_CONCEPT && (concept?.score ?? 0) < Math.max(0.3, tuning.answersInPassing * clearestConcept)) share *= tuning.offIntentShare;
    return share;
  }

  // An English message's intents are read to decide whether to gloss it, and again in rank: for the same text
  // (nothing glossed, nothing split off by a contrast) the last reading is reused.
  let lastReading: { normalized: string; wordingModel: boolean; signals: readonly IntentSignal[] } | null = null;
  function readIntents(normalized: string, wordingModel = true): readonly IntentSignal[] {
    if (lastReading?.normalized !== normalized || lastReading.wordingModel !== wordingModel) lastReading = { normalized, wordingModel, signals: classifier.classifyNormalized(normalized, wordingModel) };
    return lastReading.signals;
  }

  function rank(text: string, floor: { min: number; alternativeMin: number; alternativeRatio: number; secondTier: boolean }, act: DialogueAct, plain = false): Suggestion[] {
    const normalizedFocus = normalizeText(splitContrast(text).focus);
    const analyzed = analyzer.analyzeNormalized(normalizedFocus);
    const keywordHits = new Map<number, KeywordHit>(keywords.match(analyzed.normalized).map((hit) => [hit.ruleIndex, hit]));
    const signals = withComplaintFallback(readIntents(normalizedFocus, !plain), act);
    // With many rules, one intent can be answered by hundreds of them: only the strongest few are
    // compared in full (their direct wording still decides between them).
    const conceptMatches = new Map<number, ConceptMatch>(
      concepts
        .match(signals)
        .sort((a, b) => b.score - a.score || a.ruleIndex - b.ruleIndex)
        .slice(0, MAX_CONCEPT_CANDIDATES)
        .map((m) => [m.ruleIndex, m]),
    );
    const clearestConcept = Math.max(0, ...[...conceptMatches.values()].map((m) => m.score));
    // What the message asks for, when a rule answers exactly that.
    const asked = signals.filter((s) => s.focus === true && s.score >= DOMINANT_SIGNAL).map((s) => s.intent);
    const focus = asked.length > 0 && [...conceptMatches.keys()].some((r) => asked.some((intent) => (concepts.profiles[r]?.get(intent) ?? 0) >= CLEAR_CONCEPT)) ? asked : [];
    // A keyword found accounts for its characters: only the rest of the message may name a topic by one of them.
    const unexplained = [...keywordHits.values()].reduce((rest, hit) => (hit.fuzzy ? rest : rest.split(normalizeKeyword(hit.keyword)).join(' ')), analyzed.normalized);
    const characterHits = topicCharacters.match(unexplained);
    const intentScores = new Map<number, IntentScore>(index.score(analyzed, [...keywordHits.keys(), ...conceptMatches.keys(), ...characterHits.keys()]).map((score) => [score.ruleIndex, score]));
    const ruleIndexes = new Set([...keywordHits.keys(), ...intentScores.keys(), ...conceptMatches.keys(), ...characterHits.keys()]);
    // The team already answered this very wording with a rule: the other rules step back.
    const taughtFor = new Set<number>();
    for (const score of intentScores.values()) {
      const rule = rules[score.ruleIndex] as SuggestionRule;
      if (score.bestExemplar <= rule.examples.length || score.best < tuning.learnedShare * LIKELY_SAME_WORDING) continue;
      const taught = documents[score.ruleIndex]?.learned?.[score.bestExemplar - rule.examples.length - 1];
      if (taught !== undefined && wordingCosine(taught.features, analyzed.features) >= SAME_PHRASING) taughtFor.add(score.ruleIndex);
    }
    // Small rule sets: every reply may propose its rule; large ones: only rules other evidence found are checked.
    const replyMatches = rules.length <= REPLY_SEARCH_UP_TO ? replies.score(analyzed, ruleIndexes, rules.length) : replies.scoreRules(analyzed, ruleIndexes);
    const replyScores = new Map<number, number>(replyMatches.map((score) => [score.ruleIndex, Math.max(score.best / tuning.replySaturation, score.coverage / tuning.replyCoverageFullAt)]));
    for (const ruleIndex of replyScores.keys()) ruleIndexes.add(ruleIndex);

    const candidates: Candidate[] = [];
    for (const ruleIndex of ruleIndexes) {
      const hit = keywordHits.get(ruleIndex);
      const intentScore = intentScores.get(ruleIndex);
      const concept = conceptMatches.get(ruleIndex);
      // A keyword other rules also speak of ("睡袋" in a shop whose rental, care and warmth rules all do)
      // names what the message is about, not what it asks.
      const shared = hit !== undefined && spokenElsewhere(ruleIndex, hit.keyword) >= tuning.keywordSharedFrom;
      const keyword = Math.min(0.99, (hit?.strength ?? 0) * tuning.keywordScale * (shared ? tuning.sharedKeywordShare : 1));
      const intent = intentScore === undefined ? 0 : intentStrength(intentScore);
      const reply = tuning.replyWeight * Math.min(1, replyScores.get(ruleIndex) ?? 0);
      const topicCharacter = hit === undefined ? characterHits.get(ruleIndex) : undefined;
      const character = topicCharacter === undefined ? 0 : tuning.topicCharacterWeight;
      const combined = 1 - (1 - keyword) * (1 - character) * (1 - intent) * (1 - (concept?.score ?? 0) * tuning.conceptWeight) * (1 - reply);
      // The team's answer to this very wording outweighs what the built-in knowledge thinks it is about.
      const taught = taughtFor.has(ruleIndex);
      const taughtElsewhere = taughtFor.size > 0 && !taught ? tuning.otherThanTaughtShare : 1;
      const share = taught ? 1 : relevance(ruleIndex, signals, concept, clearestConcept, focus);
      const score = combined * share * rejections.share(ruleIndex, analyzed, tuning.rejectedShare) * taughtElsewhere;
      const { matchedBy, evidence } = explain(hit, keyword, topicCharacter, intent, concept, ruleIndex, intentScore?.bestExemplar ?? 0);
      const reason =
        evidence.kind === 'keyword'
          ? `matched 「${evidence.text}」${evidence.approximate ? ' (approximately)' : ''}`
          : evidence.kind === 'concept'
            ? `like 「${evidence.text}」`
            : `similar to 「${evidence.text}」`;
      candidates.push({ ruleIndex, score, matchedBy, reason, evidence });
    }
    candidates.sort((a, b) => b.score - a.score || a.ruleIndex - b.ruleIndex);

    const best = candidates[0];
    if (best === undefined || best.score < floor.min) return [];
    const chosen = floor.secondTier
      ? withAlternatives(candidates, settings.maxSuggestions, tuning.secondTierMinScore)
      : candidates.filter((c, i) => i === 0 || (c.score >= floor.alternativeMin && c.score >= best.score * floor.alternativeRatio)).slice(0, settings.maxSuggestions);
    return chosen.map((c) => ({
      ruleId: (rules[c.ruleIndex] as SuggestionRule).id,
      score: round2(c.score),
      matchedBy: c.matchedBy,
      reason: c.reason,
      evidence: c.evidence,
    }));
  }

  // Built on the first message with English words in it: the rules' own wording, which glosses must meet.
  let englishGlosses: EnglishGlosses | null = null;
  /**
   * English words read in Chinese, for a message the built-in intents do not read clearly (an English question
   * about the shop's own topic). A clear one keeps its words: a gloss adds the setting as well as the topic
   * ("update my delivery address" → 地址 would also meet the rule about the shop's address).
   */
  function withEnglishReadInChinese(folded: string): string {
    if (!/[a-z]{3}/.test(folded)) return folded;
    const [clearest] = readIntents(normalizeText(folded));
    // A clear intent some rule answers keeps the message's own words; one no rule answers ("does the colour
    // fade" in a shop with no rule about shades) says nothing about this shop, so the words are read.
    if (clearest !== undefined && clearest.score >= GLOSS_UNLESS_INTENT && concepts.isAnswered(clearest.intent)) return folded;
    if (englishGlosses === null) {
      const keywordText = keywordSources.map((source) => source.normalized).join('\n');
      englishGlosses = new EnglishGlosses(`${rules.flatMap((_rule, ruleIndex) => ownTexts(ruleIndex)).join('\n')}\n${keywordText}`, keywordText);
    }
    const glosses = englishGlosses.of(folded);
    return glosses.length === 0 ? folded : `${folded} ${glosses.join(' ')}`;
  }

  function analyze(text: string): { act: DialogueAct; suggestions: Suggestion[] } {
    // Case, width and script are folded once here; every later step would otherwise repeat it. What it does
    // is read from the customer's own words; what it is about also from their English words read in Chinese.
    const own = foldScript(text);
    const reading = readDialogueAct(own);
    const { act, certain } = reading;
    // A statement no cue could read ("燈才用三個月就一直閃", "魚一直在石頭上磨身體") is, in a shop's inbox, most
    // often a problem told plainly: it is ranked like a complaint. Social talk has cues and gets nothing.
    if (!readingAsksShop(reading)) return { act, suggestions: [] };
    const folded = withEnglishReadInChinese(own);
    // A question, request or complaint asks the shop for something: rank the closest answers rather than
    // leave the agent with nothing (auto-send still needs a confident keyword match).
    // The places after the first are filled from the second tier (alternatives.ts) unless a caller set its
    // own alternative floors.
    const secondTier = options.minAlternativeScore === undefined && options.alternativeRatio === undefined;
    const floor = { min: settings.minScore, alternativeMin: settings.minAlternativeScore, alternativeRatio: settings.alternativeRatio, secondTier };
    // … but only from a clearer match than a question needs: unread small talk must not get a weak guess.
    // A plain one (no trouble told, no bare topic) is most likely small talk: only a clear match answers it, and
    // only by the words the knowledge has (no wording model).
    const plain = !certain && reading.plain === true;
    const unreadMin = plain ? tuning.plainStatementMinScore : tuning.unreadStatementMinScore;
    return { act, suggestions: rank(folded, certain ? floor : { ...floor, min: unreadMin }, certain ? act : 'complaint', plain) };
  }

  return { suggest: (text) => analyze(text).suggestions, analyze, ruleCount: rules.length };
}
