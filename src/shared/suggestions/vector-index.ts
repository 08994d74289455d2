import type { AnalyzedText } from './text-analyzer';

/** The texts of one rule as the index sees them. */
export interface RuleDocuments {
  /** Title and each example: compared one by one ("most similar example"). */
  readonly exemplars: readonly AnalyzedText[];
  /** All keywords together: only part of the rule's centroid. */
  readonly keywords: AnalyzedText;
  /**
   * Customer messages the team answered with this rule: compared one by one like examples (a little
   * weaker), but neither part of the centroid nor counted for IDF, so the shop's own words keep their weight.
   */
  readonly learned?: readonly AnalyzedText[];
}

export interface IntentScore {
  readonly ruleIndex: number;
  /** Cosine similarity to the rule's centroid (title + examples + keywords). */
  readonly centroid: number;
  /** Cosine similarity to the single most similar exemplar. */
  readonly best: number;
  /** Which exemplar of the rule was most similar (0 = title, then examples in order). */
  readonly bestExemplar: number;
  /**
   * Share of the message's weight (squared TF-IDF) found in one of the rule's own texts (title, examples),
   * learned messages left out. Unlike cosine it does not fall with the length of the rule's text: a long
   * reply that mentions what a short message asks covers it fully.
   */
  readonly coverage: number;
}

/** Compressed postings: for feature f, entries offsets[f] … offsets[f+1]-1 of docs/weights. */
interface Postings {
  readonly offsets: Uint32Array;
  readonly docs: Uint32Array;
  readonly weights: Float32Array;
}

function pack(lists: ReadonlyArray<Array<[number, number]>>): Postings {
  const offsets = new Uint32Array(lists.length + 1);
  let total = 0;
  lists.forEach((list, f) => {
    offsets[f] = total;
    total += list.length;
  });
  offsets[lists.length] = total;
  const docs = new Uint32Array(total);
  const weights = new Float32Array(total);
  lists.forEach((list, f) => {
    let at = offsets[f] as number;
    for (const [doc, weight] of list) {
      docs[at] = doc;
      weights[at] = weight;
      at += 1;
    }
  });
  return { offsets, docs, weights };
}

/**
 * The k-th largest of values[0 … length) (quickselect, in place): the shortlist's cutoff in linear time,
 * where sorting every touched rule cost most of a query at 1,000 rules.
 */
export function kthLargest(values: Float32Array, length: number, k: number): number {
  let low = 0;
  let high = length - 1;
  const target = k - 1; // index of the k-th largest in descending order
  while (low < high) {
    const pivot = values[(low + high) >>> 1] as number;
    let i = low;
    let j = high;
    while (i <= j) {
      while ((values[i] as number) > pivot) i += 1;
      while ((values[j] as number) < pivot) j -= 1;
      if (i <= j) {
        const swap = values[i] as number;
        values[i] = values[j] as number;
        values[j] = swap;
        i += 1;
        j -= 1;
      }
    }
    if (target <= j) high = j;
    else if (target >= i) low = i;
    else break;
  }
  return values[target] as number;
}

/**
 * TF-IDF vectors for every exemplar and every rule centroid in typed arrays; centroids are also stored as
 * inverted lists. A query touches only the postings of its own features, so its cost depends on how
 * common its n-grams are, not on the number of rules. IDF counts rules (not texts), so a word every rule uses weighs little.
 */
export class VectorIndex {
  private readonly featureIds = new Map<string, number>();
  private readonly idf: Float32Array;
  private readonly unknownIdf: number;
  private readonly centroidPostings: Postings;
  /** feature → rules with a learned message that has it: those rules are compared even if their own words share nothing. */
  private readonly learnedPostings: Postings;
  /** Exemplar vectors, row by row: features exemplarFeatures[exemplarOffsets[d] … exemplarOffsets[d+1]). */
  private readonly exemplarOffsets: Uint32Array;
  private readonly exemplarFeatures: Uint32Array;
  private readonly exemplarWeights: Float32Array;
  private readonly exemplarOrdinal: Uint32Array;
  /** 1 for a rule's own title and examples, `learnedShare` for learned messages. */
  private readonly exemplarFactor: Float32Array;
  /** 1 for a learned message: it counts fully only when the message is worded nearly like it. */
  private readonly exemplarLearned: Uint8Array;
  /** Exemplars of rule r are ruleExemplars[r] … ruleExemplars[r+1]-1. */
  private readonly ruleExemplars: Uint32Array;
  private readonly queryScratch: Float32Array;
  private readonly centroidScratch: Float32Array;
  /** Centroid similarities of the touched rules, for picking the shortlist without sorting them all. */
  private readonly selectScratch: Float32Array;

  /**
   * @param unknownDocumentFrequency document frequency assumed for a message feature no rule contains:
   *   such words (a product name, an unrelated topic) dilute the similarity, as they should.
   */
  /**
   * @param learnedFullAt cosine from which a learned message counts at `learnedShare`; below, its weight
   *   falls in proportion. A customer's message is one wording of one situation, not a description of the
   *   rule: a message that only resembles it (a neighbouring rule's topic in similar words) must not beat
   *   the rule's own title and examples, while a repeat of the same question is answered by it at once.
   * @param learnedFloor below this (cosine × learnedShare) a learned message does not count at all: sharing a
   *   word or two ("多少", "delivery") with what one customer once asked says nothing about the rule.
   */
  constructor(
    rules: readonly RuleDocuments[],
    unknownDocumentFrequency = 2,
    learnedShare = 1,
    private readonly learnedFullAt = 0,
    private readonly learnedFloor = 0,
  ) {
    const ruleCount = rules.length;
    const documentFrequency: number[] = [];
    const idOf = (key: string): number => {
      let id = this.featureIds.get(key);
      if (id === undefined) {
        id = this.featureIds.size;
        this.featureIds.set(key, id);
        documentFrequency.push(0);
      }
      return id;
    };
    for (const rule of rules) {
      const seen = new Set<number>();
      for (const text of [...rule.exemplars, rule.keywords]) for (const key of text.features.keys()) seen.add(idOf(key));
      for (const id of seen) documentFrequency[id] = (documentFrequency[id] as number) + 1;
      // Learned messages get feature ids (to be compared) but do not count for IDF.
      for (const text of rule.learned ?? []) for (const key of text.features.keys()) idOf(key);
    }
    this.idf = Float32Array.from(documentFrequency, (df) => Math.log(1 + ruleCount / Math.max(df, 1)));
    this.unknownIdf = Math.log(1 + Math.max(ruleCount, 1) / unknownDocumentFrequency);

    const centroidLists: Array<Array<[number, number]>> = Array.from({ length: this.featureIds.size }, () => []);
    const learnedLists: Array<Array<[number, number]>> = Array.from({ length: this.featureIds.size }, () => []);
    const exemplarOffsets: number[] = [0];
    const exemplarFeatures: number[] = [];
    const exemplarWeights: number[] = [];
    const exemplarOrdinal: number[] = [];
    const exemplarFactor: number[] = [];
    const exemplarLearned: number[] = [];
    const ruleExemplars: number[] = [];
    rules.forEach((rule, ruleIndex) => {
      ruleExemplars.push(exemplarOrdinal.length);
      const centroid = new Map<number, number>();
      const addToCentroid = (vector: Map<number, number>): void => {
        for (const [id, weight] of vector) centroid.set(id, (centroid.get(id) ?? 0) + weight);
      };
      const addExemplar = (text: AnalyzedText, ordinal: number, factor: number): Map<number, number> | null => {
        const vector = this.unitVector(text);
        if (vector.size === 0) return null;
        exemplarOrdinal.push(ordinal);
        exemplarFactor.push(factor);
        exemplarLearned.push(ordinal >= rule.exemplars.length ? 1 : 0);
        for (const [id, weight] of vector) {
          exemplarFeatures.push(id);
          exemplarWeights.push(weight);
        }
        exemplarOffsets.push(exemplarFeatures.length);
        return vector;
      };
      rule.exemplars.forEach((text, ordinal) => {
        const vector = addExemplar(text, ordinal, 1);
        if (vector) addToCentroid(vector);
      });
      const learnedFeatures = new Set<number>();
      (rule.learned ?? []).forEach((text, k) => {
        for (const id of addExemplar(text, rule.exemplars.length + k, learnedShare)?.keys() ?? []) learnedFeatures.add(id);
      });
      for (const id of learnedFeatures) (learnedLists[id] as Array<[number, number]>).push([ruleIndex, 1]);
      addToCentroid(this.unitVector(rule.keywords));
      const norm = Math.sqrt([...centroid.values()].reduce((sum, w) => sum + w * w, 0));
      if (norm === 0) return;
      for (const [id, weight] of centroid) (centroidLists[id] as Array<[number, number]>).push([ruleIndex, weight / norm]);
    });
    ruleExemplars.push(exemplarOrdinal.length);
    this.centroidPostings = pack(centroidLists);
    this.learnedPostings = pack(learnedLists);
    this.exemplarOffsets = Uint32Array.from(exemplarOffsets);
    this.exemplarFeatures = Uint32Array.from(exemplarFeatures);
    this.exemplarWeights = Float32Array.from(exemplarWeights);
    this.exemplarOrdinal = Uint32Array.from(exemplarOrdinal);
    this.exemplarFactor = Float32Array.from(exemplarFactor);
    this.exemplarLearned = Uint8Array.from(exemplarLearned);
    this.ruleExemplars = Uint32Array.from(ruleExemplars);
    this.queryScratch = new Float32Array(this.featureIds.size);
    this.centroidScratch = new Float32Array(ruleCount);
    this.selectScratch = new Float32Array(ruleCount);
  }

  /**
   * Similarity of a message to the rules that could plausibly answer it. Centroid similarity comes from
   * the inverted lists for every rule sharing a feature; the (more expensive) best-example similarity is
   * then computed only for the `shortlist` rules closest by centroid plus any `alsoScore` rules (those a
   * keyword pointed at), straight from their stored vectors.
   */
  score(message: AnalyzedText, alsoScore: Iterable<number> = [], shortlist = 64): IntentScore[] {
    const { query, norm } = this.loadQuery(message);
    if (query.length === 0) return [];

    const touchedRules: number[] = [];
    const { offsets, docs, weights } = this.centroidPostings;
    for (const id of query) {
      const value = this.queryScratch[id] as number;
      for (let p = offsets[id] as number, end = offsets[id + 1] as number; p < end; p += 1) {
        const rule = docs[p] as number;
        if (this.centroidScratch[rule] === 0) touchedRules.push(rule);
        this.centroidScratch[rule] = (this.centroidScratch[rule] as number) + value * (weights[p] as number);
      }
    }

    let cutoff = 0;
    if (touchedRules.length > shortlist) {
      const values = this.selectScratch;
      touchedRules.forEach((rule, i) => {
        values[i] = this.centroidScratch[rule] as number;
      });
      cutoff = kthLargest(values, touchedRules.length, shortlist);
    }
    const chosen = new Set<number>(alsoScore);
    for (const rule of touchedRules) if ((this.centroidScratch[rule] as number) >= cutoff) chosen.add(rule);
    const learned = this.learnedPostings;
    for (const id of query) for (let p = learned.offsets[id] as number, end = learned.offsets[id + 1] as number; p < end; p += 1) chosen.add(learned.docs[p] as number);

    const results: IntentScore[] = [];
    for (const rule of chosen) results.push(this.bestExemplarOf(rule, norm));
    for (const rule of touchedRules) this.centroidScratch[rule] = 0;
    for (const id of query) this.queryScratch[id] = 0;
    return results.sort((a, b) => a.ruleIndex - b.ruleIndex);
  }

  /**
   * Best-example similarity for the given rules only, without walking the inverted lists (centroid 0):
   * for a second kind of evidence about rules other evidence already found, at a cost independent of how
   * many rules share the message's common words.
   */
  scoreRules(message: AnalyzedText, rules: Iterable<number>): IntentScore[] {
    const { query, norm } = this.loadQuery(message);
    if (query.length === 0) return [];
    const results: IntentScore[] = [];
    for (const rule of rules) {
      const score = this.bestExemplarOf(rule, norm);
      if (score.best > 0) results.push(score);
    }
    for (const id of query) this.queryScratch[id] = 0;
    return results;
  }

  /** Writes the message's TF-IDF weights into queryScratch (the caller clears them) and returns its norm. */
  private loadQuery(message: AnalyzedText): { query: number[]; norm: number } {
    let normSquared = 0;
    const query: number[] = [];
    for (const [key, weight] of message.features) {
      const id = this.featureIds.get(key);
      const value = weight * (id === undefined ? this.unknownIdf : (this.idf[id] as number));
      normSquared += value * value;
      if (id !== undefined) {
        query.push(id);
        this.queryScratch[id] = value;
      }
    }
    if (normSquared === 0 || query.length === 0) {
      for (const id of query) this.queryScratch[id] = 0;
      return { query: [], norm: 0 };
    }
    return { query, norm: Math.sqrt(normSquared) };
  }

  private bestExemplarOf(rule: number, norm: number): IntentScore {
    let best = 0;
    let bestExemplar = 0;
    let coverage = 0;
    for (let doc = this.ruleExemplars[rule] as number, last = this.ruleExemplars[rule + 1] as number; doc < last; doc += 1) {
      let dot = 0;
      let covered = 0;
      for (let f = this.exemplarOffsets[doc] as number, end = this.exemplarOffsets[doc + 1] as number; f < end; f += 1) {
        const value = this.queryScratch[this.exemplarFeatures[f] as number] as number;
        dot += value * (this.exemplarWeights[f] as number);
        covered += value * value;
      }
      if (this.exemplarLearned[doc] === 0 && covered > coverage) coverage = covered;
      dot *= this.exemplarFactor[doc] as number;
      if (this.exemplarLearned[doc] === 1 && norm > 0 && this.learnedFullAt > 0) {
        dot = dot / norm < this.learnedFloor ? 0 : dot * Math.min(1, dot / norm / this.learnedFullAt);
      }
      if (dot > best) {
        best = dot;
        bestExemplar = this.exemplarOrdinal[doc] as number;
      }
    }
    return { ruleIndex: rule, centroid: (this.centroidScratch[rule] as number) / norm, best: best / norm, bestExemplar, coverage: norm > 0 ? coverage / (norm * norm) : 0 };
  }

  private unitVector(text: AnalyzedText): Map<number, number> {
    const vector = new Map<number, number>();
    let normSquared = 0;
    for (const [key, weight] of text.features) {
      const id = this.featureIds.get(key);
      if (id === undefined) continue;
      const value = weight * (this.idf[id] as number);
      vector.set(id, value);
      normSquared += value * value;
    }
    const norm = Math.sqrt(normSquared);
    if (norm > 0) for (const [id, value] of vector) vector.set(id, value / norm);
    return vector;
  }
}
