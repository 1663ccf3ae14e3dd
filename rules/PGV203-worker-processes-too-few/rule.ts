import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { locateSetting, valueOf } from '../utils/locate.js';
import { preloadedModules } from '../../src/catalog/lists.js';
import { EXTENSION_WORKERS } from '../../src/engine/extensions.js';

/**
 * Every background worker — parallel query workers, the logical replication launcher and its
 * apply workers, and extensions' workers (timescaledb, pg_cron, citus, pglogical, …) — comes out
 * of max_worker_processes (postgres-facts §2.4). PGTune's max_worker_processes = cores broke
 * TimescaleDB installs (timescale/timescaledb#7602).
 */
export default defineRule<'starved' | 'parallelCapped'>({
  meta: {
    id: 'PGV203',
    name: 'worker-processes-too-few',
    description: 'max_worker_processes too small for the extensions, logical replication and parallel workers that share it.',
    defaultSeverity: 'warning',
    parameters: ['max_worker_processes', 'max_parallel_workers', 'max_logical_replication_workers', 'shared_preload_libraries'],
    messages: {
      starved: (d) => `max_worker_processes = ${d.mwp}, but ${d.reserved} background workers are spoken for (${d.who}): nothing is left for parallel queries, and extensions may fail to start their workers`,
      parallelCapped: (d) => `max_parallel_workers = ${d.mpw}, but only ${d.left} of max_worker_processes = ${d.mwp} remain after ${d.who}; parallel queries will get fewer workers than planned`,
    },
  },
  check(ctx) {
    const mwp = Number(valueOf(ctx, 'max_worker_processes'));
    const mpw = Number(valueOf(ctx, 'max_parallel_workers'));
    const logical = Number(valueOf(ctx, 'max_logical_replication_workers'));
    const parts: string[] = [];
    let reserved = 0;
    if (logical > 0) {
      reserved += 1;
      parts.push('the logical replication launcher');
    }
    const libs = preloadedModules(String(valueOf(ctx, 'shared_preload_libraries') ?? ''));
    const placeholder = (name: string): string | undefined => ctx.resolution.placeholders.get(name)?.value;
    for (const lib of libs) {
      const ext = EXTENSION_WORKERS.find((e) => e.library === lib);
      if (!ext) continue;
      const n = ext.workers(placeholder);
      reserved += n;
      parts.push(`${lib} (${n})`);
    }
    const at = { ...locateSetting(ctx, 'max_worker_processes'), parameter: 'max_worker_processes' };
    const out: RuleFinding<'starved' | 'parallelCapped'>[] = [];
    const who = parts.join(', ') || 'nothing else';
    // The launcher alone costs one slot on every server; only extensions make it worth a word.
    const extensions = reserved - (logical > 0 ? 1 : 0);
    if (extensions === 0) return out;
    if (mwp <= reserved) {
      out.push({ messageId: 'starved', data: { mwp, reserved, who }, ...at, suggestion: `max_worker_processes = ${reserved + Math.max(mpw, 2)}`, help: 'max_worker_processes needs a restart' });
    } else if (mpw > mwp - reserved) {
      out.push({ messageId: 'parallelCapped', data: { mpw, mwp, left: mwp - reserved, who }, ...at, suggestion: `max_worker_processes = ${reserved + mpw}` });
    }
    return out;
  },
});
