import { z } from 'zod';

/** One prepared answer and how to recognise the questions it answers. */
export const SuggestionRuleSchema = z.object({
  id: z.string().trim().min(1, 'id must be a non-empty string'),
  title: z.string().trim().min(1, 'title must be a non-empty string'),
  keywords: z.array(z.string().trim().min(1, 'keyword must be a non-empty string')),
  examples: z.array(z.string().trim().min(1, 'example must be a non-empty string')),
  reply: z.string().trim().min(1, 'reply must be a non-empty string'),
  /** The shop allows this answer to be sent without an agent when the match is a confident keyword match. */
  autoSend: z.boolean().optional(),
});

/**
 * Limits of a rules file (checked when a file is saved or loaded, not when a stored version is read back):
 * the suggestion bench runs at 1,000 rules, and LINE refuses text messages over 5,000 UTF-16 code units.
 */
export const RULES_LIMITS = {
  rules: 1000,
  /** The whole file as JSON text: what one save may cost the relay (each field's maximum alone would allow ~20 MB). */
  fileLength: 1_000_000,
  idLength: 64,
  titleLength: 100,
  replyLength: 5000,
  keywordsPerRule: 30,
  keywordLength: 40,
  examplesPerRule: 30,
  exampleLength: 200,
} as const;
export const MAX_RULES = RULES_LIMITS.rules;

const atMost = (what: string, max: number) => `${what} must have at most ${max.toLocaleString('en')} characters`;

const BoundedRuleSchema = SuggestionRuleSchema.extend({
  id: SuggestionRuleSchema.shape.id.max(RULES_LIMITS.idLength, atMost('id', RULES_LIMITS.idLength)),
  title: SuggestionRuleSchema.shape.title.max(RULES_LIMITS.titleLength, atMost('title', RULES_LIMITS.titleLength)),
  keywords: z
    .array(z.string().trim().min(1, 'keyword must be a non-empty string').max(RULES_LIMITS.keywordLength, atMost('keyword', RULES_LIMITS.keywordLength)))
    .max(RULES_LIMITS.keywordsPerRule, `at most ${RULES_LIMITS.keywordsPerRule} keywords per rule`),
  examples: z
    .array(z.string().trim().min(1, 'example must be a non-empty string').max(RULES_LIMITS.exampleLength, atMost('example', RULES_LIMITS.exampleLength)))
    .max(RULES_LIMITS.examplesPerRule, `at most ${RULES_LIMITS.examplesPerRule} examples per rule`),
  // LINE counts UTF-16 code units (zod's max counts code points), so `length` is checked directly.
  reply: SuggestionRuleSchema.shape.reply.refine(
    (reply) => reply.length <= RULES_LIMITS.replyLength,
    `${atMost('reply', RULES_LIMITS.replyLength)} (LINE's limit)`,
  ),
});

export const RulesFileSchema = z.object({
  rules: z.array(BoundedRuleSchema).max(RULES_LIMITS.rules, `at most ${RULES_LIMITS.rules.toLocaleString('en')} rules per file`),
});

export type SuggestionRule = z.infer<typeof SuggestionRuleSchema>;
export type RulesFile = z.infer<typeof RulesFileSchema>;

export interface RulesFileError {
  /** Where in the file, e.g. "rules[3].keywords[1]" ("" for the whole file). */
  readonly path: string;
  /** The id of the rule concerned, when it has a readable one. */
  readonly ruleId?: string;
  readonly message: string;
}

export type ParseRulesResult =
  | { readonly ok: true; readonly rules: SuggestionRule[] }
  | { readonly ok: false; readonly errors: RulesFileError[] };

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** 1-based line and column of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

function jsonErrorMessage(text: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  // V8's own position suffix is replaced by the line and column below.
  const detail = raw.replace(/ in JSON at position \d+.*$/s, '').replace(/ \(line \d+ column \d+\)$/, '');
  const position = /position (\d+)/.exec(raw);
  if (position?.[1] !== undefined) {
    const { line, column } = lineAndColumn(text, Number(position[1]));
    return `invalid JSON at line ${line}, column ${column}: ${detail}`;
  }
  const lineColumn = /line (\d+) column (\d+)/.exec(raw);
  if (lineColumn !== null) return `invalid JSON at line ${lineColumn[1]}, column ${lineColumn[2]}: ${detail}`;
  // Unexpected end of input: the problem is at the very end.
  const { line, column } = lineAndColumn(text, text.length);
  return `invalid JSON at line ${line}, column ${column}: ${detail}`;
}

function ruleIdAt(data: unknown, index: number): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const rules = (data as { rules?: unknown }).rules;
  if (!Array.isArray(rules)) return undefined;
  const rule: unknown = rules[index];
  if (typeof rule !== 'object' || rule === null) return undefined;
  const id = (rule as { id?: unknown }).id;
  // An over-long id is reported by its index only: messages never repeat an unbounded input.
  return typeof id === 'string' && id.trim() !== '' && id.length <= RULES_LIMITS.idLength ? id : undefined;
}

function describe(path: string, ruleId: string | undefined, message: string): string {
  const where = path === '' ? 'file' : path;
  return ruleId === undefined ? `${where}: ${message}` : `${where} (rule "${ruleId}"): ${message}`;
}

/** Checked on the raw data so a duplicate is reported together with any other problem. */
function duplicateIdErrors(data: unknown): RulesFileError[] {
  const rules = typeof data === 'object' && data !== null ? (data as { rules?: unknown }).rules : undefined;
  if (!Array.isArray(rules)) return [];
  const errors: RulesFileError[] = [];
  const firstIndexOfId = new Map<string, number>();
  rules.forEach((_rule: unknown, index) => {
    const id = ruleIdAt(data, index)?.trim();
    if (id === undefined) return;
    const first = firstIndexOfId.get(id);
    if (first === undefined) {
      firstIndexOfId.set(id, index);
      return;
    }
    const path = `rules[${index}].id`;
    errors.push({ path, ruleId: id, message: describe(path, id, `duplicate id, already used by rules[${first}]`) });
  });
  return errors;
}

/**
 * Parses and validates a rules file. Every problem is reported (not just the first), each naming the
 * rule by index and id and the field, so a shop owner can fix the file in one go.
 */
export function parseRulesFile(text: string): ParseRulesResult {
  if (text.length > RULES_LIMITS.fileLength) {
    const message = `the rules file has ${text.length.toLocaleString('en')} characters; at most ${RULES_LIMITS.fileLength.toLocaleString('en')} are allowed`;
    return { ok: false, errors: [{ path: '', message: describe('', undefined, message) }] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, errors: [{ path: '', message: jsonErrorMessage(text.replace(/^\uFEFF/, ''), error) }] };
  }
  const parsed = RulesFileSchema.safeParse(data);
  const errors: RulesFileError[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = formatPath(issue.path);
      const ruleIndex = issue.path[0] === 'rules' && typeof issue.path[1] === 'number' ? issue.path[1] : undefined;
      const ruleId = ruleIndex === undefined ? undefined : ruleIdAt(data, ruleIndex);
      errors.push({ path, ...(ruleId === undefined ? {} : { ruleId }), message: describe(path, ruleId, issue.message) });
    }
  }
  errors.push(...duplicateIdErrors(data));
  if (!parsed.success || errors.length > 0) return { ok: false, errors };
  return { ok: true, rules: parsed.data.rules };
}
