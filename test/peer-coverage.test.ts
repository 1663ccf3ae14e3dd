/**
 * docs/peer-coverage.md is true: every check of the peer tools (the team's audit, peer-checks.md) is
 * listed once with the pgvet rule that makes it or why it is out of scope; every rule it names exists;
 * at least 90 % of the scored checks are covered, and none of the top 25.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RULES } from '../rules/index.js';
import { PACKAGE_ROOT } from '../src/paths.js';

interface Row {
  id: string;
  top: boolean;
  status: string;
  rules: string[];
  note: string;
}

const DOC = fs.readFileSync(path.join(PACKAGE_ROOT, 'docs', 'peer-coverage.md'), 'utf8');

function cells(line: string): string[] {
  return line.slice(1, -1).split(' | ').map((c) => c.trim());
}

function rows(): Row[] {
  const out: Row[] = [];
  for (const line of DOC.split('\n')) {
    const m = /^\| ([A-Z]+-\d+)( ★)? \|/.exec(line);
    if (!m) continue;
    const c = cells(line);
    if (c.length !== 6) throw new Error(`peer-coverage.md: a row needs 6 cells: ${line}`);
    const pgvet = c[4]!;
    const rules = [...pgvet.matchAll(/\b(PGV\d{3})\b/g)].map((x) => x[1]!);
    if (pgvet.includes('pgvet plan')) rules.push('plan');
    out.push({ id: m[1]!, top: m[2] !== undefined, status: c[3]!, rules, note: c[5]! });
  }
  return out;
}

/** The top-25 table: its number, name and the rows that make it up. */
function topChecks(): Array<{ n: number; name: string; ids: string[] }> {
  const section = DOC.slice(DOC.indexOf('## The top 25'), DOC.indexOf('## Sources'));
  return [...section.matchAll(/^\| (\d+) \| ([a-z0-9-]+) \| ([A-Z0-9 -]+) \|$/gm)].map((m) => ({ n: Number(m[1]), name: m[2]!, ids: m[3]!.trim().split(/\s+/) }));
}

describe('peer coverage (docs/peer-coverage.md)', () => {
  const all = rows();
  const byId = new Map(all.map((r) => [r.id, r]));
  const scored = all.filter((r) => r.status !== 'n/a');
  const covered = scored.filter((r) => r.status === 'covered');

  test('lists 138 checks once each: 136 scored, 2 operator-policy rows n/a', () => {
    expect(all).toHaveLength(138);
    expect(byId.size).toBe(all.length);
    expect(scored).toHaveLength(136);
    expect(all.filter((r) => r.status === 'n/a').map((r) => r.id).sort()).toEqual(['DUR-4', 'VAL-8']);
    for (const r of all) expect(['covered', 'not covered', 'out of scope', 'n/a']).toContain(r.status);
  });

  test('the rows are the checks of peer-checks.md, when the reference is beside the checkout', () => {
    const ref = path.join(PACKAGE_ROOT, '..', 'shared', 'reference', 'peer-checks.md');
    if (!fs.existsSync(ref)) return; // the reference is not shipped with the package
    const ids = new Set([...fs.readFileSync(ref, 'utf8').matchAll(/^\| ([A-Z]+-\d+) \|/gm)].map((m) => m[1]!));
    expect([...byId.keys()].sort()).toEqual([...ids].sort());
  });

  test('every covered row names a rule that exists; every other row says why', () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    for (const r of all) {
      for (const rule of r.rules) if (rule !== 'plan') expect({ row: r.id, rule, exists: ids.has(rule) }).toEqual({ row: r.id, rule, exists: true });
      if (r.status === 'covered') expect({ row: r.id, rules: r.rules.length > 0 }).toEqual({ row: r.id, rules: true });
      else expect({ row: r.id, reason: r.note.length > 20 }).toEqual({ row: r.id, reason: true });
    }
  });

  test('at least 90% of the 136 scored checks are covered, and the summary line says how many', () => {
    expect(covered.length / scored.length).toBeGreaterThanOrEqual(0.9);
    expect(DOC).toContain(`**Covered: ${covered.length}**`);
  });

  test('none of the top 25 is missing', () => {
    const top = topChecks();
    expect(top.map((t) => t.n)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    for (const t of top) {
      for (const id of t.ids) {
        const row = byId.get(id);
        expect({ check: t.name, id, status: row?.status, starred: row?.top }).toEqual({ check: t.name, id, status: 'covered', starred: true });
      }
    }
    const starred = all.filter((r) => r.top).map((r) => r.id).sort();
    expect(starred).toEqual([...new Set(top.flatMap((t) => t.ids))].sort());
  });
});
