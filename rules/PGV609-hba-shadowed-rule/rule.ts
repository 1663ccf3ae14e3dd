import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { atRecord, hbaOf } from '../utils/hba.js';
import { HBA_FACTS, inVersions, type ConnectionType } from '../../src/catalog/hba.js';
import type { HbaAddress, HbaRecord, HbaRule } from '../../src/parse/hba-line.js';
import type { HbaToken } from '../../src/parse/hba.js';

/**
 * A pg_hba.conf line that can never be used: the server takes the first line that matches a
 * connection (check_hba in hba.c), and an earlier line matches every connection this one would.
 * Only certain cases count (pg_gather's "Shadowed By"): +groups, samerole, sameuser, regular
 * expressions and host names are compared only with `all` or the identical token.
 */

/** The connections each type matches: unix sockets, or TCP without encryption, with SSL, with GSSAPI encryption (never both). */
const STATES: Record<ConnectionType, readonly string[]> = {
  local: ['unix'],
  host: ['plain', 'ssl', 'gss'],
  hostssl: ['ssl'],
  hostnossl: ['plain', 'gss'],
  hostgssenc: ['gss'],
  hostnogssenc: ['plain', 'ssl'],
};

const kw = (t: HbaToken, w: string): boolean => !t.quoted && t.text === w;

function databasesCover(a: HbaToken[], b: HbaToken[], regex: boolean): boolean {
  const aAll = a.some((t) => kw(t, 'all'));
  return b.every((t) => {
    if (kw(t, 'replication')) return a.some((x) => kw(x, 'replication')); // `all` does not match physical replication
    if (kw(t, 'all') || kw(t, 'sameuser') || kw(t, 'samerole') || kw(t, 'samegroup') || (regex && t.text.startsWith('/'))) return aAll;
    return aAll || a.some((x) => x.text === t.text && !(regex && x.text.startsWith('/')) && !['all', 'sameuser', 'samerole', 'samegroup', 'replication'].some((k) => kw(x, k)));
  });
}

function usersCover(a: HbaToken[], b: HbaToken[], regex: boolean): boolean {
  if (a.some((t) => kw(t, 'all'))) return true;
  return b.every((t) => !kw(t, 'all') && !(regex && t.text.startsWith('/')) && a.some((x) => x.text === t.text && x.quoted === t.quoted));
}

function addressCovers(a: HbaAddress | null, b: HbaAddress | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind === 'all') return true;
  if (b.kind === 'all') return false;
  if (a.kind === 'samehost' || a.kind === 'samenet') return b.kind === a.kind || (a.kind === 'samenet' && b.kind === 'samehost');
  if (a.kind === 'hostname') {
    if (b.kind !== 'hostname') return false;
    const [an, bn] = [a.name.toLowerCase(), b.name.toLowerCase()];
    return an === bn || (an.startsWith('.') && bn.endsWith(an));
  }
  if (a.kind !== 'ip' || b.kind !== 'ip' || b.family !== a.family) return false;
  return a.mask.every((m, i) => (m & ~b.mask[i]!) === 0 && (b.bytes[i]! & m) === (a.bytes[i]! & m));
}

function covers(a: HbaRule, b: HbaRule, regex: boolean): boolean {
  return STATES[b.type].every((s) => STATES[a.type].includes(s)) && addressCovers(a.address, b.address) && databasesCover(a.databases, b.databases, regex) && usersCover(a.users, b.users, regex);
}

export default defineRule<'shadowed'>({
  meta: {
    id: 'PGV609',
    name: 'hba-shadowed-rule',
    description: 'A pg_hba.conf line that is never used, because an earlier line matches every connection it would.',
    defaultSeverity: 'info',
    messages: {
      shadowed: (d) => `this line is never used: ${d.where} ("${d.earlier}") matches every connection it would, and the first matching line wins`,
    },
  },
  check(ctx) {
    const out: RuleFinding<'shadowed'>[] = [];
    const regex = inVersions(ctx.version, HBA_FACTS.regex);
    const earlier: HbaRecord[] = [];
    for (const r of hbaOf(ctx)?.records ?? []) {
      if (!r.rule) continue;
      const by = earlier.find((e) => covers(e.rule!, r.rule!, regex));
      if (by) out.push({ messageId: 'shadowed', data: { where: by.file === r.file ? `line ${by.line}` : `${by.file}:${by.line}`, earlier: by.raw.trim().replace(/\s+/g, ' ') }, ...atRecord(r), help: 'move this line above the broader one, or remove it' });
      // a line the server logs as unusable (hostssl while ssl is off) matches nothing
      if (r.warning === undefined) earlier.push(r);
    }
    return out;
  },
});
