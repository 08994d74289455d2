/**
 * Product search in the cart panel: 5,000 generated clothing products, the fuse.js index of
 * src/shared/catalog/product-search.ts against a naive full scan with includes() over the same products, same
 * queries, same run. Usage: npx tsx scripts/bench/product-search.ts [--products N] [--rounds N]
 */
import Fuse from 'fuse.js';
import { productSchema, type Product } from '../../src/shared/catalog/catalog-schema';
import { createProductSearch, normalizeProductQuery } from '../../src/shared/catalog/product-search';
import { heading, ms, nowMs, seededRandom, summarize } from './stats';

const argValue = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const PRODUCT_COUNT = argValue('--products', 5000);
const ROUNDS = argValue('--rounds', 5);

const KINDS = [
  ['襯衫', 'Shirt', 'TS'], ['洋裝', 'Dress', 'DR'], ['牛仔褲', 'Jeans', 'PT'], ['針織衫', 'Knit', 'KN'], ['外套', 'Jacket', 'OT'],
  ['長裙', 'Skirt', 'SK'], ['托特包', 'Tote Bag', 'AC'], ['T恤', 'Tee', 'TE'], ['背心', 'Vest', 'VS'], ['圍巾', 'Scarf', 'SC'],
] as const;
const STYLES = [['棉麻', 'Linen'], ['法式', 'French'], ['復古', 'Vintage'], ['高腰', 'High-rise'], ['寬版', 'Relaxed'], ['條紋', 'Striped'], ['碎花', 'Floral'], ['純棉', 'Cotton']] as const;
const COLOURS = ['白', '黑', '霧藍', '杏', '卡其', '燕麥'];
const SIZES = ['S', 'M', 'L', 'XL'];

function generateCatalog(count: number): Product[] {
  const random = seededRandom(20261123);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: count }, (_, index) => {
    const [kind, kindEn, prefix] = pick(KINDS);
    const [style, styleEn] = pick(STYLES);
    const sku = `${prefix}-${String(index).padStart(5, '0')}`;
    const colours = [pick(COLOURS), pick(COLOURS)];
    return productSchema.parse({
      sku,
      name: `${style}${kind} ${index}`,
      nameEn: `${styleEn} ${kindEn} ${index}`,
      price: 290 + Math.floor(random() * 30) * 50,
      variants: colours.flatMap((color, c) => SIZES.map((size) => ({ id: `${sku}-${c}${size}`, color, size, stock: Math.floor(random() * 20) }))),
    });
  });
}

/** What a hurried agent types: names in both languages, Simplified input, a typo, SKUs and SKU prefixes. */
const QUERIES = ['襯衫', '碎花洋裝', '衬衫', '牛仔裤', 'linen', 'linnen shirt', 'floral dress', 'TS-00012', 'DR-0', 'tote', '托特包 42', 'ot-01234-1m'];

/** The naive way: lower-case every field of every product and test includes() (no index, no typo tolerance). */
function naiveScan(products: readonly Product[], rawQuery: string, limit: number): Product[] {
  const query = normalizeProductQuery(rawQuery);
  const found: Product[] = [];
  for (const product of products) {
    const fields = [product.sku, product.name, product.nameEn ?? '', ...product.variants.map((variant) => variant.id)];
    if (fields.some((field) => field.toLowerCase().includes(query))) {
      found.push(product);
      if (found.length >= limit) break;
    }
  }
  return found;
}

function timeQueries(run: (query: string) => unknown): number[] {
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const query of QUERIES) {
      const started = nowMs();
      run(query);
      samples.push(nowMs() - started);
    }
  }
  return samples;
}

heading(`product search: ${PRODUCT_COUNT.toLocaleString('en-US')} products, ${QUERIES.length} queries × ${ROUNDS} rounds`);
const products = generateCatalog(PRODUCT_COUNT);
const buildStarted = nowMs();
const index = createProductSearch(products);
console.log(`index build: ${ms(nowMs() - buildStarted)} (once per catalog version)`);
// Warm-up: the Simplified → Traditional dictionaries load on first use, in both arms.
for (const query of QUERIES) {
  index.search(query);
  naiveScan(products, query, 20);
}

const indexed = summarize(timeQueries((query) => index.search(query, 20)));
const naive = summarize(timeQueries((query) => naiveScan(products, query, 20)));
// The same fuse.js scoring without the bigram prefilter: what the prefilter saves.
const wholeFuse = new Fuse(products, { keys: ['name', 'nameEn', 'sku', 'variants.id'], threshold: 0.4, ignoreLocation: true });
const unfiltered = summarize(
  timeQueries((query) => {
    const words = normalizeProductQuery(query).split(' ');
    return wholeFuse.search({ $and: words.map((word) => ({ $or: ['name', 'nameEn', 'sku', 'variants.id'].map((key) => ({ [key]: word })) })) }, { limit: 20 });
  }),
);
console.log(`index (prefilter + fuse.js)  median ${ms(indexed.p50)}  p95 ${ms(indexed.p95)}  max ${ms(indexed.max)}`);
console.log(`naive includes() scan  median ${ms(naive.p50)}  p95 ${ms(naive.p95)}  max ${ms(naive.max)}`);
console.log(`fuse.js, no prefilter  median ${ms(unfiltered.p50)}  p95 ${ms(unfiltered.p95)}  max ${ms(unfiltered.max)}`);
console.log(`ratio (naive median ÷ index median): ${(naive.p50 / indexed.p50).toFixed(2)}× — the scan is faster but finds no typos`);
console.log(`ratio (unfiltered fuse.js median ÷ index median): ${(unfiltered.p50 / indexed.p50).toFixed(1)}×`);

let typoHits = 0;
let naiveTypoHits = 0;
for (const query of ['linnen shirt', 'florl dress', 'jaket']) {
  if (index.search(query, 20).length > 0) typoHits += 1;
  if (naiveScan(products, query, 20).length > 0) naiveTypoHits += 1;
}
console.log(`typo queries with results: index ${typoHits}/3, naive ${naiveTypoHits}/3`);
console.log(`one keystroke budget 16 ms (one frame): ${indexed.p95 <= 16 ? 'met' : 'NOT met'} at p95`);
