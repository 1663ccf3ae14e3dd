import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { MEMORY_LIMITS } from '../../src/guidance/memory.js';
import { locateSetting } from '../utils/locate.js';
import { approxBytes, guidanceFor, percent } from '../utils/host-math.js';

/**
 * The simulator's busy hour (memory model v2: every session open, the active ones running a
 * 95th-percentile query, autovacuum and maintenance busy, page tables when huge pages are not
 * reserved) against the RAM or the container's limit: info above 80%, warning above 90%
 * (MEMORY_LIMITS in src/guidance). A pile-up (every connection running one sort at once) above
 * the RAM is an info that points at max_connections: a pooler, not a smaller work_mem, is the fix.
 * The theoretical maximum (every limit at once) is simulate's output, never a finding.
 */
export default defineRule<'busy' | 'pileUp'>({
  meta: {
    id: 'PGV109',
    name: 'busy-hour-memory',
    description: "The busy hour (pgvet simulate's memory model) comes close to the RAM or passes it; a pile-up of every connection does not fit.",
    defaultSeverity: 'warning',
    needs: ['ramBytes'],
    parameters: ['work_mem', 'max_connections', 'shared_buffers', 'maintenance_work_mem', 'autovacuum_work_mem', 'temp_buffers'],
    messages: {
      busy: (d) => `in a busy hour (${d.active} running queries, every session open) the server may use about ${d.busy} of ${d.ram} ${d.what} (${d.pct}); the largest part is ${d.largest} (${d.largestBytes}); keep the busy hour under ${d.limit}`,
      pileUp: (d) => `if all ${d.connections} connections ran a sort or hash at once the server would need about ${d.pileUp} (${d.pct} of ${d.ram} ${d.what}): a pooler in front keeps such a pile-up from happening`,
    },
  },
  check(ctx) {
    const ram = ctx.host.ramBytes!;
    const what = ctx.host.containerLimited ? 'container limit' : 'RAM';
    const m = ctx.estimate().memory;
    const g = guidanceFor(ctx);
    const out: Array<RuleFinding<'busy' | 'pileUp'>> = [];
    const busy = m.busyHour.bytes;
    if (busy > ram * MEMORY_LIMITS.busyInfo) {
      const warning = busy > ram * MEMORY_LIMITS.busyWarning;
      const largest = [...m.busyHour.lines].sort((a, b) => b.bytes - a.bytes)[0];
      const active = m.assumptions.find((a) => a.name === 'queries running in the busy hour')?.value ?? '?';
      // the work_mem tune writes for this file (it is sized against this very bound)
      const wm = g.byName.get('work_mem');
      const moves = wm !== undefined && !wm.kept;
      out.push({
        messageId: 'busy' as const,
        severity: warning ? 'warning' as const : 'info' as const,
        data: {
          active: String(active).replace(/^.*= /, '').replace(/ .*/, ''), busy: approxBytes(busy), ram: approxBytes(ram), what, pct: percent(busy, ram),
          largest: largest?.name ?? 'shared memory', largestBytes: approxBytes(largest?.bytes ?? m.busyHour.shared),
          limit: `${MEMORY_LIMITS.busyInfo * 100}% (${approxBytes(ram * MEMORY_LIMITS.busyInfo)})`,
        },
        ...locateSetting(ctx, 'work_mem'),
        parameter: 'work_mem',
        ...(moves ? { suggestion: `work_mem = ${wm.recommended.text}` } : {}),
        help: moves
          ? `set work_mem = ${wm.recommended.text} (${wm.reason}), or fewer connections behind a pooler`
          : 'fewer connections behind a pooler, or less memory per session (work_mem, temp_buffers); see pgvet simulate for every term',
      });
    }
    const pile = m.pileUp.bytes;
    if (pile > ram * MEMORY_LIMITS.pileUpWarning) {
      const mc = g.byName.get('max_connections');
      const moves = mc !== undefined && !mc.kept;
      out.push({
        messageId: 'pileUp' as const,
        severity: 'info' as const,
        data: { connections: ctx.settings.num('max_connections'), pileUp: approxBytes(pile), pct: percent(pile, ram), ram: approxBytes(ram), what },
        ...locateSetting(ctx, 'max_connections'),
        parameter: 'max_connections',
        ...(moves ? { suggestion: `max_connections = ${mc.recommended.text}` } : {}),
        help: 'put a pooler (PgBouncer) in front with a pool of about 2–4 connections per core',
      });
    }
    return out;
  },
});
