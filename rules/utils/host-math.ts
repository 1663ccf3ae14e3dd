/** Small shared helpers for the host-aware rules: memory of settings in bytes, percentages. */
import { toAbsolute } from '../../src/catalog/values.js';
export { approxBytes, percent, roundSize } from '../../src/guidance/format.js';
import type { RuleContext } from '../../src/engine/types.js';

/** A memory setting in bytes (its effective value × its unit). */
export function bytesOf(ctx: RuleContext, name: string): number {
  const s = ctx.resolution.settings.get(name);
  if (!s || typeof s.value !== 'number') return 0;
  return toAbsolute(s.param, s.value);
}

/** autovacuum_work_mem, or maintenance_work_mem when it is -1, with the server's caps. */
export function autovacuumWorkerBytes(ctx: RuleContext): number {
  const av = ctx.resolution.settings.get('autovacuum_work_mem');
  const perWorker = av && Number(av.value) !== -1 ? bytesOf(ctx, 'autovacuum_work_mem') : bytesOf(ctx, 'maintenance_work_mem');
  // Before 17 a worker's dead-tuple array is capped at 1GB (docs, autovacuum_work_mem)
  return ctx.version < 17 ? Math.min(perWorker, 1024 ** 3) : perWorker;
}

/** The autovacuum worker count that can really run (18: also capped by autovacuum_worker_slots). */
export function autovacuumWorkers(ctx: RuleContext): number {
  const workers = Number(ctx.resolution.settings.get('autovacuum_max_workers')?.value ?? 3);
  const slots = ctx.resolution.settings.get('autovacuum_worker_slots');
  return slots ? Math.min(workers, Number(slots.value)) : workers;
}
