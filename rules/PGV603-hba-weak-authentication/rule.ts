import { defineRule, type RuleFinding } from '../../src/engine/types.js';

/**
 * pg_hba.conf (given with --hba): `trust` lets anyone in without a password, `password` sends it
 * in clear text; on network lines, and worst of all for 0.0.0.0/0 or ::/0, they are an open door
 * (client-authentication docs).
 */
const WORLD = new Set(['0.0.0.0/0', '::/0', 'all', '0.0.0.0 0.0.0.0']);

export default defineRule<'trust' | 'password' | 'world'>({
  meta: {
    id: 'PGV603',
    name: 'hba-weak-authentication',
    description: 'pg_hba.conf lines that let network clients in without a password, with a clear-text one, or from anywhere with a weak method.',
    defaultSeverity: 'warning',
    needs: ['hba'],
    messages: {
      trust: (d) => `${d.hba}:${d.line}: "${d.type} ${d.database} ${d.user} ${d.address} trust" lets anyone who can reach the port in as ${d.user === 'all' ? 'any user' : d.user}, without a password`,
      password: (d) => `${d.hba}:${d.line}: method "password" sends the password in clear text over the network${d.ssl ? '' : ' (this line does not require SSL)'}`,
      world: (d) => `${d.hba}:${d.line}: ${d.address} with method ${d.method}: the whole internet may try passwords, and ${d.method} is weak`,
    },
  },
  check(ctx) {
    const hba = ctx.hba!;
    const out: RuleFinding<'trust' | 'password' | 'world'>[] = [];
    const file = ctx.config.main;
    for (const l of hba.lines) {
      if (l.type === 'local') continue;
      const data = { hba: hba.path, line: l.line, type: l.type, database: l.database, user: l.user, address: l.address ?? '', method: l.method, ssl: l.type === 'hostssl' ? 'yes' : '' };
      const at = { file, line: 0, column: 0 };
      const world = l.address !== null && WORLD.has(l.address);
      if (l.method === 'trust') out.push({ messageId: 'trust', data, ...at, help: 'use scram-sha-256' });
      else if (l.method === 'password' && l.type !== 'hostssl') out.push({ messageId: 'password', data, ...at, help: 'use scram-sha-256' });
      if (world && l.method === 'md5') out.push({ messageId: 'world', data, ...at, help: 'restrict the address range, use hostssl and scram-sha-256' });
    }
    return out;
  },
});
