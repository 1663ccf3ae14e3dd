import { defineRule } from '../../src/engine/types.js';
import { locateSetting, valueOf } from '../utils/locate.js';

/**
 * Every connection is a server process. Only about as many as there are cores run at once; the
 * rest wait, and each holds memory (≈1–3MB idle, work_mem per sort/hash when busy). Above
 * 4 × cores (and above the default 100) pgvet advises a connection pooler; above 10 × cores
 * (pg_gather's upper bound, peer-tools.md §4.10) it warns.
 */
export default defineRule<'pooler' | 'tooMany'>({
  meta: {
    id: 'PGV201',
    name: 'max-connections-high',
    description: 'max_connections far above the core count: a process per connection; use a connection pooler.',
    defaultSeverity: 'warning',
    needs: ['cores'],
    parameters: ['max_connections'],
    messages: {
      pooler: (d) => `max_connections = ${d.value} on ${d.cores} cores: each connection is a server process and only ~${d.cores} can run at once; a pooler (PgBouncer, pgpool) in front and max_connections near ${d.target} serves more clients faster`,
      tooMany: (d) => `max_connections = ${d.value} is more than 10× the ${d.cores} cores: idle processes cost memory and lock-table slots, busy ones thrash the CPUs; put a connection pooler in front and lower it to ~${d.target}`,
    },
  },
  check(ctx) {
    const cores = ctx.host.cores!;
    const value = Number(valueOf(ctx, 'max_connections'));
    const target = Math.max(100, Math.ceil(cores * 4));
    const at = { ...locateSetting(ctx, 'max_connections'), parameter: 'max_connections' };
    if (value > Math.max(200, cores * 10)) return [{ messageId: 'tooMany' as const, data: { value, cores, target }, ...at, suggestion: `max_connections = ${target}` }];
    if (value > Math.max(100, cores * 4)) return [{ messageId: 'pooler' as const, data: { value, cores, target }, ...at, help: 'see https://wiki.postgresql.org/wiki/Number_Of_Database_Connections' }];
    return [];
  },
});
