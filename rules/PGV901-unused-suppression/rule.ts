import { defineRule } from '../../src/engine/types.js';
import { UNUSED_SUPPRESSION, UNUSED_SUPPRESSION_MESSAGES, unusedSuppressions, type UnusedSuppressionId } from '../../src/engine/suppress.js';

/**
 * A pgvet-disable comment that silences nothing (stale, misspelt, or on the wrong line). The
 * engine reports it after applying the suppressions (src/engine/suppress.ts), as ESLint does
 * for unused disable directives; this folder holds its id, words, docs and cases.
 */
export default defineRule<UnusedSuppressionId>({
  meta: {
    id: UNUSED_SUPPRESSION,
    name: 'unused-suppression',
    description: 'A pgvet-disable comment that silences nothing: stale, misspelt, or on the wrong line.',
    defaultSeverity: 'info',
    messages: UNUSED_SUPPRESSION_MESSAGES,
  },
  // the engine calls unusedSuppressions() itself once the other rules' findings are filtered
  check: () => unusedSuppressions([]),
});
