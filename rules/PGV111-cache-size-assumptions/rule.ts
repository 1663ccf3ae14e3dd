import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { CHECKS } from '../../src/guidance/checks.js';
import { approxBytes, formatBytes, percent } from '../../src/format.js';
import { at } from '../utils/values.js';

type Msg = 'osCacheSmall' | 'overcounted';

/**
 * effective_cache_size is the planner's idea of the cache (shared_buffers + the OS page cache).
 * PGTune/timescaledb-tune/pgconfig set 75% of RAM (docs/reference/dba-review.md#m13: flag < 50%); postgresqltuner
 * checks ecs − shared_buffers ≥ 4GB and busy memory + ecs − shared_buffers ≤ 90% of RAM.
 * (PGV106 covers ecs below shared_buffers and above the RAM.)
 */
export default defineRule<Msg>({
  meta: {
    id: 'PGV111',
    name: 'cache-size-assumptions',
    description: "effective_cache_size far from the cache the host can really have: under half of the RAM, or counting memory the server's own processes use.",
    defaultSeverity: 'info',
    parameters: ['effective_cache_size', 'shared_buffers'],
    messages: {
      osCacheSmall: (d) => `effective_cache_size = ${d.ecs} leaves only ${d.os} beyond shared_buffers = ${d.sb} for the operating system's cache (postgresqltuner wants at least 4GB): the host or the setting is too small for this buffer pool`,
      overcounted: (d) => `effective_cache_size = ${d.ecs} plus the server's busy-hour memory (${d.busy}) is ${d.pct} of the ${d.ram} RAM: the planner counts on cache that the backends' own memory takes away`,
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    // silent without ramBytes (not in the summary's host note, which names the core sizing rules)
    const ram = ctx.host.ramBytes;
    if (ram === undefined) return out;
    const ecs = ctx.settings.bytes('effective_cache_size');
    const sb = ctx.settings.bytes('shared_buffers');
    const where = at(ctx, 'effective_cache_size');
    if (ecs < sb || ecs > ram) return out; // PGV106
    // a cache size far below the RAM is PGV106's judgement (the guidance policy)
    if (ram >= 2 * CHECKS.osCacheFloor && ecs - sb < CHECKS.osCacheFloor) out.push({ messageId: 'osCacheSmall', data: { ecs: formatBytes(ecs), os: approxBytes(ecs - sb), sb: formatBytes(sb) }, ...where });
    const busy = ctx.estimate().memory.busyHour.bytes;
    const total = busy + ecs - sb;
    if (total > CHECKS.memorySumCeiling * ram) out.push({ messageId: 'overcounted', data: { ecs: formatBytes(ecs), busy: approxBytes(busy), pct: percent(total, ram), ram: approxBytes(ram) }, ...where });
    return out;
  },
});
