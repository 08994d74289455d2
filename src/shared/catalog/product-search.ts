import Fuse, { type Expression, type FuseOptionKey } from 'fuse.js';
import { toTaiwanTraditional } from '../suggestions/chinese-convert';
import type { Product } from './catalog-schema';

/**
 * Product search for the cart panel: agents type Chinese or English names, half-remembered spellings and SKUs,
 * sometimes with a Simplified-Chinese input method. One fuse.js index per catalog version (building it is the
 * expensive part); an exact or prefix SKU match always ranks first because an agent typing a code means it.
 */

export type ProductMatchField = 'sku' | 'variant' | 'name' | 'nameEn';

export interface ProductMatch {
  product: Product;
  /** 0 = perfect; SKU matches are 0 (exact) or 0.01 (prefix), fuzzy matches come after them. */
  score: number;
  matchedOn: ProductMatchField;
}

export interface ProductSearch {
  readonly size: number;
  search(query: string, limit?: number): ProductMatch[];
}

interface SearchRecord {
  product: Product;
  sku: string;
  name: string;
  nameEn: string;
  variantIds: string[];
}

const DEFAULT_LIMIT = 20;
/** Looser than fuse's 0.6 default so "襯衫" does not pull in every product with 衫, but "linnen" still finds linen. */
const FUZZY_THRESHOLD = 0.4;
const HAN = /\p{Script=Han}/u;
/** Share of a query word's bigrams a product must contain to be scored at all. */
const MIN_SHARED_GRAMS = 0.5;
/** Fuse scores at most this many prefiltered products per query (bounded time whatever the catalog size). */
const MAX_FUZZY_CANDIDATES = 200;

const FUSE_KEYS: FuseOptionKey<SearchRecord>[] = [
  { name: 'name', weight: 3 },
  { name: 'nameEn', weight: 2 },
  { name: 'sku', weight: 2 },
  { name: 'variantIds', weight: 1 },
];

const FIELD_OF_KEY: Record<string, ProductMatchField> = { sku: 'sku', variantIds: 'variant', name: 'name', nameEn: 'nameEn' };

/** Canonical form of product text: full-width → half-width (NFKC), lower case, single spaces. */
export function normalizeProductText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A query additionally goes Simplified → Traditional (catalogs are written in Traditional Chinese). */
export function normalizeProductQuery(query: string): string {
  const text = normalizeProductText(query);
  return HAN.test(text) ? toTaiwanTraditional(text) : text;
}

function recordOf(product: Product): SearchRecord {
  return {
    product,
    sku: normalizeProductText(product.sku),
    name: normalizeProductText(product.name),
    nameEn: normalizeProductText(product.nameEn ?? ''),
    variantIds: product.variants.map((variant) => normalizeProductText(variant.id)),
  };
}

/** Exact SKU (or variant id) first, then SKU prefixes in catalog order. */
function skuMatches(records: readonly SearchRecord[], query: string): ProductMatch[] {
  const exact: ProductMatch[] = [];
  const prefix: ProductMatch[] = [];
  for (const record of records) {
    if (record.sku === query) exact.push({ product: record.product, score: 0, matchedOn: 'sku' });
    else if (record.variantIds.includes(query)) exact.push({ product: record.product, score: 0, matchedOn: 'variant' });
    else if (record.sku.startsWith(query)) prefix.push({ product: record.product, score: 0.01, matchedOn: 'sku' });
  }
  return [...exact, ...prefix];
}

/**
 * Unigram + bigram postings over every searchable field. Fuse scores well but reads every record on every
 * keystroke (~25 ms for 5,000 products); this prefilter hands it only the products that share at least half of
 * each query word's bigrams, which keeps typo tolerance ("linnen" shares 4 of 5 with "linen") at a fraction of
 * the cost.
 */
class GramIndex {
  private readonly postings = new Map<string, number[]>();
  private readonly lengths: number[] = [];

  constructor(texts: readonly string[]) {
    texts.forEach((text, index) => {
      this.lengths.push(text.length);
      for (const gram of gramsOf(text, true)) {
        const list = this.postings.get(gram);
        if (list) list.push(index);
        else this.postings.set(gram, [index]);
      }
    });
  }

  /** Records matching every word well enough, most shared grams first, then shortest text (a closer match). */
  candidates(words: readonly string[], max: number): number[] {
    let kept: Map<number, number> | null = null;
    for (const word of words) {
      const grams = gramsOf(word, Array.from(word).length === 1);
      const needed = Math.max(1, Math.ceil(grams.length * MIN_SHARED_GRAMS));
      const shared = new Map<number, number>();
      for (const gram of grams) {
        for (const index of this.postings.get(gram) ?? []) shared.set(index, (shared.get(index) ?? 0) + 1);
      }
      const next = new Map<number, number>();
      for (const [index, count] of shared) {
        if (count < needed) continue;
        const before: number | undefined = kept === null ? 0 : kept.get(index);
        if (before !== undefined) next.set(index, before + count);
      }
      kept = next;
      if (kept.size === 0) return [];
    }
    return [...(kept ?? new Map<number, number>())]
      .sort((a, b) => b[1] - a[1] || this.lengths[a[0]]! - this.lengths[b[0]]! || a[0] - b[0])
      .slice(0, max)
      .map(([index]) => index);
  }
}

/** Of each word: its bigrams, plus its single characters when `withUnigrams` (one-character queries like 衫). */
function gramsOf(text: string, withUnigrams: boolean): string[] {
  const grams = new Set<string>();
  for (const word of text.split(' ')) {
    const chars = Array.from(word);
    for (let i = 0; i < chars.length; i += 1) {
      if (withUnigrams || chars.length === 1) grams.add(chars[i]!);
      if (i + 1 < chars.length) grams.add(chars[i]! + chars[i + 1]!);
    }
  }
  return [...grams];
}

export function createProductSearch(products: readonly Product[]): ProductSearch {
  const records = products.map(recordOf);
  const options = {
    keys: FUSE_KEYS,
    threshold: FUZZY_THRESHOLD,
    ignoreLocation: true,
    includeScore: true,
    includeMatches: true,
  };
  // The fuse.js index is built once; each query searches the subset of its records the prefilter kept.
  const fuseIndex = Fuse.createIndex(FUSE_KEYS, records).toJSON();
  const grams = new GramIndex(records.map((record) => [record.name, record.nameEn, record.sku, ...record.variantIds].join(' ')));

  function fuzzySearch(query: string, limit: number) {
    const words = query.split(' ');
    const candidates = grams.candidates(words, MAX_FUZZY_CANDIDATES);
    if (candidates.length === 0) return [];
    const subset = Fuse.parseIndex<SearchRecord>({ keys: fuseIndex.keys, records: candidates.map((index) => fuseIndex.records[index]!) });
    const fuse = new Fuse(records, options, subset);
    // Every word must match some field (fuzzily), so "linnen shirt" finds "Linen Relaxed Shirt".
    const expression: Expression = {
      $and: words.map((word) => ({ $or: Object.keys(FIELD_OF_KEY).map((key) => ({ [key]: word })) })),
    };
    return fuse.search(expression, { limit });
  }

  return {
    size: records.length,
    search(rawQuery, limit = DEFAULT_LIMIT) {
      const query = normalizeProductQuery(rawQuery);
      if (query === '' || limit <= 0) return [];
      const first = skuMatches(records, query).slice(0, limit);
      // A complete code means that product: look-alike codes (AC-130 → AC-101) would only be noise.
      if (first.some((match) => match.score === 0)) return first;
      const seen = new Set(first.map((match) => match.product.sku));
      const fuzzy: ProductMatch[] = [];
      for (const result of fuzzySearch(query, limit + first.length)) {
        if (seen.has(result.item.product.sku)) continue;
        const key = result.matches?.[0]?.key ?? 'name';
        fuzzy.push({ product: result.item.product, score: Math.max(0.02, result.score ?? 1), matchedOn: FIELD_OF_KEY[key] ?? 'name' });
      }
      return [...first, ...fuzzy].slice(0, limit);
    },
  };
}
