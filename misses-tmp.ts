import { readFileSync } from 'node:fs';
import { createSuggestionEngine } from './src/shared/suggestions/engine';
import { parseLabelledMessages } from './src/shared/suggestions/evaluation/dataset';
import { parseRulesFile } from './src/shared/suggestions/rules-schema';
import { classifyDialogueAct } from './src/shared/suggestions/dialogue-acts';
import { sharedIntentClassifier } from './src/shared/suggestions/intent-classifier';
const sets = process.argv.slice(2);
for (const name of sets) {
  const [rulesFile, setFile] = name === 'dev' ? ['resources/demo/rules.json', 'tests/fixtures/suggestions/dev-set.jsonl'] : [`tests/fixtures/suggestions/shops/${name}/rules.json`, `tests/fixtures/suggestions/shops/${name}/messages.jsonl`];
  const p = parseRulesFile(readFileSync(rulesFile, 'utf8')); if (!p.ok) throw 1;
  const e = createSuggestionEngine(p.rules);
  console.log('#', name);
  for (const m of parseLabelledMessages(readFileSync(setFile, 'utf8'))) {
    const got = e.suggest(m.text);
    const ok = m.expected.length === 0 ? got.length === 0 : got[0] !== undefined && m.expected.includes(got[0].ruleId);
    if (ok) continue;
    const ints = sharedIntentClassifier().classify(m.text).slice(0, 3).map((s) => `${s.intent}:${s.score.toFixed(2)}`).join(',');
    console.log(`${m.text} | exp=${m.expected.join(',') || '-'} | act=${classifyDialogueAct(m.text)} | got=${got.map((g) => `${g.ruleId}:${g.score}:${g.evidence.kind}`).join(' ')} | ${ints}`);
  }
}
