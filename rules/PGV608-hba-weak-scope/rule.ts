import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { atRecord, hbaOf } from '../utils/hba.js';
import { HBA_FACTS, inVersions } from '../../src/catalog/hba.js';
import type { HbaRule } from '../../src/parse/hba-line.js';
import { addressText, isWorld } from '../PGV603-hba-weak-authentication/rule.js';

/**
 * Network lines that are wider or weaker than they need to be (pg_gather's checkhba): md5 instead
 * of SCRAM, a network wider than a /24 (or every address), and password methods over plain `host`
 * lines while the server offers TLS. Advice, one finding per line; lines PGV603 already reports
 * (trust, password, md5 from anywhere, md5 on 18) are left to it.
 */

/** pg_gather checkhba: "Avoid keeping the subnet mask wide open" below /24. */
export const WIDE_IPV4_PREFIX = 24;
const PASSWORD_METHODS = new Set(['md5', 'scram-sha-256', 'password']);

function isLoopback(rule: HbaRule): boolean {
  const a = rule.address;
  if (a?.kind !== 'ip') return false;
  if (a.family === 4) return a.bytes[0] === 127 && (a.bits ?? 0) >= 8;
  return a.bits === 128 && a.bytes.slice(0, 15).every((b) => b === 0) && a.bytes[15] === 1;
}

function isWide(rule: HbaRule): boolean {
  const a = rule.address;
  if (a === null || isLoopback(rule)) return false;
  if (a.kind === 'all') return true;
  if (a.kind !== 'ip') return false;
  if (a.family === 4) return a.bits !== null && a.bits < WIDE_IPV4_PREFIX;
  return a.bits === 0;
}

export default defineRule<'scope'>({
  meta: {
    id: 'PGV608',
    name: 'hba-weak-scope',
    description: 'pg_hba.conf network lines with md5, an address range wider than /24 (or all), or passwords over a line that does not require TLS while ssl is on.',
    defaultSeverity: 'info',
    parameters: ['ssl'],
    messages: {
      scope: (d) => `${d.type} ${d.address} ${d.method}: ${d.reasons}`,
    },
  },
  check(ctx) {
    const out: RuleFinding<'scope'>[] = [];
    const ssl = ctx.settings.bool('ssl');
    const md5Deprecated = inVersions(ctx.version, HBA_FACTS.md5Deprecated);
    for (const r of hbaOf(ctx)?.records ?? []) {
      const l = r.rule;
      if (!l || l.type === 'local' || l.method === 'reject') continue;
      // PGV603's lines
      if (l.method === 'trust' || (l.method === 'password' && l.type !== 'hostssl') || (l.method === 'md5' && (isWorld(l) || md5Deprecated))) continue;
      const reasons: string[] = [];
      const helps: string[] = [];
      if (l.method === 'md5') {
        reasons.push('md5 is weaker than SCRAM (replayable hashes)');
        helps.push('use scram-sha-256');
      }
      if (isWide(l)) {
        reasons.push(l.address?.kind === 'all' ? 'every address may try to log in' : `a network wider than /${WIDE_IPV4_PREFIX} may try to log in`);
        helps.push('narrow the address range to the clients that need it');
      }
      if (ssl && l.type === 'host' && PASSWORD_METHODS.has(l.method)) {
        reasons.push('ssl is on, but this line also accepts connections without TLS');
        helps.push('use hostssl');
      }
      if (reasons.length === 0) continue;
      out.push({ messageId: 'scope', data: { type: l.type, address: addressText(l), method: l.method, reasons: reasons.join('; ') }, ...atRecord(r), help: helps.join('; ') });
    }
    return out;
  },
});
