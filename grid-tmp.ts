import { readFileSync } from 'node:fs';
import { createSuggestionEngine } from './src/shared/suggestions/engine';
import { parseLabelledMessages } from './src/shared/suggestions/evaluation/dataset';
import { measureAccuracy } from './src/shared/suggestions/evaluation/metrics';
import { parseRulesFile } from './src/shared/suggestions/rules-schema';
const sets = ['dev', 'cosmetics', 'gadgets'].map((name) => {
  const [rf, sf] = name === 'dev' ? ['resources/demo/rules.json', 'tests/fixtures/suggestions/dev-set.jsonl'] : [`tests/fixtures/suggestions/shops/${name}/rules.json`, `tests/fixtures/suggestions/shops/${name}/messages.jsonl`];
  const p = parseRulesFile(readFileSync(rf, 'utf8')); if (!p.ok) throw 1;
  return { name, rules: p.rules, msgs: parseLabelledMessages(readFileSync(sf, 'utf8')) };
});
const rows: string[] = [];
for (const conceptWeight of [0.7, 0.85, 1]) for (const offIntentShare of [0.7, 0.85, 1]) for (const dominatedRuleShare of [0.6, 0.8]) for (const intentSaturation of [0.6, 0.7, 0.85]) {
  const r = sets.map((s) => { const e = createSuggestionEngine(s.rules, { tuning: { conceptWeight, offIntentShare, dominatedRuleShare, intentSaturation } }); return measureAccuracy(s.msgs, (t) => e.suggest(t).map((x) => x.ruleId)); });
  const t1 = r.reduce((a, x) => a + x.top1, 0) / 3, t3 = r.reduce((a, x) => a + x.top3, 0) / 3, f = r.reduce((a, x) => a + x.falseSuggestionRate, 0) / 3;
  rows.push(`${(t1*100).toFixed(1)} ${(t3*100).toFixed(1)} ${(f*100).toFixed(1)} cw=${conceptWeight} off=${offIntentShare} dom=${dominatedRuleShare} sat=${intentSaturation} | ${r.map(x=>(x.top1*100).toFixed(1)).join(' ')}`);
}
console.log(rows.sort().reverse().slice(0, 25).join('\n'));
