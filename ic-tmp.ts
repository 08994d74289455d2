import { sharedIntentClassifier } from './src/shared/suggestions/intent-classifier';
const t0 = performance.now();
const c = sharedIntentClassifier();
console.log('build ms', (performance.now()-t0).toFixed(0));
for (const t of ['寄送要另外付錢嗎','退貨的運費誰出','錢什麼時候會退給我','我的東西現在到哪裡了','可以分期嗎','不想宅配 想去便利商店拿','打開以後放多久會壞','我膚色偏黃 哪個顏色比較自然','面膜要敷幾分鐘','有沒有折價的代碼','用半年就不能充了 還在保內嗎','出國可以帶著搭飛機嗎']) {
  const t1 = performance.now();
  const r = c.classify(t);
  console.log(t, (performance.now()-t1).toFixed(2), r.slice(0,4).map(s=>`${s.intent}:${s.score.toFixed(2)}${s.cue?'('+s.cue+')':''}`).join(' '));
}
