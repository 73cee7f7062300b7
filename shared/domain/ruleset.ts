/**
 * Version of the rule set implemented by shared/domain/rules. Bump it whenever
 * a rule's behaviour changes: it is stamped on every decision, and a stored
 * decision is reproduced with the version that made it.
 */
export const RULESET_VERSION = 'introflyt-rules-2026.12.1';
