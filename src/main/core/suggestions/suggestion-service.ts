import { parseContentJson } from '../store/message-content';
import type { ConversationSuggestions, SuggestionView } from '../../../shared/ipc/suggestions';
import {
  createSuggestionEngine,
  isConfidentKeywordMatch,
  type DialogueAct,
  type LearnedExample,
  type Suggestion,
  type SuggestionEngine,
} from '../../../shared/suggestions';
import type { SuggestionRule } from '../../../shared/suggestions/rules-schema';
import type { CoreLog } from '../log';
import type { LocalDatabase } from '../store/database';
import { getLatestMessages } from '../store/messages';
import { getLocalRules, getLocalRulesStamp, rulesStamp } from '../store/rules';
import { learnedForEngine, learnedStamp, rejectedRulesFor } from './learned-examples';

interface BuiltEngine {
  /** getLocalRulesStamp of the rules it was built from, and learnedStamp of what it learned. */
  stamp: string;
  engine: SuggestionEngine;
  rulesById: Map<string, SuggestionRule>;
}

export interface SuggestionServiceOptions {
  db: () => LocalDatabase;
  log: CoreLog;
  /** Tells the renderer that suggestions can be asked for again (the index for new rules is ready). */
  notify: (scopes: string[]) => void;
  /** Defers the index build off the current IPC call; tests may run it at once. */
  defer?: (work: () => void) => void;
}

function buildEngine(stamp: string, rules: SuggestionRule[], learned: readonly LearnedExample[] = []): BuiltEngine {
  return { stamp, engine: createSuggestionEngine(rules, { learned }), rulesById: new Map(rules.map((rule) => [rule.id, rule])) };
}

function sameRules(a: string, b: string): boolean {
  return a.slice(0, a.indexOf('+')) === b.slice(0, b.indexOf('+'));
}

/** The saved rules' stamp together with what the team taught, or null without rules. */
/** How far back past the customer's photos and stickers the newest words are looked for. */
const CUSTOMER_TURN_LOOKBACK = 8;

function currentStamp(db: LocalDatabase): string | null {
  const rules = getLocalRulesStamp(db);
  return rules === null ? null : `${rules}+${learnedStamp(db)}`;
}

function toViews(suggestions: readonly Suggestion[], rulesById: ReadonlyMap<string, SuggestionRule>, act: DialogueAct): SuggestionView[] {
  return suggestions.flatMap((suggestion, index) => {
    const rule = rulesById.get(suggestion.ruleId);
    if (!rule) return [];
    return [
      {
        ruleId: rule.id,
        title: rule.title,
        reply: rule.reply,
        score: suggestion.score,
        matchedBy: suggestion.matchedBy,
        reason: suggestion.evidence,
        // The same decision the relay makes (src/relay/rules/auto-reply.ts), shown in the editor's test box.
        autoSend: index === 0 && act === 'question' && rule.autoSend === true && isConfidentKeywordMatch(suggestion),
      },
    ];
  });
}

/**
 * Reply suggestions from the locally synced rules (so they work offline). The index is built once per
 * rules version; building takes up to a second for large rule sets (and loads the Simplified → Traditional
 * dictionary the first time), so it never runs inside an IPC call: callers get `preparing` and a
 * `suggestions` change once it is ready.
 */
export class SuggestionService {
  private built: BuiltEngine | null = null;
  private buildScheduled = false;
  /** The editor's unsaved draft, keyed by its JSON, so typing in the test box does not rebuild. */
  private draft: { key: string; built: BuiltEngine } | null = null;

  constructor(private readonly options: SuggestionServiceOptions) {}

  /** Rules may have changed (a sync, a new session): build the index for the newest version soon. */
  refresh(): void {
    const stamp = currentStamp(this.options.db());
    if (stamp === null) {
      this.built = null;
      return;
    }
    if (this.built?.stamp !== stamp) this.scheduleBuild();
  }

  forConversation(conversationId: string): ConversationSuggestions {
    // A message sticker's typed words ("我要退貨") are answered like text; stand-ins ([圖片]) are not.
    const hasWords = (message: { kind: string; content_json: string | null; withdrawn: number }) =>
      message.withdrawn === 0 && (message.kind === 'text' || (message.kind === 'sticker' && parseContentJson(message.content_json)?.sticker?.text !== undefined));
    const db = this.options.db();
    // The customer's newest words since the last reply: a photo or sticker sent after a question leaves the
    // question the one to answer; once anyone replied, nothing is waiting.
    let latest: ReturnType<typeof getLatestMessages>[number] | null = null;
    for (const message of getLatestMessages(db, conversationId, CUSTOMER_TURN_LOOKBACK)) {
      if (message.direction !== 'in') break;
      if (hasWords(message)) {
        latest = message;
        break;
      }
    }
    const messageId = latest ? latest.id : null;
    const stamp = currentStamp(db);
    if (stamp === null) return { state: 'no_rules', messageId, suggestions: [] };
    const built = this.built;
    if (built?.stamp !== stamp) this.scheduleBuild();
    // What the team just taught is picked up by a rebuild in the background; until then the index for
    // the same rules still answers (only new rules make the agent wait).
    if (built === null || !sameRules(built.stamp, stamp)) return { state: 'preparing', messageId, suggestions: [] };
    if (!latest || messageId === null) return { state: 'ready', messageId: null, suggestions: [] };
    // "Not this one" takes the rule away for this message at once, before any rebuild.
    const rejected = rejectedRulesFor(db, messageId);
    const { act, suggestions } = built.engine.analyze(latest.text);
    const kept = suggestions.filter((s) => !rejected.has(s.ruleId));
    return { state: 'ready', messageId, suggestions: toViews(kept, built.rulesById, act) };
  }

  /** The editor's test box: a draft is built on demand (an explicit action; small sets build in milliseconds). */
  test(text: string, draftRules?: SuggestionRule[]): SuggestionView[] {
    const built = draftRules ? this.draftEngine(draftRules) : this.savedEngineNow();
    if (!built) return [];
    const { act, suggestions } = built.engine.analyze(text);
    return toViews(suggestions, built.rulesById, act);
  }

  private draftEngine(rules: SuggestionRule[]): BuiltEngine {
    const key = JSON.stringify(rules);
    if (this.draft?.key !== key) this.draft = { key, built: buildEngine('draft', rules) };
    return this.draft.built;
  }

  private savedEngineNow(): BuiltEngine | null {
    const stored = getLocalRules(this.options.db());
    if (!stored) return null;
    const db = this.options.db();
    const stamp = `${rulesStamp(stored.version, stored.updatedAt)}+${learnedStamp(db)}`;
    if (this.built?.stamp !== stamp) this.built = buildEngine(stamp, stored.rules, learnedForEngine(db));
    return this.built;
  }

  private scheduleBuild(): void {
    if (this.buildScheduled) return;
    this.buildScheduled = true;
    const defer = this.options.defer ?? ((work: () => void) => void setTimeout(work, 0));
    defer(() => {
      this.buildScheduled = false;
      try {
        const db = this.options.db();
        const stored = getLocalRules(db);
        const stamp = stored ? `${rulesStamp(stored.version, stored.updatedAt)}+${learnedStamp(db)}` : null;
        if (!stored || stamp === null || this.built?.stamp === stamp) return;
        const started = performance.now();
        this.built = buildEngine(stamp, stored.rules, learnedForEngine(db));
        this.options.log.info(
          `Suggestion index for rules version ${stored.version} (${stored.rules.length} rules) built in ${Math.round(performance.now() - started)} ms`,
        );
        this.options.notify(['suggestions']);
      } catch (error) {
        this.options.log.error(`Could not build the suggestion index: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }
}
