/**
 * Connections: max_connections (headroom above the active clients, a pooler above 4 × cores,
 * too many above 10 × cores or when a pile-up would not fit the RAM even at the work_mem floor),
 * the reserved slots, and idle-in-transaction sessions.
 */
import type { SettingSource } from '../resolve/reader.js';
import { advises, hazard, moves, range } from './band.js';
import { approxBytes as h } from '../format.js';
import { MB } from './format.js';
import { MEMORY_LIMITS } from './memory.js';
import type { ParamPolicy, PolicyContext } from './types.js';
import { WORKLOAD_POLICIES } from './workloads.js';

const MIN = 60 * 1000;

/** Above this, put a pooler in front (info): only ~2 × cores sessions run productively. */
export const poolerTier = (cores: number): number => Math.max(100, Math.floor(4 * cores));
/** Above this, too many processes (warning). */
export const tooManyTier = (cores: number): number => Math.max(200, Math.floor(10 * cores));
/** Never fewer (pgtune's desktop value): below it an administrator, a monitor and a backup crowd out the application. */
export const MIN_CONNECTIONS = 20;
/** Headroom above the active clients: pool sizes plus monitoring, backups and migrations. */
export const connectionsFor = (active: number, reserved: number): number => Math.ceil(1.5 * active) + 10 + reserved;

/** The most connections whose pile-up (at the work_mem floor) and busy hour fit the RAM. */
function memoryFit(c: PolicyContext, workMemFloor: number): number {
  // huge_pages is judged after max_connections: assume the page tables are paid ("try")
  const at = (n: number): SettingSource => ({
    get(name) {
      const key = name.toLowerCase();
      if (key === 'max_connections') return { value: n, param: c.catalog.params.get(key)! };
      if (key === 'work_mem') return { value: workMemFloor / 1024, param: c.catalog.params.get(key)! };
      if (key === 'huge_pages') return { value: 'try', param: c.catalog.params.get(key)! };
      return c.planned.get(key);
    },
  });
  const fits = (n: number): boolean => c.bounds.pileUp(at(n)) <= MEMORY_LIMITS.pileUpWarning * c.ram && c.bounds.busyHour(at(n)) <= MEMORY_LIMITS.busyWarning * c.ram;
  const max = c.catalog.params.get('max_connections')!.max ?? 262143;
  if (!fits(1)) return 1;
  // double until it no longer fits (big shared memory for huge counts is slow to size), then bisect
  let ok = 1;
  let bad = 2;
  while (bad <= max && fits(bad)) {
    ok = bad;
    bad *= 2;
  }
  bad = Math.min(bad, max + 1);
  while (bad - ok > 1) {
    const mid = Math.floor((ok + bad) / 2);
    if (fits(mid)) ok = mid;
    else bad = mid;
  }
  return ok;
}

export const superuserReservedConnections: ParamPolicy = {
  name: 'superuser_reserved_connections',
  area: 'connections',
  nature: 'budget',
  needs: [],
  judge(c) {
    const other = c.has('reserved_connections') ? c.num('reserved_connections') : 0;
    return {
      target: 3,
      band: range(other > 0 ? [] : [moves(1, 'warning', 'no slot is kept for an administrator: when the connections run out, nobody can get in to fix it')], []),
      reason: 'keeps 3 slots for superusers (the default), the way in when "too many clients" locks everyone else out',
      formula: '3 (the default); 0 is fine only with reserved_connections (16+)',
      inputs: { reserved_connections: other },
      sources: ['pg-connection', 'postgresqltuner'],
    };
  },
};

export const maxConnections: ParamPolicy = {
  name: 'max_connections',
  area: 'connections',
  nature: 'budget',
  needs: ['ramBytes', 'cores'],
  judge(c) {
    const wp = WORKLOAD_POLICIES[c.workload];
    const reserved = c.num('superuser_reserved_connections') + (c.has('reserved_connections') ? c.num('reserved_connections') : 0);
    const active = c.host.connections;
    const pooler = poolerTier(c.cores);
    const tooMany = tooManyTier(c.cores);
    const floorWm = Math.max(4 * MB, Number(c.defaultOf('work_mem')) * 1024);
    const fit = memoryFit(c, floorWm);
    const wanted = active !== undefined ? connectionsFor(active, reserved) : Math.min(wp.connections.value, pooler);
    const most = c.catalog.params.get('max_connections')!.max ?? 262143;
    const need = Math.min(most, active !== undefined ? active + reserved : reserved + 1);
    // Declared active clients get their headroom (capped only by memory); otherwise the pooler tier caps it.
    // Memory wins over the declared clients: more than fit in a pile-up belong behind a pooler (the note says so).
    const target = Math.min(most, Math.max(Math.min(need, Math.max(fit, MIN_CONNECTIONS)), Math.min(wanted, Math.max(fit, MIN_CONNECTIONS), active !== undefined ? Infinity : tooMany)));
    const pool = `${2 * Math.ceil(c.cores)}–${4 * Math.ceil(c.cores)}`;
    const notes: string[] = [];
    if (target > fit) notes.push(`${target} connections do not fit ${h(c.ram)} when they all sort at once, even at work_mem = 4MB: put a pooler (PgBouncer) in front with a pool of about ${pool} server connections`);
    else if (active !== undefined && target < wanted) notes.push(`the headroom for ${active} active clients (${wanted} connections) does not fit ${h(c.ram)} in a pile-up: ${target}, and a pooler (PgBouncer) in front with a pool of about ${pool} server connections`);
    else if (active !== undefined && target > pooler) notes.push(`${active} active clients on ${c.cores} cores: only about ${2 * Math.ceil(c.cores)} run productively at once; a pooler (PgBouncer) with a pool of about ${pool} serves them faster`);
    const low = active !== undefined ? [moves(Math.min(need, target), 'warning', `fewer slots than the ${active} active clients (+ ${reserved} reserved): the rest are refused`)] : [];
    return {
      target,
      band: range(low, [
        advises(Math.max(target, pooler), 'info', `more than 4 per core: only about 2 × ${c.cores} sessions run productively at once; a pooler serves more clients faster`),
        // advice, not a move: lowering a file's max_connections refuses its clients; only memory is a hazard
        advises(Math.max(target, tooMany), 'warning', 'more than 10 per core: idle processes cost memory and lock-table slots, busy ones thrash the CPUs; use a pooler'),
        hazard(Math.max(target, fit), 'warning', `a pile-up (every connection sorting at once, even at work_mem = 4MB) would not fit ${h(c.ram)}`),
      ]),
      reason: active !== undefined
        ? `${active} active clients with headroom for pools, monitoring, backups and migrations (+ ${reserved} reserved)`
        : `pgtune's default for ${c.workload}${wp.connections.value > pooler ? `, capped at ${pooler} (4 per core, at least 100): more clients belong behind a pooler` : ''}${target < Math.min(wanted, tooMany) ? `, lowered to ${target} so that a pile-up fits ${h(c.ram)}` : ''}`,
      formula: active !== undefined
        ? 'ceil(1.5 × active clients) + 10 + reserved slots, at most the pile-up fit'
        : `min(workload default, max(100, 4 × cores), the most connections whose pile-up at work_mem = 4MB fits the RAM), at least ${MIN_CONNECTIONS}`,
      inputs: { cores: c.cores, ...(active !== undefined ? { 'active clients': active } : { 'workload default': wp.connections.value }), reserved, 'pooler above': pooler, 'too many above': tooMany, 'pile-up fit': fit },
      sources: [...wp.connections.sources, 'wiki-connections', 'freund-connections', 'pg-gather'],
      notes,
    };
  },
};

export const idleInTransactionTimeout: ParamPolicy = {
  name: 'idle_in_transaction_session_timeout',
  area: 'connections',
  nature: 'budget',
  needs: [],
  judge(c) {
    const strict = c.workload === 'web' || c.workload === 'oltp';
    return {
      target: c.fromMs('idle_in_transaction_session_timeout', 10 * MIN),
      band: range([moves(1, strict ? 'warning' : 'info', 'sessions left idle in a transaction keep their locks and hold back the xmin horizon, so vacuum cannot clean up anywhere')], []),
      reason: 'ends sessions idle inside a transaction for 10 minutes (set it per role where an application needs longer)',
      formula: '10min (5–30min; 0 = never)',
      inputs: { workload: c.workload },
      sources: ['pg-client', 'pg-gather'],
    };
  },
};
