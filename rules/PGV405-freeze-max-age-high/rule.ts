import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { CHECKS } from '../../src/guidance/checks.js';
import { at } from '../utils/values.js';

/** Anti-wraparound vacuum started too late (pg_gather paramDespatch.autovacuum_freeze_max_age: > 800M). */
const LIMITS = [
  ['autovacuum_freeze_max_age', CHECKS.freezeMaxAgeCeiling, 'transaction IDs', '200000000'],
  ['autovacuum_multixact_freeze_max_age', CHECKS.multixactFreezeMaxAgeCeiling, 'multixact IDs', '400000000'],
] as const;

export default defineRule<'late'>({
  meta: {
    id: 'PGV405',
    name: 'freeze-max-age-high',
    description: 'autovacuum_freeze_max_age (or the multixact one) above 800 million: anti-wraparound vacuums start with little margin.',
    defaultSeverity: 'warning',
    parameters: LIMITS.map((l) => l[0]),
    messages: {
      late: (d) => `${d.param} = ${d.value}: anti-wraparound vacuums start only ${d.left} million ${d.kind} before the server stops accepting writes (at about 2 billion), and must finish on the largest tables within that margin`,
    },
  },
  check(ctx) {
    const out: RuleFinding<'late'>[] = [];
    for (const [param, ceiling, kind, def] of LIMITS) {
      const value = ctx.settings.num(param);
      if (!(value > ceiling)) continue;
      out.push({ messageId: 'late', data: { param, value, kind, left: Math.round((2 ** 31 - value) / 1e6) }, ...at(ctx, param), suggestion: `${param} = ${def}`, help: 'keep the default and make sure vacuum keeps up (cost limit, workers); raise it only with monitoring of age(datfrozenxid)' });
    }
    return out;
  },
});
