export { createSuggestionEngine, isConfidentKeywordMatch, DEFAULT_ENGINE_OPTIONS, CONFIDENT_KEYWORD_SCORE } from './engine';
export type { Suggestion, SuggestionEngine, SuggestionEngineOptions, SuggestionEvidence } from './engine';
export { parseRulesFile, RulesFileSchema, SuggestionRuleSchema } from './rules-schema';
export type { ParseRulesResult, RulesFile, RulesFileError, SuggestionRule } from './rules-schema';
export { normalizeText } from './normalize';
export { classifyDialogueAct, actNeedsReply } from './dialogue-acts';
export type { DialogueAct } from './dialogue-acts';
export { learnedExampleSchema, tallyLearned } from './learned-examples';
export type { LearnedExample } from './learned-examples';
