/**
 * Shared helpers for the host-aware rules: percentages, and the
 * guidance policy's verdicts as findings (`guidedFindings`). No judgement number lives here: the
 * bands, targets and reasons come from src/guidance, the same policy `pgvet tune` writes.
 */
export { approxBytes, percent } from '../../src/format.js';
export { roundSize } from '../../src/guidance/format.js';
import { guide, type Guidance, type GuidanceResult } from '../../src/guidance/index.js';
import type { RuleContext, RuleFinding } from '../../src/engine/types.js';
import type { Host } from '../../src/host/types.js';
import { DEFAULT_WORKLOAD } from '../../src/host/workloads.js';
import type { Resolution } from '../../src/resolve/settings.js';
import { locateSetting } from './locate.js';

/** The host as the guidance and the simulator read it. */
export function hostOf(ctx: RuleContext): Host {
  return { ...ctx.host, source: 'flags' };
}

const cache = new WeakMap<Resolution, Map<string, GuidanceResult>>();

/**
 * The guidance policy for this file on this host: the same call `pgvet tune FILE` makes (the
 * file's settings, its extension placeholders, no pins), so a suggestion is tune's value. Computed
 * once per file and host, whatever the number of rules that ask.
 */
export function guidanceFor(ctx: RuleContext): GuidanceResult {
  const workload = ctx.host.workload ?? DEFAULT_WORKLOAD;
  const key = JSON.stringify([ctx.version, workload, ctx.host]);
  let byHost = cache.get(ctx.resolution);
  if (!byHost) cache.set(ctx.resolution, (byHost = new Map()));
  let g = byHost.get(key);
  if (!g) {
    g = guide({
      version: ctx.version,
      host: hostOf(ctx),
      workload,
      settings: ctx.resolution.settings,
      placeholders: (name) => ctx.resolution.placeholders.get(name)?.value,
    });
    byHost.set(key, g);
  }
  return g;
}

type Side = 'below' | 'above' | 'outside';

/**
 * Which parameters each guided rule judges against the policy's band, and on which sides: the one
 * list the guided rules run and the peer checks' reconciliation (policy.ts) reads, so that advice
 * a guided rule gives is never given twice.
 */
export const GUIDED = {
  PGV101: [['shared_buffers'], ['below']],
  PGV102: [['shared_buffers'], ['above']],
  PGV103: [['huge_pages'], ['below']],
  PGV104: [['work_mem'], ['above']],
  PGV105: [['maintenance_work_mem'], ['below', 'above']],
  PGV106: [['effective_cache_size'], ['below', 'above']],
  PGV201: [['max_connections'], ['above']],
  PGV203: [['max_worker_processes'], ['below']],
  PGV204: [['max_parallel_workers', 'max_parallel_workers_per_gather', 'max_parallel_maintenance_workers'], ['below', 'above']],
  PGV302: [['checkpoint_timeout', 'max_wal_size', 'min_wal_size', 'checkpoint_completion_target'], ['below', 'above', 'outside']],
  PGV401: [['autovacuum_max_workers', 'autovacuum_vacuum_cost_limit'], ['below', 'above']],
  PGV402: [['autovacuum_work_mem'], ['below', 'above']],
  PGV501: [['random_page_cost', 'effective_io_concurrency', 'maintenance_io_concurrency'], ['below', 'above']],
} as const satisfies Record<string, readonly [readonly string[], readonly Side[]]>;

/** Does a guided rule that runs (`runs(id)`: its host facts are given) report this parameter on this side of the band? */
export function guidedReports(name: string, side: Side, runs: (id: string) => boolean): boolean {
  return Object.entries(GUIDED).some(([id, [names, sides]]) => (names as readonly string[]).includes(name) && (sides as readonly Side[]).includes(side) && runs(id));
}

/** The message data of a guided finding (every guided rule renders `guided` from it). */
export type GuidedData = { parameter: string; value: string; why: string; target: string; band: string };

/** The words of a guided finding: what, why, and pgvet's value for this host. */
export const guidedMessage = (d: Record<string, string | number>): string => `${d.parameter} is ${d.value}: ${d.why} (pgvet's guidance for this host: ${d.target})`;

/**
 * Findings for the parameters whose current value lies outside the guidance band, on the given
 * sides: the verdict's severity and reason, and as the suggestion exactly what `tune` would write
 * (none when tune keeps the file's value: advice the file may overrule).
 */
export function guidedFindings(ctx: RuleContext, names: readonly string[], sides: readonly Side[] = ['below', 'above', 'outside']): Array<RuleFinding<'guided'>> {
  const g = guidanceFor(ctx);
  const out: Array<RuleFinding<'guided'>> = [];
  for (const name of names) {
    const p: Guidance | undefined = g.byName.get(name.toLowerCase());
    if (!p || p.verdict.inside || !sides.includes(p.verdict.side)) continue;
    const moves = !p.kept;
    const target = p.target?.text ?? p.recommended.text;
    out.push({
      messageId: 'guided',
      severity: p.verdict.severity,
      data: { parameter: p.name, value: p.current.text, why: p.verdict.why, target, band: p.bandText } satisfies GuidedData,
      ...locateSetting(ctx, p.name),
      parameter: p.name,
      ...(moves ? { suggestion: `${p.name} = ${p.recommended.text}` } : {}),
      help: moves
        ? `set ${p.name} = ${p.recommended.text}${p.context === 'restart' ? ' (needs a restart)' : ''}: ${p.reason}`
        : `pgvet tune keeps the file's value; ${p.reason} (fine: ${p.bandText})`,
    });
  }
  return out;
}
