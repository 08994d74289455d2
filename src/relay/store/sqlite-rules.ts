import type Database from 'better-sqlite3';
import type { MutationAck, RelayEvent } from '../../shared/protocol';
import type { SuggestionRule } from '../../shared/suggestions/rules-schema';
import type { SaveRulesInput, SaveRulesResult, StoredRules } from './relay-store';
import { appendEventsSync } from './sqlite-event-log';
import { getMutationSync } from './sqlite-replies';

interface RulesRow {
  version: number;
  rules_json: string;
  updated_by: string;
  updated_at: number;
}

export function latestRulesVersionSync(db: Database.Database): number {
  const row = db.prepare('SELECT MAX(version) AS version FROM rules_versions').get() as { version: number | null };
  return row.version ?? 0;
}

export function latestRulesSync(db: Database.Database): StoredRules | null {
  const row = db.prepare('SELECT * FROM rules_versions ORDER BY version DESC LIMIT 1').get() as RulesRow | undefined;
  if (!row) return null;
  return {
    version: row.version,
    rules: JSON.parse(row.rules_json) as SuggestionRule[],
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

function recordAnswerSync(db: Database.Database, input: SaveRulesInput, answer: MutationAck): void {
  if (input.mutationId === null) return;
  db.prepare(
    `INSERT INTO mutations (id, type, agent_name, state, answer_json, created_at, updated_at)
     VALUES (?, 'rules.save', ?, 'done', ?, ?, ?)`,
  ).run(input.mutationId, input.agentName, JSON.stringify(answer), input.now, input.now);
}

/**
 * Saves a new version of the whole rules file if nobody saved since `baseVersion`, and announces it with
 * `rules.updated`. The answer is recorded with the effect, so a repeated mutation id gets it back.
 */
export function saveRulesSync(db: Database.Database, input: SaveRulesInput): { result: SaveRulesResult; appended: RelayEvent[] } {
  if (input.mutationId !== null) {
    const repeat = getMutationSync(db, input.mutationId);
    if (repeat?.answer) return { result: { answer: repeat.answer }, appended: [] };
  }
  const current = latestRulesVersionSync(db);
  if (current !== input.baseVersion) {
    const answer: MutationAck = {
      ok: false,
      code: 'CONFLICT',
      message: `The rules were changed by someone else (now version ${current}, your edit started from version ${input.baseVersion}). Reload the rules and apply your change again.`,
    };
    recordAnswerSync(db, input, answer);
    return { result: { answer }, appended: [] };
  }
  const version = current + 1;
  db.prepare('INSERT INTO rules_versions (version, rules_json, updated_by, updated_at) VALUES (?, ?, ?, ?)').run(
    version,
    JSON.stringify(input.rules),
    input.agentName,
    input.now,
  );
  const appended = appendEventsSync(db, [
    { type: 'rules.updated', occurredAt: input.now, payload: { version, rules: input.rules, updatedBy: input.agentName } },
  ]);
  const answer: MutationAck = { ok: true, version };
  recordAnswerSync(db, input, answer);
  return { result: { answer }, appended };
}
