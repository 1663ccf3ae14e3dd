import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { CHECKS } from '../../src/guidance/checks.js';
import { formatMs } from '../../src/format.js';
import { at, autovacuumCost, isSet } from '../utils/values.js';

type Msg = 'scaleFactors' | 'scaleFactorsCapped' | 'unthrottled' | 'costLimitHigh' | 'naptime';

/**
 * Autovacuum left at settings sized for small hosts and tables (postgres-checkup f001.go, f008.go),
 * or tuned past what pg_gather and timescaledb-tune advise (delay 0, limit > 800, naptime).
 */
export default defineRule<Msg>({
  meta: {
    id: 'PGV406',
    name: 'autovacuum-not-scaled',
    description: 'Autovacuum not scaled to the tables: default scale factors for OLTP, no throttle, a very high cost limit, a long naptime.',
    defaultSeverity: 'info',
    parameters: ['autovacuum_max_workers', 'autovacuum_vacuum_scale_factor', 'autovacuum_analyze_scale_factor', 'autovacuum_vacuum_max_threshold', 'autovacuum_vacuum_cost_delay', 'autovacuum_vacuum_cost_limit', 'autovacuum_naptime'],
    messages: {
      scaleFactors: (d) => `autovacuum_vacuum_scale_factor = ${d.vsf} and autovacuum_analyze_scale_factor = ${d.asf} (the defaults) with workload ${d.workload}: a 100-million-row table is vacuumed only after ${d.rows} million dead rows`,
      scaleFactorsCapped: (d) => `autovacuum_analyze_scale_factor = ${d.asf} (the default) with workload ${d.workload}: large tables are analyzed only after ${d.share} of their rows changed (vacuum is capped by autovacuum_vacuum_max_threshold = ${d.cap} on 18)`,
      unthrottled: (d) => `${d.param} = 0: autovacuum runs unthrottled and can saturate the storage during busy hours`,
      costLimitHigh: (d) => `${d.param} = ${d.limit}: above 800, autovacuum can cause I/O storms; raise it in steps while watching the storage`,
      naptime: (d) => `autovacuum_naptime = ${d.naptime}: each database is checked for work only this often, so busy tables wait; timescaledb-tune uses 10s`,
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    const { workload } = ctx.host;
    // the worker count for the host is the guidance policy's (PGV401)
    const vsf = ctx.settings.num('autovacuum_vacuum_scale_factor');
    const asf = ctx.settings.num('autovacuum_analyze_scale_factor');
    if ((workload === 'web' || workload === 'oltp') && vsf >= CHECKS.vacuumScaleFactorDefault && asf >= CHECKS.analyzeScaleFactorDefault) {
      if (ctx.settings.has('autovacuum_vacuum_max_threshold') && ctx.settings.num('autovacuum_vacuum_max_threshold') !== -1) {
        out.push({ messageId: 'scaleFactorsCapped', data: { asf, workload, share: `${Math.round(asf * 100)}%`, cap: ctx.settings.num('autovacuum_vacuum_max_threshold') }, ...at(ctx, 'autovacuum_analyze_scale_factor'), suggestion: `autovacuum_analyze_scale_factor = ${CHECKS.analyzeScaleFactorSuggestion}` });
      } else {
        out.push({ messageId: 'scaleFactors', data: { vsf, asf, workload, rows: Math.round(vsf * 100) }, ...at(ctx, 'autovacuum_vacuum_scale_factor'), suggestion: `autovacuum_vacuum_scale_factor = ${CHECKS.vacuumScaleFactorSuggestion}`, help: 'or set the scale factors per large table (ALTER TABLE … SET (autovacuum_vacuum_scale_factor = …))' });
      }
    }
    const { limit, delayMs, limitParam, delayParam } = autovacuumCost(ctx);
    if (delayMs === 0) out.push({ messageId: 'unthrottled', data: { param: delayParam }, ...at(ctx, delayParam), suggestion: 'autovacuum_vacuum_cost_delay = 2ms' });
    if (limit > CHECKS.autovacuumCostLimitCeiling && isSet(ctx, limitParam)) out.push({ messageId: 'costLimitHigh', data: { param: limitParam, limit }, ...at(ctx, limitParam) });
    const nap = ctx.settings.ms('autovacuum_naptime');
    if (nap > CHECKS.naptimeCeilingMs) out.push({ messageId: 'naptime', data: { naptime: formatMs(nap) }, ...at(ctx, 'autovacuum_naptime'), suggestion: 'autovacuum_naptime = 10s' });
    return out;
  },
});
