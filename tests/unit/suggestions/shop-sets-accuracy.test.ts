import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSuggestionEngine } from '../../../src/shared/suggestions/engine';
import { parseLabelledMessages } from '../../../src/shared/suggestions/evaluation/dataset';
import { measureAccuracy } from '../../../src/shared/suggestions/evaluation/metrics';
import { parseRulesFile, type SuggestionRule } from '../../../src/shared/suggestions/rules-schema';

const shops = path.resolve(__dirname, '../../fixtures/suggestions/shops');

function load(folder: string) {
  const parsed = parseRulesFile(readFileSync(path.join(shops, folder, 'rules.json'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return { rules: parsed.rules, messages: parseLabelledMessages(readFileSync(path.join(shops, folder, 'messages.jsonl'), 'utf8')) };
}

const ids = (rules: readonly SuggestionRule[]) => new Set(rules.map((rule) => rule.id));

/**
 * Shop types other than the demo's. Tuning sets must meet the product targets (coffee & tea and the florist
 * fall short, see below); the sealed sets are never tuned on, so their guard sits below what was measured
 * (docs/suggestions.md) and only catches regressions.
 */
const SETS = [
  { folder: 'cosmetics', top1: 0.85, top3: 0.95, falseRate: 0.1 },
  { folder: 'gadgets', top1: 0.85, top3: 0.95, falseRate: 0.1 },
  { folder: 'gift-boxes', top1: 0.85, top3: 0.95, falseRate: 0.1 },
  { folder: 'pet-supplies', top1: 0.85, top3: 0.95, falseRate: 0.1 },
  { folder: 'home-living', top1: 0.85, top3: 0.95, falseRate: 0.1 },
  { folder: 'cycling', top1: 0.85, top3: 0.95, falseRate: 0.1 },
  // Tuning since the third round; its top-3 is still short of the target (docs/suggestions.md).
  { folder: 'coffee-tea', top1: 0.85, top3: 0.92, falseRate: 0.1 },
  // Sealed in the third and fourth rounds, tuning since the fifth.
  { folder: 'fruit-farm', top1: 0.85, top3: 0.95, falseRate: 0.1 },
  { folder: 'baby-kids', top1: 0.85, top3: 0.95, falseRate: 0.1 },
  // Written by another hand at the start of the fifth round for two shop types the engine had never seen, and
  // measured once: florist 57.1 / 73.7 / 4.9 % (top-1 / top-3 / false), then tuned on; supplements 66.0 / 83.8 /
  // 8.3 %, sealed (never tuned on, its misses never listed), so its guard sits below what was measured and only
  // catches regressions. Both short of the targets: docs/suggestions.md.
  { folder: 'florist', top1: 0.76, top3: 0.9, falseRate: 0.1 },
  { folder: 'supplements', top1: 0.62, top3: 0.8, falseRate: 0.1 },
  // Written by another hand for two more shop types the engine had never seen, sealed and measured once (top-1 /
  // top-3 / false): bakery 64.6 / 86.0 / 5.7 %, eyewear 69.4 / 81.5 / 0.0 %. Guards below those catch regressions only.
  { folder: 'bakery', top1: 0.59, top3: 0.81, falseRate: 0.1 },
  { folder: 'eyewear', top1: 0.64, top3: 0.76, falseRate: 0.1 },
  // Written by another hand at the start of the sixth round, three more shop types never seen, measured once
  // (top-1 / top-3 / false): jewellery 59.9 / 79.7 / 6.5 %, camping 63.6 / 79.9 / 1.7 % (then tuned on by general
  // means only), music 54.6 / 76.9 / 7.2 % (sealed). Far from the targets; guards catch regressions only.
  { folder: 'jewellery', top1: 0.61, top3: 0.8, falseRate: 0.1 },
  { folder: 'camping', top1: 0.62, top3: 0.81, falseRate: 0.1 },
  // Music's false suggestions reached 10.1 % in the seventh round (statements no cue reads are ranked like a
  // problem report): just over the target, docs/suggestions.md.
  { folder: 'music', top1: 0.53, top3: 0.76, falseRate: 0.12 },
  // Written by another hand at the start of the seventh round, three more shop types never seen, measured once
  // (top-1 / top-3 / false): aquarium 61.2 / 75.2 / 8.3 %, car accessories 62.9 / 79.6 / 12.3 % (then tuned on by
  // general means only), pre-owned luxury 50.5 / 70.6 / 11.5 % (sealed; its false suggestions above the target
  // from the start, 13.1 % at the end of the round). Guards catch regressions only.
  { folder: 'aquarium', top1: 0.62, top3: 0.78, falseRate: 0.1 },
  { folder: 'caraccessories', top1: 0.6, top3: 0.82, falseRate: 0.1 },
  { folder: 'preowned', top1: 0.52, top3: 0.72, falseRate: 0.15 },
  // Eighth round, three more shop types by another hand, measured once with the engine as it was (top-1 / top-3 /
  // false): houseplants 67.8 / 86.7 / 7.5 %, custom printing 65.0 / 84.6 / 10.2 % (then tuned on by general means
  // only), a women's clothing boutique 74.2 / 89.3 / 6.0 % (sealed).
  { folder: 'plants', top1: 0.62, top3: 0.82, falseRate: 0.1 },
  { folder: 'printing', top1: 0.6, top3: 0.8, falseRate: 0.1 },
  { folder: 'clothing', top1: 0.68, top3: 0.85, falseRate: 0.1 },
  // Ninth round, three more by another hand, each rule with four examples as a careful owner writes them, measured
  // once with the engine as it was (top-1 / top-3 / false): a lifestyle goods store 75.7 / 91.6 / 7.2 %, small home
  // appliances 71.5 / 88.9 / 3.0 % (then tuned on by general means only), a shoe shop 66.4 / 88.8 / 6.6 % (sealed).
  { folder: 'lifestyle', top1: 0.74, top3: 0.9, falseRate: 0.1 },
  { folder: 'appliances', top1: 0.7, top3: 0.87, falseRate: 0.1 },
  { folder: 'shoes', top1: 0.6, top3: 0.83, falseRate: 0.1 },
  // Two more by another hand, each a shop whose 24 rules are all the ordinary topics (four examples each), the
  // neighbours a customer confuses being the point, measured once with the engine as it was at the start of the
  // round: everyday goods 73.0 / 87.1 / 5.8 % (then tuned on), fashion and accessories 75.0 / 90.3 / 13.0 % (sealed).
  { folder: 'general-a', top1: 0.86, top3: 0.93, falseRate: 0.1 },
  { folder: 'general-b', top1: 0.8, top3: 0.92, falseRate: 0.1 },
  // Tenth round, four more of that shape by other hands, measured once with the engine as the round began
  // (top-1 / top-3 / false): phone and computer accessories 77.5 / 91.6 / 2.8 %, snacks and festival gift boxes
  // 78.6 / 90.9 / 4.4 % (then tuned on), bedding 85.2 / 95.2 / 1.4 %, toys and picture books 84.9 / 97.4 / 4.3 % (sealed).
  { folder: 'general-c', top1: 0.84, top3: 0.93, falseRate: 0.1 },
  { folder: 'general-d', top1: 0.86, top3: 0.93, falseRate: 0.1 },
  { folder: 'general-e', top1: 0.88, top3: 0.95, falseRate: 0.1 },
  { folder: 'general-f', top1: 0.87, top3: 0.95, falseRate: 0.1 },
  // Eleventh round, two more by other hands, sealed and measured once with the engine as the round began:
  // kitchenware and tableware 87.9 / 95.0 / 2.9 %, stationery and art supplies 91.3 / 97.3 / 1.4 %. The guards of
  // the ordinary-rules shops were raised at the end of that round, still below what was measured (docs/suggestions.md).
  { folder: 'general-g', top1: 0.86, top3: 0.93, falseRate: 0.1 },
  { folder: 'general-h', top1: 0.88, top3: 0.95, falseRate: 0.1 },
];

describe('suggestions for shop types other than the demo’s', () => {
  it.each(SETS)('$folder: shaped like a new shop’s first hour (rules first, ≤ 4 examples, ≥ 200 messages, about 1 in 5 needing no answer)', ({ folder }) => {
    const { rules, messages } = load(folder);
    expect(rules.length).toBeGreaterThanOrEqual(20);
    expect(rules.length).toBeLessThanOrEqual(25);
    for (const rule of rules) expect(rule.examples.length).toBeLessThanOrEqual(4);
    expect(messages.length).toBeGreaterThanOrEqual(200);
    expect(messages.filter((m) => m.expected.length === 0).length / messages.length).toBeGreaterThanOrEqual(0.195);
    const known = ids(rules);
    for (const message of messages) for (const id of message.expected) expect(known.has(id), `${message.text} → ${id}`).toBe(true);
    const ruleTexts = new Set(rules.flatMap((rule) => [rule.title, ...rule.examples]));
    expect(messages.filter((m) => ruleTexts.has(m.text))).toEqual([]);
  });

  it.each(SETS)('$folder: top-1 ≥ $top1, top-3 ≥ $top3, false suggestions ≤ $falseRate', ({ folder, top1, top3, falseRate }) => {
    const { rules, messages } = load(folder);
    const engine = createSuggestionEngine(rules);
    const report = measureAccuracy(messages, (text) => engine.suggest(text).map((s) => s.ruleId));
    expect(report.top1).toBeGreaterThanOrEqual(top1);
    expect(report.top3).toBeGreaterThanOrEqual(top3);
    expect(report.falseSuggestionRate).toBeLessThanOrEqual(falseRate);
    // The first engine in a process loads the Simplified → Traditional dictionary: slow on a busy machine.
  }, 120_000);
});
