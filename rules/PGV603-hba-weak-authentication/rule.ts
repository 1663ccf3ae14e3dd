import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { atRecord, hbaOf } from '../utils/hba.js';
import type { HbaRule } from '../../src/parse/hba-line.js';
import { HBA_FACTS, inVersions } from '../../src/catalog/hba.js';

/**
 * pg_hba.conf (given with --hba): `trust` lets anyone in without a password, `password` sends it
 * in clear text; on network lines, and worst of all for 0.0.0.0/0 or ::/0, they are an open door
 * (client-authentication docs). From 18 MD5 passwords are deprecated (release notes), so an md5
 * line is a warning wherever it is.
 */
type Msg = 'trust' | 'password' | 'world' | 'md5Deprecated';

/** Every address: all, 0.0.0.0/0, ::/0, or 0.0.0.0 with netmask 0.0.0.0. */
export function isWorld(rule: HbaRule): boolean {
  const a = rule.address;
  return a !== null && (a.kind === 'all' || (a.kind === 'ip' && a.mask.every((b) => b === 0)));
}

export function addressText(rule: HbaRule): string {
  const a = rule.address;
  if (a === null) return '';
  return a.kind === 'ip' ? a.text : a.kind === 'hostname' ? a.name : a.kind;
}

export default defineRule<Msg>({
  meta: {
    id: 'PGV603',
    name: 'hba-weak-authentication',
    description: 'pg_hba.conf lines that let network clients in without a password, with a clear-text one, from anywhere with md5, or with md5 on 18.',
    defaultSeverity: 'warning',
    needs: ['hba'],
    messages: {
      trust: (d) => `"${d.type} ${d.database} ${d.user} ${d.address} trust" lets anyone who can reach the port in as ${d.user === 'all' ? 'any user' : d.user}, without a password`,
      password: (d) => `method "password" sends the password in clear text over the network${d.ssl ? '' : ' (this line does not require SSL)'}`,
      world: (d) => `${d.address} with method ${d.method}: the whole internet may try passwords, and ${d.method} is weak`,
      md5Deprecated: () => 'method "md5": MD5 passwords are deprecated in PostgreSQL 18 and will be removed in a future release',
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    for (const r of hbaOf(ctx)?.records ?? []) {
      const l = r.rule;
      if (!l || l.type === 'local') continue;
      const text = (ts: typeof l.databases): string => ts.map((t) => t.text).join(',');
      const data = { type: l.type, database: text(l.databases), user: text(l.users), address: addressText(l), method: l.method, ssl: l.type === 'hostssl' ? 'yes' : '' };
      const at = atRecord(r);
      if (l.method === 'trust') out.push({ messageId: 'trust', data, ...at, help: 'use scram-sha-256' });
      else if (l.method === 'password' && l.type !== 'hostssl') out.push({ messageId: 'password', data, ...at, help: 'use scram-sha-256' });
      if (l.method === 'md5') {
        if (isWorld(l)) out.push({ messageId: 'world', data, ...at, help: 'restrict the address range, use hostssl and scram-sha-256' });
        else if (inVersions(ctx.version, HBA_FACTS.md5Deprecated)) out.push({ messageId: 'md5Deprecated', data, ...at, help: 'use scram-sha-256 (and password_encryption = scram-sha-256, then reset the passwords)' });
      }
    }
    return out;
  },
});
