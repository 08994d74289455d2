/**
 * Every number the engine's ranking depends on, in one place. The defaults were calibrated on the tuning
 * sets (docs/suggestions.md; never the sealed ones) by a coarse grid, choosing a point in a flat region
 * rather than the single best one, so that small wording changes do not flip results.
 */
export interface EngineTuning {
  /** Feature family weights before IDF. */
  readonly cjkUnigram: number;
  readonly cjkBigram: number;
  readonly cjkTrigram: number;
  readonly latinWord: number;
  readonly latinTrigram: number;
  readonly longNumber: number;
  readonly concept: number;
  /** Document frequency assumed for message features no rule has (they dilute similarity). */
  readonly unknownDocumentFrequency: number;
  /** Weight of the most similar single example against the rule centroid. */
  readonly bestExemplarShare: number;
  /** Cosine similarity at which intent alone counts as certain. */
  readonly intentSaturation: number;
  /** Multiplies every keyword strength (how much a keyword alone is worth). */
  readonly keywordScale: number;
  /** A keyword that at least this many other rules speak of in their titles, examples or replies … */
  readonly keywordSharedFrom: number;
  /** … counts at this share of its strength. */
  readonly sharedKeywordShare: number;
  /** How much a character only this rule's keywords have is worth (修 for 維修, topic-characters.ts). */
  readonly topicCharacterWeight: number;
  /** How much a shared built-in intent between message and rule is worth. */
  readonly conceptWeight: number;
  /** Share of its score a rule keeps when the message's clear intent dominates the rule's own. */
  readonly dominatedRuleShare: number;
  /** Share a rule keeps when other rules answer the message's clear intent and it does not. */
  readonly offIntentShare: number;
  /** A rule whose concept match is below this fraction of the clearest one answers the message's intent only in passing. */
  readonly answersInPassing: number;
  /** Share a rule keeps when the message asks for something (a frame) it does not answer and another rule does. */
  readonly offFocusShare: number;
  /** How close a learned message counts against a rule's own example (1 = the same). */
  readonly learnedShare: number;
  /** Similarity to a learned message from which it counts at learnedShare (below, proportionally less). */
  readonly learnedFullAt: number;
  /** Below this (similarity × learnedShare) a learned message does not count at all. */
  readonly learnedFloor: number;
  /** Share of its score every other rule keeps when the team answered this very wording with a rule. */
  readonly otherThanTaughtShare: number;
  /** Share of its score a rule keeps for a wording the team said "not this one" to. */
  readonly rejectedShare: number;
  /** How much similarity to a rule's reply is worth (the shop's own words about the topic). */
  readonly replyWeight: number;
  /** Cosine similarity to the reply at which that evidence is full. */
  readonly replySaturation: number;
  /**
   * … or the share of the message's weight (squared TF-IDF) the reply contains at which it is full: a long
   * reply that speaks of what a short message asks has a low cosine but covers the message.
   */
  readonly replyCoverageFullAt: number;
  /** A statement no dialogue-act cue reads is ranked like a complaint, from this score. */
  readonly unreadStatementMinScore: number;
  /** … and one that tells of no trouble and is no bare topic (most likely small talk) only from this score. */
  readonly plainStatementMinScore: number;
  /** For a question, request or complaint: the places after the first need at least this score (any evidence). */
  readonly secondTierMinScore: number;
}

export const DEFAULT_TUNING: EngineTuning = {
  cjkUnigram: 0.25,
  cjkBigram: 1,
  cjkTrigram: 0.7,
  latinWord: 1,
  latinTrigram: 0.25,
  longNumber: 0.5,
  concept: 2.5,
  unknownDocumentFrequency: 2,
  bestExemplarShare: 0.6,
  intentSaturation: 0.7,
  keywordScale: 1,
  keywordSharedFrom: 2,
  sharedKeywordShare: 0.7,
  topicCharacterWeight: 0.35,
  conceptWeight: 1,
  dominatedRuleShare: 0.8,
  offIntentShare: 0.85,
  offFocusShare: 0.8,
  answersInPassing: 0.5,
  rejectedShare: 0.4,
  learnedShare: 0.9,
  learnedFullAt: 0.6,
  learnedFloor: 0.5,
  otherThanTaughtShare: 0.8,
  replyWeight: 0.5,
  replyCoverageFullAt: 0.3,
  replySaturation: 0.5,
  unreadStatementMinScore: 0.3,
  plainStatementMinScore: 0.8,
  secondTierMinScore: 0.005,
};
