import type { IpcHandlers } from './handlers';
import type { LocalDatabase } from '../store/database';
import { enqueueLearnedReview, enqueueSuggestionFeedback, learnedExampleViews } from '../suggestions/learned-examples';

type LearningChannel = 'suggestions:feedback' | 'rules:learned' | 'rules:reviewLearned';

export interface LearningHandlerContext {
  db: () => LocalDatabase;
  now: () => number;
  notify: (scopes: string[]) => void;
  kickOutbox: () => void;
}

/** Handlers for src/shared/ipc/suggestion-learning-contract.ts: both changes are queued like replies. */
export function createLearningHandlers(context: LearningHandlerContext): Pick<IpcHandlers, LearningChannel> {
  const queued = <T extends { ok: boolean }>(result: T): T => {
    if (result.ok) {
      // 'learned' rebuilds the suggestion index; 'suggestions' re-reads them (a rejected one goes at once).
      context.notify(['learned', 'suggestions', 'sync']);
      context.kickOutbox();
    }
    return result;
  };
  return {
    'suggestions:feedback': (input) => queued(enqueueSuggestionFeedback(context.db(), input, context.now)),
    'rules:learned': () => ({ examples: learnedExampleViews(context.db()) }),
    'rules:reviewLearned': (input) => queued(enqueueLearnedReview(context.db(), input, context.now)),
  };
}
