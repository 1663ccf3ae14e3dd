import { guidanceFor } from '../utils/host-math.js';
import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { CHECKS } from '../../src/guidance/checks.js';
import { approxBytes, formatBytes, formatMs } from '../../src/format.js';
import { at } from '../utils/values.js';

type Msg = 'cctLow' | 'window' | 'rate' | 'minOverMax';

/**
 * Checkpoints that come too close, write in bursts, or ask more of the storage than it sustains
 * (postgresqltuner WAL section; CloudNativePG validateWalSizeConfiguration for min < max).
 */
export default defineRule<Msg>({
  meta: {
    id: 'PGV306',
    name: 'checkpoint-spacing',
    description: 'Checkpoints written in bursts (completion target < 0.5, a window under 10s), faster than the storage sustains, or min_wal_size ≥ max_wal_size.',
    defaultSeverity: 'warning',
    parameters: ['checkpoint_completion_target', 'checkpoint_timeout', 'max_wal_size', 'min_wal_size'],
    messages: {
      cctLow: (d) => `checkpoint_completion_target = ${d.cct}: each checkpoint writes its dirty buffers in the first ${d.pct} of the interval and then idles, an I/O spike at every checkpoint`,
      window: (d) => `checkpoint_timeout × checkpoint_completion_target = ${d.window}: the checkpointer has less than 10s to write out every dirty buffer, so checkpoints are I/O storms`,
      rate: (d) => `max_wal_size = ${d.maxWal} spread over checkpoint_timeout × checkpoint_completion_target (${d.window}) asks ~${d.rate}/s of checkpoint writes, above the ~${d.limit}/s ${d.storage} storage sustains: checkpoints will fall behind and come early`,
      minOverMax: (d) => `min_wal_size = ${d.min} is not below max_wal_size = ${d.max}: the server accepts it, but it recycles WAL up to ${d.min} while checkpoints are triggered at ${d.max}; min_wal_size should be the smaller`,
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    const cct = ctx.settings.num('checkpoint_completion_target');
    const timeout = ctx.settings.ms('checkpoint_timeout');
    if (cct < CHECKS.cctLow) out.push({ messageId: 'cctLow', data: { cct, pct: `${Math.round(cct * 100)}%` }, ...at(ctx, 'checkpoint_completion_target'), suggestion: 'checkpoint_completion_target = 0.9' });
    const windowMs = timeout * cct;
    if (windowMs < CHECKS.checkpointWindowFloorMs) out.push({ messageId: 'window', data: { window: formatMs(Math.round(windowMs)) }, ...at(ctx, 'checkpoint_timeout'), suggestion: `checkpoint_timeout = ${CHECKS.checkpointTimeoutSuggestion}` });
    const maxWal = ctx.settings.bytes('max_wal_size');
    const storage = ctx.host.storage;
    const limit = storage ? CHECKS.checkpointRateBytesPerSec[storage] : undefined;
    if (limit !== undefined && windowMs > 0) {
      const rate = maxWal / (windowMs / 1000);
      // the policy's own max_wal_size for this host is not second-guessed here (one policy for lint
      // and tune); its storage-aware spacing is a known gap of the policy (note of issue 15)
      const policyOwn = ((): boolean => {
        try {
          const g = guidanceFor(ctx).byName.get('max_wal_size');
          return g?.target !== undefined && g.kept && g.current.text === g.target.text;
        } catch {
          return false;
        }
      })();
      if (rate > limit && !policyOwn) out.push({ messageId: 'rate', data: { maxWal: formatBytes(maxWal), window: formatMs(Math.round(windowMs)), rate: approxBytes(rate), limit: approxBytes(limit), storage: storage! }, ...at(ctx, 'max_wal_size'), help: 'raise checkpoint_timeout (15min–30min) rather than lowering max_wal_size' });
    }
    const minWal = ctx.settings.bytes('min_wal_size');
    if (minWal >= maxWal) out.push({ messageId: 'minOverMax', data: { min: formatBytes(minWal), max: formatBytes(maxWal) }, ...at(ctx, 'min_wal_size'), suggestion: `min_wal_size = ${formatBytes(Math.max(32 * 1024 * 1024, Math.floor(maxWal / 4)))}` });
    return out;
  },
});
