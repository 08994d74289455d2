export { createSuggestionEngine, isConfidentKeywordMatch, DEFAULT_ENGINE_OPTIONS, CONFIDENT_KEYWORD_SCORE } from './engine';
export type { Suggestion, SuggestionEngine, SuggestionEngineOptions, SuggestionEvidence } from './engine';
export { parseRulesFile, RulesFileSchema, SuggestionRuleSchema } from './rules-schema';
export type { ParseRulesResult, RulesFile, RulesFileError, SuggestionRule } from './rules-schema';
export { normalizeText } from './normalize';
