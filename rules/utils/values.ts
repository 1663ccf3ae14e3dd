/**
 * What the peer-check rules share beyond reading values (that is ctx.settings): where a finding
 * points, autovacuum's effective cost settings, an enum as written, whether the host is described.
 */
import type { RuleContext } from '../../src/engine/types.js';
import { BLCKSZ } from '../../src/simulate/shmem.js';
import { isSet, locateSetting, type Location } from './locate.js';

/** Where a finding about `name` points, with the parameter named. */
export function at(ctx: RuleContext, name: string): Location & { parameter: string } {
  return { ...locateSetting(ctx, name), parameter: name };
}

export { isSet };

/** autovacuum's cost limit and delay as they apply (-1 falls back to vacuum_cost_limit / vacuum_cost_delay). */
export function autovacuumCost(ctx: RuleContext): { limit: number; delayMs: number; limitParam: string; delayParam: string } {
  const avLimit = ctx.settings.num('autovacuum_vacuum_cost_limit');
  const avDelay = ctx.settings.num('autovacuum_vacuum_cost_delay');
  return {
    limit: avLimit === -1 ? ctx.settings.num('vacuum_cost_limit') : avLimit,
    delayMs: avDelay === -1 ? ctx.settings.num('vacuum_cost_delay') : avDelay,
    limitParam: avLimit === -1 && isSet(ctx, 'vacuum_cost_limit') ? 'vacuum_cost_limit' : 'autovacuum_vacuum_cost_limit',
    delayParam: avDelay === -1 && isSet(ctx, 'vacuum_cost_delay') ? 'vacuum_cost_delay' : 'autovacuum_vacuum_cost_delay',
  };
}

/** The most autovacuum can read from disk per second (all workers together): page misses at the cost limit. */
export function autovacuumReadBytesPerSec(ctx: RuleContext, limit: number, delayMs: number): number {
  const miss = ctx.settings.num('vacuum_cost_page_miss');
  return ((limit * (1000 / delayMs)) / miss) * BLCKSZ;
}

/**
 * An enum setting as the file writes it (lower case), else its effective value. Values that need a
 * build option (lz4, zstd, io_uring: PGV014) are not in the catalog's enum, so the effective value
 * falls back to the default; what the author chose is still the written one.
 */
export function written(ctx: RuleContext, name: string): string {
  const lines = ctx.resolution.settings.get(name)?.lines ?? [];
  const last = lines[lines.length - 1];
  return last ? last.entry.value.trim().replace(/^'(.*)'$/s, '$1').toLowerCase() : ctx.settings.str(name, '');
}

/** The user described the server (any host or workload fact): lint is then a production review. */
export function described(ctx: RuleContext): boolean {
  const h = ctx.host;
  return h.ramBytes !== undefined || h.cores !== undefined || h.workload !== undefined || h.storage !== undefined || h.connections !== undefined || h.replicas !== undefined;
}

/**
 * Advice on a value the file sets is always given; advice on PostgreSQL's own default only when the
 * server is described (otherwise every file, even an empty one, would draw the same notes).
 */
export function judged(ctx: RuleContext, name: string): boolean {
  return isSet(ctx, name) || described(ctx);
}
