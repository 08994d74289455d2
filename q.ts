import { sharedIntentClassifier } from './src/shared/suggestions/intent-classifier';
const c = sharedIntentClassifier();
for (const t of ['運費與免運','運費','免運','運費多少','滿多少免運','超商取貨運費 60 元、宅配 90 元，全館滿 NT$990 免運喔！']) console.log(t, c.classify(t).map(s=>`${s.intent}:${s.score.toFixed(2)}${s.cue?'('+s.cue+')':''}`).join(' '));
