import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { CHECKS } from '../../src/guidance/checks.js';
import { formatBytes, formatMs } from '../../src/format.js';
import { at, judged } from '../utils/values.js';

type Msg = 'cctFair' | 'cctHigh' | 'timeoutShort' | 'warningOff' | 'walSmall';

const GB = 1024 ** 3;

/** Checkpoint settings a DBA would change on a production server (pg_gather, postgresqltuner, PGTune; docs/reference/dba-review.md#m1, #m2). */
export default defineRule<Msg>({
  meta: {
    id: 'PGV307',
    name: 'checkpoint-advice',
    description: 'Checkpoint settings left for small servers: completion target not 0.9, a short checkpoint_timeout, checkpoint_warning off, max_wal_size small for the workload.',
    defaultSeverity: 'info',
    parameters: ['checkpoint_completion_target', 'checkpoint_timeout', 'checkpoint_warning', 'max_wal_size'],
    messages: {
      cctFair: (d) => `checkpoint_completion_target = ${d.cct}: checkpoint writes are squeezed into ${d.pct} of the interval; 0.9 spreads them out (the default from 14)`,
      cctHigh: (d) => `checkpoint_completion_target = ${d.cct}: above 0.9 a checkpoint may not finish before the next one is due`,
      timeoutShort: (d) => `checkpoint_timeout = ${d.timeout}: every page is written again at each checkpoint and its first change after it goes to WAL as a full page image; on a server this size 15min–30min cuts both`,
      warningOff: () => 'checkpoint_warning = 0: the server no longer logs "checkpoints are occurring too frequently", the hint that max_wal_size is too small',
      walSmall: (d) => `max_wal_size = ${d.maxWal} for workload ${d.workload}: WAL-triggered checkpoints come early under write bursts; PGTune uses ${d.recommended} for this workload`,
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    const cct = ctx.settings.num('checkpoint_completion_target');
    // 13's default 0.5 is advice for a described server only
    if (cct >= CHECKS.cctLow && cct <= CHECKS.cctFair && judged(ctx, 'checkpoint_completion_target')) out.push({ messageId: 'cctFair', data: { cct, pct: `${Math.round(cct * 100)}%` }, ...at(ctx, 'checkpoint_completion_target'), suggestion: 'checkpoint_completion_target = 0.9' });
    else if (cct > CHECKS.cctHigh) out.push({ messageId: 'cctHigh', data: { cct }, ...at(ctx, 'checkpoint_completion_target'), suggestion: 'checkpoint_completion_target = 0.9' });
    const timeout = ctx.settings.ms('checkpoint_timeout');
    const { ramBytes, workload } = ctx.host;
    // docs/reference/dba-review.md#m1: info on a server host (a workload said, or ≥ 16GB RAM); pg_gather: < 20min
    const serverHost = (workload !== undefined && workload !== 'desktop') || (ramBytes !== undefined && ramBytes >= 16 * GB);
    if (serverHost && timeout < CHECKS.checkpointTimeoutFloorMs && timeout * cct >= CHECKS.checkpointWindowFloorMs) {
      out.push({ messageId: 'timeoutShort', data: { timeout: formatMs(timeout) }, ...at(ctx, 'checkpoint_timeout'), suggestion: `checkpoint_timeout = ${CHECKS.checkpointTimeoutSuggestion}`, help: 'longer intervals mean longer crash recovery: about the same time again as the interval at worst' });
    }
    if (ctx.settings.ms('checkpoint_warning') === 0) out.push({ messageId: 'warningOff', data: {}, ...at(ctx, 'checkpoint_warning'), suggestion: 'checkpoint_warning = 30s' });
    const recommended = workload ? CHECKS.maxWalSizeForWorkload[workload] : undefined;
    const maxWal = ctx.settings.bytes('max_wal_size');
    if (recommended !== undefined && maxWal < recommended / 2) out.push({ messageId: 'walSmall', data: { maxWal: formatBytes(maxWal), workload: workload!, recommended: formatBytes(recommended) }, ...at(ctx, 'max_wal_size'), suggestion: `max_wal_size = ${formatBytes(recommended)}` });
    return out;
  },
});
