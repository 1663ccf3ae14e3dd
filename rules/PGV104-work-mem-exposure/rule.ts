import { defineRule } from '../../src/engine/types.js';
import { locateSetting, valueOf } from '../utils/locate.js';
import { approxBytes, bytesOf, percent } from '../utils/host-math.js';
import { formatBytes } from '../../src/catalog/values.js';
import { DEFAULT_WORKLOAD, WORKLOAD_PROFILES } from '../../src/host/workloads.js';

/**
 * work_mem is per sort/hash node per process, not per server: connections × nodes per query ×
 * work_mem can exceed what is left after shared_buffers. The peers disagree on the model
 * (peer-tools.md §4.3/§4.5); pgvet uses PGTune's "about 3 nodes per query" for analytics and 1–2
 * for short OLTP queries, counted over the expected active connections (--connections) or
 * max_connections, against RAM minus shared_buffers.
 */
export default defineRule<'exposure' | 'single'>({
  meta: {
    id: 'PGV104',
    name: 'work-mem-exposure',
    description: 'work_mem × connections × sort/hash nodes can exceed the RAM left after shared_buffers.',
    defaultSeverity: 'warning',
    needs: ['ramBytes'],
    parameters: ['work_mem', 'max_connections', 'shared_buffers', 'hash_mem_multiplier'],
    messages: {
      exposure: (d) => `work_mem = ${d.wm} × ${d.conns} ${d.connsWhat} × ${d.nodes} sort/hash nodes per query (hash nodes × hash_mem_multiplier ${d.hmm}) = ${d.total}, more than the ${d.left} left after shared_buffers on ${d.ram} RAM (${d.pct})`,
      single: (d) => `work_mem = ${d.wm} is ${d.pct} of ${d.ram} RAM for a single sort or hash; one query with a few such nodes can exhaust the host`,
    },
  },
  check(ctx) {
    const ram = ctx.host.ramBytes!;
    const wm = bytesOf(ctx, 'work_mem');
    const at = { ...locateSetting(ctx, 'work_mem'), parameter: 'work_mem' };
    if (wm > ram / 4) return [{ messageId: 'single' as const, data: { wm: formatBytes(wm), pct: percent(wm, ram), ram: formatBytes(ram) }, ...at }];
    // More expected clients than max_connections cannot all run a query: the server admits
    // max_connections sessions (a pooler queues the rest), as the simulator counts them.
    const maxConns = Number(valueOf(ctx, 'max_connections'));
    const expected = ctx.host.connections;
    const conns = expected === undefined ? maxConns : Math.min(expected, maxConns);
    const profile = WORKLOAD_PROFILES[ctx.host.workload ?? DEFAULT_WORKLOAD];
    const nodes = profile.nodesTypical.value;
    // hash nodes may use work_mem × hash_mem_multiplier (2.0 by default from 15)
    const hmm = Number(valueOf(ctx, 'hash_mem_multiplier') ?? 1);
    const perNode = wm * (1 - profile.hashShare.value + profile.hashShare.value * hmm);
    const left = ram - bytesOf(ctx, 'shared_buffers');
    if (left <= 0) return []; // shared_buffers alone fills the RAM: PGV102 says so
    const total = perNode * conns * nodes;
    if (total <= left) return [];
    const fit = Math.max(64 * 1024, Math.floor(((wm / perNode) * left) / (conns * nodes) / 1024) * 1024);
    return [{
      messageId: 'exposure' as const,
      data: { wm: formatBytes(wm), hmm, conns, connsWhat: expected === undefined ? 'connections (max_connections)' : expected > maxConns ? `connections (max_connections; the server admits no more of the ${expected} expected clients)` : 'active connections', nodes, total: approxBytes(total), left: approxBytes(Math.max(0, left)), ram: formatBytes(ram), pct: percent(total, Math.max(1, left)) },
      ...at,
      suggestion: `work_mem = ${formatBytes(fit)}`,
      help: 'lower work_mem, raise it per session or role (SET work_mem) for the queries that need it, or pool connections',
    }];
  },
});
