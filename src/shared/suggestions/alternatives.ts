/**
 * Which rules fill the places after the first when a message asks the shop for something (a question,
 * request or complaint). The first place is the best combined score and keeps its threshold; the places
 * after it are alternatives for the agent to pick from, so they are filled with the closest candidates
 * that have any evidence at all, and one of them is the rule whose own words (keywords, examples, reply)
 * fit the message best (when the combined ranking left it out, it takes the last place). The built-in intents read the message in the words every shop uses; a rule about a
 * shop's own topic (roasting dates, brake pads) is found only by its own words, and a strong intent can
 * otherwise fill every place with its neighbours (docs/decisions/0018-second-tier-alternatives.md).
 */
export interface RankedCandidate {
  /** Combined evidence, built-in intents included (the ranking of the first place). */
  readonly score: number;
  /** Evidence from the rule's own words only: keywords, examples and title, reply. */
  readonly ownWords: number;
}

export interface AlternativeFloor {
  /** An alternative needs at least this combined score (any evidence at all). */
  readonly minScore: number;
  /** The rule found by its own words takes a place only from this own-words score. */
  readonly minOwnWords: number;
}

/**
 * `ranked` is sorted by score, best first, and its first element already passed the first place's
 * threshold. Returns up to `count` candidates: the first `count` by score, except that the last place goes
 * to the best candidate after the first by its own words when it is not among them already (and reaches
 * minOwnWords). The second place always stays with the second by score.
 */
export function withAlternatives<T extends RankedCandidate>(ranked: readonly T[], count: number, floor: AlternativeFloor): T[] {
  const eligible = ranked.filter((candidate, i) => i === 0 || candidate.score >= floor.minScore);
  const chosen = eligible.slice(0, count);
  let byOwnWords: T | undefined;
  for (const candidate of eligible.slice(1)) {
    if (candidate.ownWords >= floor.minOwnWords && (byOwnWords === undefined || candidate.ownWords > byOwnWords.ownWords)) byOwnWords = candidate;
  }
  if (byOwnWords !== undefined && count > 1 && !chosen.includes(byOwnWords)) chosen[chosen.length < count ? chosen.length : count - 1] = byOwnWords;
  return chosen;
}
