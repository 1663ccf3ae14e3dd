import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { locateSetting } from '../utils/locate.js';

/**
 * Autovacuum turned off for the whole server, directly or through track_counts, which it needs
 * (AutoVacuumingActive in autovacuum.c checks both). Only anti-wraparound vacuums still run.
 */
export default defineRule<'autovacuum' | 'trackCounts'>({
  meta: {
    id: 'PGV403',
    name: 'autovacuum-off',
    description: 'autovacuum = off, or track_counts = off which stops it too: tables bloat and their statistics go stale.',
    defaultSeverity: 'warning',
    parameters: ['autovacuum', 'track_counts'],
    messages: {
      autovacuum: () => 'autovacuum = off: dead rows are no longer cleaned up and statistics no longer refreshed automatically (tables and indexes bloat, plans degrade); only vacuums that prevent transaction ID wraparound still run',
      trackCounts: () => 'track_counts = off also turns autovacuum off (it decides from these counts what to vacuum and analyze), and leaves the pg_stat_* activity counts empty',
    },
  },
  check(ctx) {
    const out: RuleFinding<'autovacuum' | 'trackCounts'>[] = [];
    if (!ctx.settings.bool('autovacuum')) {
      out.push({ messageId: 'autovacuum', data: {}, ...locateSetting(ctx, 'autovacuum'), parameter: 'autovacuum', suggestion: 'autovacuum = on', help: 'to exempt one table, use ALTER TABLE … SET (autovacuum_enabled = off) instead; to slow autovacuum down, raise autovacuum_vacuum_cost_delay' });
    }
    if (!ctx.settings.bool('track_counts')) {
      out.push({ messageId: 'trackCounts', data: {}, ...locateSetting(ctx, 'track_counts'), parameter: 'track_counts', suggestion: 'track_counts = on' });
    }
    return out;
  },
});
