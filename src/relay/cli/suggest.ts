/**
 * Reply suggestions from the command line, for trying a rules file against real messages:
 *   npm run --silent suggest -- --rules rules.json < messages.jsonl
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createSuggestionEngine } from '../../shared/suggestions/engine';
import { parseRulesFile } from '../../shared/suggestions/rules-schema';
import { answerLine, parseSuggestArgs, SUGGEST_USAGE } from './suggest-lines';

async function main(): Promise<number> {
  const args = parseSuggestArgs(process.argv.slice(2));
  if ('error' in args) {
    process.stderr.write(`suggest: ${args.error}\n\n${SUGGEST_USAGE}\n`);
    return 2;
  }
  let rulesText: string;
  try {
    rulesText = readFileSync(args.rulesFile, 'utf8');
  } catch (error) {
    process.stderr.write(`suggest: cannot read rules file ${args.rulesFile}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const rules = parseRulesFile(rulesText);
  if (!rules.ok) {
    process.stderr.write(`suggest: rules file ${args.rulesFile} has ${rules.errors.length} problem(s):\n`);
    for (const error of rules.errors) process.stderr.write(`  ${error.message}\n`);
    return 2;
  }
  const engine = createSuggestionEngine(rules.rules);

  let badLines = 0;
  let lineNumber = 0;
  const input = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of input) {
    lineNumber += 1;
    const result = answerLine(engine, line, lineNumber);
    if (result === null) continue;
    if (result.error !== undefined) {
      badLines += 1;
      process.stderr.write(`suggest: ${result.error}\n`);
    }
    // Respect back-pressure so a large input piped to a slow reader does not pile up in memory.
    if (!process.stdout.write(`${result.output}\n`)) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
  }
  return badLines > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`suggest: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
