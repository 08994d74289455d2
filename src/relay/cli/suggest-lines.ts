import type { SuggestionEngine } from '../../shared/suggestions/engine';

/** What the CLI prints for one input line. */
export interface SuggestLineResult {
  /** Exactly the JSON line to print. */
  readonly output: string;
  /** Human-readable problem with the input line, for stderr (undefined when the line was fine). */
  readonly error?: string;
}

function describeBadLine(line: string): string | { text: string } {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch (error) {
    return `not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'expected a JSON object with a "text" field';
  const text = (data as { text?: unknown }).text;
  if (typeof text !== 'string') return 'missing string field "text"';
  return { text };
}

/**
 * Answers one line of the CLI's JSONL input. Blank lines return null (no output). A bad line still
 * produces an output line, so output line N always belongs to input (non-blank) line N.
 */
export function answerLine(engine: SuggestionEngine, rawLine: string, lineNumber: number): SuggestLineResult | null {
  const line = rawLine.replace(/^\uFEFF/, '').replace(/\r$/, '');
  if (line.trim() === '') return null;
  const parsed = describeBadLine(line);
  if (typeof parsed === 'string') {
    const error = `line ${lineNumber}: ${parsed}`;
    return { output: JSON.stringify({ suggestions: [], error }), error };
  }
  const suggestions = engine.suggest(parsed.text).map(({ ruleId, score, matchedBy }) => ({ ruleId, score, matchedBy }));
  return { output: JSON.stringify({ suggestions }) };
}

export const SUGGEST_USAGE = `Usage: npm run --silent suggest -- --rules rules.json < messages.jsonl

Reads one JSON object per line with a "text" field and prints one line per message:
  {"suggestions":[{"ruleId":"…","score":0.93,"matchedBy":"keyword"|"intent"}]}
Exit codes: 0 ok, 1 some input lines were bad (each got an "error" line), 2 usage or rules file error.`;

/** Parses `--rules FILE` / `--rules=FILE`; returns the file or an error message. */
export function parseSuggestArgs(argv: readonly string[]): { rulesFile: string } | { error: string } {
  let rulesFile: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const inline = /^--rules=(.*)$/.exec(arg);
    if (inline !== null) rulesFile = inline[1];
    else if (arg === '--rules') {
      rulesFile = argv[i + 1];
      i += 1;
    } else return { error: `unexpected argument "${arg}"` };
  }
  if (rulesFile === undefined || rulesFile === '' || rulesFile.startsWith('--')) return { error: 'missing --rules FILE' };
  return { rulesFile };
}
