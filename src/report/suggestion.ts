import type { Suggestion } from '../engine/types.js';

/** A suggestion as the reports print it: `name = value` (the one place it becomes words). */
export function suggestionText(s: Suggestion | string): string {
  return typeof s === 'string' ? s : `${s.parameter} = ${s.value}`;
}
