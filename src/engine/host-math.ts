/** Small shared helpers for the host-aware rules: memory of settings in bytes, percentages. */
import { toAbsolute } from '../catalog/values.js';
import type { RuleContext } from './types.js';

/** A memory setting in bytes (its effective value × its unit). */
export function bytesOf(ctx: RuleContext, name: string): number {
  const s = ctx.resolution.settings.get(name);
  if (!s || typeof s.value !== 'number') return 0;
  return toAbsolute(s.param, s.value);
}

/** The share of the RAM a typical load must leave to the OS page cache (rule PGV108, and tune). */
export const OS_CACHE_SHARE = 0.2;

/** A computed total, shown the way a person reads it: 18GB, 1.5GB, 640MB (one decimal at most). */
export function approxBytes(bytes: number): string {
  const units: Array<[string, number]> = [['TB', 1024 ** 4], ['GB', 1024 ** 3], ['MB', 1024 ** 2], ['kB', 1024]];
  for (const [name, size] of units) if (bytes >= size) return `${Number((bytes / size).toFixed(1))}${name}`;
  return `${Math.round(bytes)}B`;
}

export function percent(part: number, whole: number): string {
  const p = (100 * part) / whole;
  if (p >= 10) return `${Math.round(p)}%`;
  // two significant digits for small shares: 0.05%, 0.8%, 3.1%
  return `${Number(p.toPrecision(2))}%`;
}

/** Round a size down to a value PostgreSQL users write: a whole number of MB, or GB above 4GB. */
export function roundSize(bytes: number): number {
  const GB = 1024 ** 3;
  const MB = 1024 ** 2;
  if (bytes >= 4 * GB) return Math.floor(bytes / GB) * GB;
  return Math.max(MB, Math.floor(bytes / MB) * MB);
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
