import { defineRule } from '../../src/engine/types.js';
import { locateSetting, valueOf } from '../utils/locate.js';
import { autovacuumWorkerBytes, autovacuumWorkers, percent, roundSize } from '../utils/host-math.js';
import { formatBytes } from '../../src/catalog/values.js';

/**
 * Each autovacuum worker may use autovacuum_work_mem (or maintenance_work_mem when it is -1),
 * capped at 1GB before 17. All workers at once above a quarter of RAM is an OOM risk
 * (timescaledb-tune's 10 workers × 2GB, peer-tools.md §0.3).
 */
export default defineRule({
  meta: {
    id: 'PGV402',
    name: 'autovacuum-memory',
    description: 'Autovacuum workers × their memory above 25% of RAM.',
    defaultSeverity: 'warning',
    needs: ['ramBytes'],
    parameters: ['autovacuum_work_mem', 'maintenance_work_mem', 'autovacuum_max_workers'],
    messages: {
      large: (d) => `${d.workers} autovacuum workers × ${d.per} (${d.from}) = ${d.total}, ${d.pct} of ${d.ram} RAM if they all run at once`,
    },
  },
  check(ctx) {
    const ram = ctx.host.ramBytes!;
    const workers = autovacuumWorkers(ctx);
    const per = autovacuumWorkerBytes(ctx);
    const total = per * workers;
    if (total <= ram / 4) return [];
    const fromAv = Number(valueOf(ctx, 'autovacuum_work_mem')) !== -1;
    const target = formatBytes(Math.max(1024 ** 2, roundSize(ram / 4 / workers)));
    return [{
      messageId: 'large' as const,
      data: { workers, per: formatBytes(per), from: fromAv ? 'autovacuum_work_mem' : 'maintenance_work_mem, as autovacuum_work_mem = -1', total: formatBytes(total), pct: percent(total, ram), ram: formatBytes(ram) },
      ...locateSetting(ctx, fromAv ? 'autovacuum_work_mem' : 'maintenance_work_mem'),
      parameter: 'autovacuum_work_mem',
      suggestion: `autovacuum_work_mem = ${target}`,
    }];
  },
});
