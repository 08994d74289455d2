/** One labelled text for training: its features (feature → weight, as the TextAnalyzer gives them) and its class. */
export interface LabelledFeatures {
  readonly label: number;
  readonly features: ReadonlyMap<string, number>;
}

export interface WordingModelOptions {
  /** Passes over the training texts (the reading is stable from about five). */
  readonly epochs?: number;
  /** AdaGrad's base step. */
  readonly rate?: number;
  /** L2 penalty per step: keeps a feature seen in one phrasing from deciding alone. */
  readonly l2?: number;
}

/**
 * Below this a class's error is too small for its weights to move: a class the model already rules out for a
 * text learns nothing from it. Most classes for most texts, so training is fast and the weights sparse (a tenth
 * of them non-zero) — and it reads held-out wordings better than updating every class (docs/decisions/0023).
 */
const NEGLIGIBLE_GRADIENT = 0.03;
const BIAS_RATE = 0.05;

/**
 * A discriminative reading of wording: multinomial logistic regression over the analyzer's features
 * (character n-grams, Latin words), trained with AdaGrad on labelled texts. Similarity to the nearest
 * phrasing recognises wordings close to one already written; this learns which n-grams tell a class from
 * its neighbours ("還沒影" tracking, "趕不趕" shipping time) and so reads wordings no phrasing has
 * (docs/decisions/0023). Training is deterministic: the same texts give the same weights.
 */
export class WordingModel {
  private readonly featureIndex = new Map<string, number>();
  /** weights[feature × classes + class]: one contiguous row per feature, read once per feature of a text. */
  private readonly weights: Float32Array;
  private readonly bias: Float64Array;

  constructor(
    readonly classes: number,
    examples: readonly LabelledFeatures[],
    options: WordingModelOptions = {},
  ) {
    const rows = examples.map((example) => ({ label: example.label, x: this.vector(example.features, true) }));
    this.weights = new Float32Array(this.featureIndex.size * classes);
    this.bias = new Float64Array(classes);
    this.train(rows, options.epochs ?? 6, options.rate ?? 0.5, options.l2 ?? 1e-5);
  }

  /** Probability of each class for a text's features (they sum to 1); features never seen in training are ignored. */
  probabilities(features: ReadonlyMap<string, number>): Float64Array {
    return this.predict(this.vector(features, false));
  }

  private predict(x: ReadonlyArray<readonly [number, number]>): Float64Array {
    const scores = Float64Array.from(this.bias);
    for (const [feature, value] of x) {
      const row = feature * this.classes;
      for (let c = 0; c < this.classes; c += 1) scores[c] = (scores[c] as number) + (this.weights[row + c] as number) * value;
    }
    return softmaxInPlace(scores);
  }

  /** Sparse, unit-length vector of known features (grow: new features get an index, for training). */
  private vector(features: ReadonlyMap<string, number>, grow: boolean): Array<readonly [number, number]> {
    const out: Array<readonly [number, number]> = [];
    let squared = 0;
    for (const [key, weight] of features) {
      let index = this.featureIndex.get(key);
      if (index === undefined) {
        if (!grow) continue;
        index = this.featureIndex.size;
        this.featureIndex.set(key, index);
      }
      out.push([index, weight]);
      squared += weight * weight;
    }
    const length = Math.sqrt(squared) || 1;
    return out.map(([index, weight]) => [index, weight / length] as const);
  }

  private train(rows: ReadonlyArray<{ label: number; x: ReadonlyArray<readonly [number, number]> }>, epochs: number, rate: number, l2: number): void {
    const accumulated = new Float32Array(this.weights.length).fill(1e-8);
    const order = rows.map((_row, i) => i);
    let seed = 1;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let epoch = 0; epoch < epochs; epoch += 1) {
      for (let i = order.length - 1; i > 0; i -= 1) {
        const k = Math.floor(random() * (i + 1));
        [order[i], order[k]] = [order[k] as number, order[i] as number];
      }
      for (const i of order) {
        const { label, x } = rows[i] as (typeof rows)[number];
        const p = this.predict(x);
        for (let c = 0; c < this.classes; c += 1) {
          const gradient = (p[c] as number) - (c === label ? 1 : 0);
          if (Math.abs(gradient) < NEGLIGIBLE_GRADIENT) continue;
          for (const [feature, value] of x) {
            const k = feature * this.classes + c;
            const step = gradient * value + l2 * (this.weights[k] as number);
            accumulated[k] = (accumulated[k] as number) + step * step;
            this.weights[k] = (this.weights[k] as number) - (rate * step) / Math.sqrt(accumulated[k] as number);
          }
          this.bias[c] = (this.bias[c] as number) - BIAS_RATE * gradient;
        }
      }
    }
  }
}

function softmaxInPlace(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const score of scores) if (score > max) max = score;
  let sum = 0;
  for (let c = 0; c < scores.length; c += 1) {
    scores[c] = Math.exp((scores[c] as number) - max);
    sum += scores[c] as number;
  }
  for (let c = 0; c < scores.length; c += 1) scores[c] = (scores[c] as number) / sum;
  return scores;
}
