/**
 * Which rules fill the places after the first when a message asks the shop for something (a question,
 * request or complaint). The first place is the best combined score and keeps its threshold; the places
 * after it are alternatives for the agent to pick from, so they are filled with the next candidates that
 * have any evidence at all rather than only those near the first. A rule about a shop's own topic (how
 * much coffee to a cup, a box for a gift) is often found by a few of its own words only, far below a
 * neighbour the built-in intents read with confidence (docs/decisions/0018-second-tier-alternatives.md).
 */
export interface RankedCandidate {
  readonly score: number;
}

/**
 * `ranked` is sorted by score, best first, and its first element already passed the first place's
 * threshold. Returns the first and, after it, up to `count − 1` candidates reaching `minScore`.
 */
export function withAlternatives<T extends RankedCandidate>(ranked: readonly T[], count: number, minScore: number): T[] {
  return ranked.filter((candidate, i) => i === 0 || candidate.score >= minScore).slice(0, count);
}
