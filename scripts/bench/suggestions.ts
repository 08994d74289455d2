/**
 * Speed of the suggestion engine with 1,000 rules against fuse.js over all keywords, same run, same
 * messages (the dev set). Usage: npx tsx scripts/bench/suggestions.ts [--rules N] [--rounds N]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { createSuggestionEngine } from '../../src/shared/suggestions/engine';
import { parseLabelledMessages } from '../../src/shared/suggestions/evaluation/dataset';
import { createFuseKeywordBaseline } from '../../src/shared/suggestions/evaluation/fuse-baseline';
import { parseRulesFile, type SuggestionRule } from '../../src/shared/suggestions/rules-schema';
import { seededRandom } from '../lib/seeded-random';

const root = path.resolve(__dirname, '../..');
const argValue = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const RULE_COUNT = argValue('--rules', 1000);
const ROUNDS = argValue('--rounds', 5);

const PRODUCTS = ['碎花洋裝', '針織外套', '牛仔寬褲', '亞麻襯衫', '羊毛大衣', '百褶裙', '棉質T恤', '西裝外套', '連帽上衣', '運動內衣', '托特包', '帆布鞋', 'linen shirt', 'denim jacket', 'wool coat'];
const SERIES = ['春夏', '秋冬', '限定', '聯名', '經典', '新品', 'basic', 'premium'];
const SYLLABLES = ['安', '柏', '晴', '悠', '芮', '禾', '沐', '澄', '瑀', '葳', '璟', '妍', 'ka', 'lo', 'mi', 'ra', 'su'];

/** Demo rules plus variations: product- and series-specific copies with their own made-up names. */
function syntheticRules(base: readonly SuggestionRule[], count: number): SuggestionRule[] {
  const random = seededRandom(20261122);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const rules: SuggestionRule[] = [...base];
  for (let i = rules.length; i < count; i += 1) {
    const template = pick(base);
    const product = pick(PRODUCTS);
    const name = `${pick(SYLLABLES)}${pick(SYLLABLES)}${pick(SYLLABLES)}`;
    const series = pick(SERIES);
    rules.push({
      id: `${template.id}-${i}`,
      title: `${series}${product}${name}：${template.title}`,
      keywords: [...template.keywords.slice(0, 4), `${name}${product}`, `${series}${name}`],
      examples: template.examples.map((example, k) => (k % 2 === 0 ? `${product}${name} ${example}` : `${example}（${series}款）`)),
      reply: template.reply,
      ...(template.autoSend === undefined ? {} : { autoSend: template.autoSend }),
    });
  }
  return rules;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/**
 * Wall-clock time per message, and the process's CPU time for the same calls: on the shared machine the
 * wall clock also counts the time other processes held the CPU (preemption), the CPU time does not.
 */
function timePerMessage(messages: readonly string[], suggest: (text: string) => unknown, rounds: number): { wall: number[]; cpu: number[] } {
  for (const text of messages) suggest(text); // warm-up: JIT, caches, lazy dictionaries
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const text of messages) {
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      suggest(text);
      wall.push(Number(process.hrtime.bigint() - start) / 1e6);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
}

const demo = parseRulesFile(readFileSync(path.join(root, 'resources/demo/rules.json'), 'utf8'));
if (!demo.ok) throw new Error(demo.errors.map((e) => e.message).join('\n'));
const rules = syntheticRules(demo.rules, RULE_COUNT);
const messages = parseLabelledMessages(readFileSync(path.join(root, 'tests/fixtures/suggestions/dev-set.jsonl'), 'utf8')).map((m) => m.text);

const coldStart = process.hrtime.bigint();
createSuggestionEngine(rules);
const coldMs = Number(process.hrtime.bigint() - coldStart) / 1e6;
const buildSamples: number[] = [];
let engine = createSuggestionEngine(rules);
for (let i = 0; i < 3; i += 1) {
  const start = process.hrtime.bigint();
  engine = createSuggestionEngine(rules);
  buildSamples.push(Number(process.hrtime.bigint() - start) / 1e6);
}
const fuseStart = process.hrtime.bigint();
const fuse = createFuseKeywordBaseline(rules);
const fuseBuildMs = Number(process.hrtime.bigint() - fuseStart) / 1e6;

const ourTimes = timePerMessage(messages, (text) => engine.suggest(text), ROUNDS);
const theirTimes = timePerMessage(messages, fuse, Math.max(1, Math.ceil(ROUNDS / 5)));
const ours = ourTimes.wall;
const theirs = theirTimes.wall;
const fmt = (ms: number): string => `${ms.toFixed(3)} ms`;
const ourP95 = percentile(ours, 95);
const theirP95 = percentile(theirs, 95);
console.log(`machine load average (1 min): ${loadavg()[0]?.toFixed(1)} on 2 cores`);
console.log(`rules: ${rules.length} (${demo.rules.length} demo + synthetic), keywords: ${rules.reduce((n, r) => n + r.keywords.length, 0)}, messages: ${messages.length} × ${ROUNDS} rounds`);
console.log(`index build: ${fmt(Math.min(...buildSamples))} (first build in process, incl. loading the Simplified→Traditional dictionary: ${fmt(coldMs)}); fuse.js build: ${fmt(fuseBuildMs)}`);
console.log(`engine   per message: p50 ${fmt(percentile(ours, 50))}  p95 ${fmt(ourP95)}  max ${fmt(ours[ours.length - 1] as number)}`);
console.log(`fuse.js  per message: p50 ${fmt(percentile(theirs, 50))}  p95 ${fmt(theirP95)}  (over all ${rules.reduce((n, r) => n + r.keywords.length, 0)} keywords)`);
console.log(`speed ratio: p50 ${(percentile(theirs, 50) / percentile(ours, 50)).toFixed(0)}×, p95 ${(theirP95 / ourP95).toFixed(0)}× faster`);
// CPU time has the operating system's accounting granularity: its p50 may read 0 for sub-tick calls.
const ourCpuP95 = percentile(ourTimes.cpu, 95);
console.log(
  `CPU time per message (excludes waiting for the shared CPU): engine p95 ${fmt(ourCpuP95)}, mean ${fmt(ourTimes.cpu.reduce((a, b) => a + b, 0) / ourTimes.cpu.length)}; fuse.js p95 ${fmt(percentile(theirTimes.cpu, 95))}, mean ${fmt(theirTimes.cpu.reduce((a, b) => a + b, 0) / theirTimes.cpu.length)}`,
);
console.log(`goals: p95 ≤ 1 ms ${ourP95 <= 1 ? 'met' : 'NOT met'}; ≥ 50× ${theirP95 / ourP95 >= 50 ? 'met' : 'NOT met'}; build < 1 s ${Math.min(...buildSamples) < 1000 ? 'met' : 'NOT met'}`);
