/**
 * The shared rule tester and the rule contract: every rule folder has its code, README and
 * cases; README examples run (bad → this rule's finding, good → none); cases run on every
 * version they name.
 */
import type { Host } from '../src/host/types.js';
import fs from 'node:fs';
import path from 'node:path';
import { RULES } from '../rules/index.js';
import { PG_MAJORS, type PgMajor } from '../src/catalog/types.js';
import { ruleApplies } from '../src/engine/lint.js';
import { loadCatalog } from '../src/catalog/catalog.js';
import type { RuleCase, RuleCases } from '../src/engine/cases.js';
import { RULES_DIR } from '../src/paths.js';
import { hostFromFence, lintText, serverFromFence, todayFromFence } from './support/lint-helpers.js';
import type { CarrierCases } from '../src/carriers/cases.js';
import type { CarrierId } from '../src/carriers/model.js';
import { PLATFORM_RULE_IDS } from '../src/carriers/checks.js';
import { lintCarrierText } from './support/carrier-helpers.js';

const folders = fs.readdirSync(RULES_DIR).filter((f) => fs.statSync(path.join(RULES_DIR, f)).isDirectory() && /^PGV\d{3}-/.test(f)).sort(); // utils/ holds the rules' shared helpers

describe('rule contract', () => {
  test('every folder is a registered rule, in code order', () => {
    expect(folders).toEqual(RULES.map((r) => `${r.meta.id}-${r.meta.name}`));
  });
  test('ids and names are unique and well-formed', () => {
    const ids = RULES.map((r) => r.meta.id);
    const names = RULES.map((r) => r.meta.name);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(names).size).toBe(names.length);
    for (const r of RULES) {
      expect(r.meta.id).toMatch(/^PGV\d{3}$/);
      expect(r.meta.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.meta.description.length).toBeGreaterThan(10);
    }
  });
  test.each(folders)('%s has rule.ts, README.md with the required sections, cases.ts', (folder) => {
    for (const f of ['rule.ts', 'README.md', 'cases.ts']) expect(fs.existsSync(path.join(RULES_DIR, folder, f))).toBe(true);
    const readme = fs.readFileSync(path.join(RULES_DIR, folder, 'README.md'), 'utf8');
    expect(readme.startsWith(`# ${folder.slice(0, 6)} ${folder.slice(7)}`)).toBe(true);
    for (const section of ['## Why', '## Examples', '## Versions', '## References']) expect(readme).toContain(section);
    // platform rules (PGV050–PGV060) show carrier documents: ```yaml bad / ```hcl good
    expect(readme).toMatch(/```(conf|yaml|hcl) bad/);
    expect(readme).toMatch(/```(conf|yaml|hcl) good/);
  });
});

interface Example {
  kind: 'bad' | 'good';
  versions: PgMajor[];
  conf: string;
  host?: Partial<Host>;
  hba?: string;
  today?: string;
  serverVersion?: string;
}

/** ```conf bad [pg=13] [host=ram:16GB,cores:4] [today=2026-12-05] [server=17.4] / ```conf good [pg=15-18] fenced blocks, optionally followed by a ```hba block. */
function examples(readme: string): Example[] {
  const out: Example[] = [];
  const re = /```conf (bad|good)([^\n]*)\n([\s\S]*?)```/g;
  for (let m = re.exec(readme); m; m = re.exec(readme)) {
    const range = /pg=(\d+)(?:-(\d+))?/.exec(m[2]!);
    const from = range ? Number(range[1]) : 13;
    const to = range ? Number(range[2] ?? range[1]) : 18;
    const host = hostFromFence(m[2]!);
    const today = todayFromFence(m[2]!);
    const serverVersion = serverFromFence(m[2]!);
    out.push({ kind: m[1] as 'bad' | 'good', versions: PG_MAJORS.filter((v) => v >= from && v <= to), conf: m[3]!, ...(host ? { host } : {}), ...(today ? { today } : {}), ...(serverVersion ? { serverVersion } : {}) });
  }
  // a ```hba block right after an example is the pg_hba.conf for it (--hba)
  let i = 0;
  const withHba = [...readme.matchAll(/```conf (bad|good)[^\n]*\n[\s\S]*?```(\s*```hba\n([\s\S]*?)```)?/g)];
  for (const w of withHba) {
    if (w[3] !== undefined && out[i]) out[i]!.hba = w[3];
    i++;
  }
  return out;
}

/** ```yaml bad [carrier=cnpg] [pg=16] / ```hcl good fenced carrier documents (platform rules). */
function carrierExamples(readme: string): Array<{ kind: 'bad' | 'good'; text: string; carrier?: CarrierId; version?: PgMajor }> {
  return [...readme.matchAll(/```(?:yaml|hcl) (bad|good)([^\n]*)\n([\s\S]*?)```/g)].map((m) => {
    const carrier = /carrier=([a-z-]+)/.exec(m[2]!)?.[1] as CarrierId | undefined;
    const pg = /pg=(\d+)/.exec(m[2]!)?.[1];
    return { kind: m[1] as 'bad' | 'good', text: m[3]!, ...(carrier ? { carrier } : {}), ...(pg ? { version: Number(pg) as PgMajor } : {}) };
  });
}

for (const rule of RULES.filter((r) => PLATFORM_RULE_IDS.has(r.meta.id))) {
  const folder = `${rule.meta.id}-${rule.meta.name}`;
  describe(`${folder} (carrier documents)`, () => {
    const readme = fs.readFileSync(path.join(RULES_DIR, folder, 'README.md'), 'utf8');
    const all = carrierExamples(readme);
    test('the README shows carrier examples on both sides', () => {
      expect(all.some((e) => e.kind === 'bad')).toBe(true);
      expect(all.some((e) => e.kind === 'good')).toBe(true);
    });
    test.each(all.map((e, i) => [i + 1, e.kind, e] as const))('README example %i (%s)', (_i, kind, ex) => {
      const own = lintCarrierText(ex.text, ex).filter((f) => f.ruleId === rule.meta.id);
      if (kind === 'bad') expect(own.length).toBeGreaterThan(0);
      else expect(own).toEqual([]);
    });
    test('cases: valid ones give no finding of this rule; invalid ones give exactly the expected findings and data', async () => {
      const cases = ((await import(`../rules/${folder}/cases.js`)) as { default: CarrierCases }).default;
      expect(cases.carrier).toBe(true);
      for (const c of cases.valid) {
        const own = lintCarrierText(c.text, c).filter((f) => f.ruleId === rule.meta.id);
        expect({ case: c.name, findings: own }).toEqual({ case: c.name, findings: [] });
      }
      for (const c of cases.invalid) {
        const own = lintCarrierText(c.text, c).filter((f) => f.ruleId === rule.meta.id);
        expect({ case: c.name, findings: own.map((f) => `${f.line}:${f.column} ${f.messageId}`) }).toEqual({ case: c.name, findings: c.findings });
        if (c.data) expect({ case: c.name, data: own[0]!.data }).toEqual({ case: c.name, data: expect.objectContaining(c.data) });
      }
    });
  });
}

for (const rule of RULES) {
  const folder = `${rule.meta.id}-${rule.meta.name}`;
  describe(folder, () => {
    const readme = fs.readFileSync(path.join(RULES_DIR, folder, 'README.md'), 'utf8');
    const applicable = (versions: PgMajor[]): PgMajor[] => versions.filter((v) => ruleApplies(rule, v));
    for (const [i, ex] of examples(readme).entries()) {
      test.each(applicable(ex.versions))(`README example ${i + 1} (${ex.kind}) on %i`, (v) => {
        const own = lintText(ex.conf, v, {}, { ...(ex.host ? { host: ex.host } : {}), ...(ex.hba !== undefined ? { hba: ex.hba } : {}), ...(ex.today ? { today: ex.today } : {}), ...(ex.serverVersion ? { serverVersion: ex.serverVersion } : {}) }).findings.filter((f) => f.ruleId === rule.meta.id);
        // a bad example shows one problem: exactly one finding of this rule (Biome's expect_diagnostic)
        if (ex.kind === 'bad') expect(own.map((f) => f.messageId)).toHaveLength(1);
        else expect(own).toEqual([]);
      });
    }
    test('has cases', async () => {
      const cases = ((await import(`../rules/${folder}/cases.js`)) as { default: RuleCases }).default;
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
    });
  });
}

function caseOptions(c: RuleCase): Parameters<typeof lintText>[3] {
  return { ...(c.host ? { host: c.host } : {}), ...(c.hba !== undefined ? { hba: c.hba } : {}), ...(c.today ? { today: c.today } : {}), ...(c.serverVersion ? { serverVersion: c.serverVersion } : {}) };
}

describe.each(RULES.filter((r) => !PLATFORM_RULE_IDS.has(r.meta.id)).map((r) => [`${r.meta.id}-${r.meta.name}`, r] as const))('%s cases', (folder, rule) => {
  let cases: RuleCases = { valid: [], invalid: [] };
  beforeAll(async () => {
    cases = ((await import(`../rules/${folder}/cases.js`)) as { default: RuleCases }).default;
  });
  test('valid cases give no finding of this rule; invalid ones give exactly the expected lines', () => {
    for (const c of cases.valid) {
      for (const v of (c.versions ?? [...PG_MAJORS]).filter((x) => ruleApplies(rule, x))) {
        const own = lintText(c.conf, v, c.files, caseOptions(c)).findings.filter((f) => f.ruleId === rule.meta.id);
        expect({ case: c.name, version: v, findings: own }).toEqual({ case: c.name, version: v, findings: [] });
      }
    }
    const fired = new Set<string>();
    const known = Object.keys(rule.meta.messages);
    for (const c of cases.invalid) {
      // an invalid case names its lines: without them the comparison below could not fail
      expect({ case: c.name, lines: Array.isArray(c.lines) && c.lines.length > 0 }).toEqual({ case: c.name, lines: true });
      if (c.messageIds) expect({ case: c.name, unknown: c.messageIds.filter((id) => !known.includes(id)) }).toEqual({ case: c.name, unknown: [] });
      for (const v of (c.versions ?? [...PG_MAJORS]).filter((x) => ruleApplies(rule, x))) {
        const own = lintText(c.conf, v, c.files, caseOptions(c)).findings.filter((f) => f.ruleId === rule.meta.id);
        expect({ case: c.name, version: v, lines: own.map((f) => f.line) }).toEqual({ case: c.name, version: v, lines: c.lines });
        for (const f of own) {
          // every finding carries a message id the rule declares, and its data
          expect({ case: c.name, messageId: f.messageId, known: known.includes(f.messageId ?? '') }).toEqual({ case: c.name, messageId: f.messageId, known: true });
          expect(typeof f.data).toBe('object');
          fired.add(f.messageId!);
        }
        if (c.messageIds) expect({ case: c.name, version: v, messageIds: own.map((f) => f.messageId) }).toEqual({ case: c.name, version: v, messageIds: c.messageIds });
        if (c.data) expect({ case: c.name, version: v, data: own.map((f) => f.data) }).toEqual({ case: c.name, version: v, data: c.data.map((d) => expect.objectContaining(d)) });
        if (c.messageIncludes) for (const f of own) expect(f.message).toContain(c.messageIncludes);
      }
    }
    // every message the rule can give is shown by a case (the sweep is not vacuous: it saw each one fire)
    expect({ rule: rule.meta.id, neverFired: known.filter((id) => !fired.has(id)) }).toEqual({ rule: rule.meta.id, neverFired: [] });
  });

  test('every parameter the rule declares exists in the catalog of a version the rule applies to', () => {
    // some exist only in some versions (summarize_wal from 17): the rule reads them where they exist
    const versions = PG_MAJORS.filter((x) => ruleApplies(rule, x));
    expect(versions.length).toBeGreaterThan(0);
    const missing = (rule.meta.parameters ?? []).filter((p) => !versions.some((v) => loadCatalog(v).params.has(p.toLowerCase())));
    expect({ rule: rule.meta.id, missing }).toEqual({ rule: rule.meta.id, missing: [] });
  });
});
