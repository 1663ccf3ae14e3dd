/**
 * The effective configuration runs through today's engine (lintFile on the generated file), and
 * every finding comes back to the carrier's own file, line and column.
 */
import fs from 'node:fs';
import { effectiveConfig } from '../../src/carriers/effective.js';
import { lintEffective, hostFromModel } from '../../src/carriers/lint.js';
import { readCarriers } from '../../src/carriers/read.js';
import { renderEffective, quoteConf } from '../../src/carriers/render.js';
import type { Finding } from '../../src/engine/types.js';
import { FIXTURES_DIR } from '../support/paths.js';

let cwd: string;
beforeAll(() => {
  cwd = process.cwd();
  process.chdir(FIXTURES_DIR);
});
afterAll(() => process.chdir(cwd));

function lint(input: string, index = 0): { findings: Finding[]; version: number } {
  const server = readCarriers([input]).flatMap((r) => r.servers)[index]!;
  return lintEffective(effectiveConfig(server));
}
const at = (f: Finding): string => `${f.file}:${f.line}:${f.column} ${f.ruleId}`;

test('a syntax error inside embedded conf text is reported at its place in the values file', () => {
  const { findings } = lint('carriers/helm/bitnami-values.yaml');
  const syntax = findings.find((f) => f.ruleId === 'PGV001')!;
  expect(at(syntax)).toBe('carriers/helm/bitnami-values.yaml:9:25 PGV001');
  expect(syntax.message).toBe('syntax error near token "GB" (a fraction with a unit must be quoted)');
});

test('findings on a map entry point at its key; the major version and host come from the document', () => {
  const { findings, version } = lint('carriers/cnpg/cluster.yaml');
  expect(version).toBe(17);
  expect(findings.filter((f) => f.ruleId === 'PGV102').map(at)).toEqual(['carriers/cnpg/cluster.yaml:12:7 PGV102']);
  // the platform's own default is named as such
  expect(findings.find((f) => f.ruleId === 'PGV204')!.message).toMatch(/\(set by CloudNativePG: CloudNativePG's defaults\)$/);
});

test('a value the engine refuses is reported at the value in the HCL file', () => {
  const { findings } = lint('carriers/terraform/rds/main.tf');
  expect(findings.filter((f) => f.ruleId === 'PGV004').map(at)).toEqual(['carriers/terraform/rds/main.tf:7:13 PGV004']);
});

test('a mounted configuration file is linted in place, the command line wins over it', () => {
  const { findings } = lint('carriers/compose/compose.yaml');
  expect(findings.filter((f) => f.ruleId === 'PGV008').map(at)).toEqual(['carriers/compose/postgresql.conf:4:1 PGV008']);
  expect(findings.find((f) => f.ruleId === 'PGV201')).toMatchObject({ file: 'carriers/compose/compose.yaml', line: 7, column: 10 });
});

test('the corpus lints end to end: every finding points into the carrier file (or a file it mounts), never at the generated file', () => {
  const inputs = ['corpus/platforms/zalando/zalando-upstream-complete-postgres-manifest.yaml', 'corpus/platforms/cnpg/lsst-yagan-cluster-cnpg-cluster.yaml', 'corpus/platforms/ansible/autobase-common-defaults-main.yml'];
  for (const input of inputs) {
    const lines = fs.readFileSync(input, 'utf8').split('\n').length;
    const { findings } = lint(input);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.file).toBe(input);
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.line).toBeLessThanOrEqual(lines);
    }
  }
  // Zalando's max_connections "10" is replaced by Patroni: the engine sees 100
  const z = readCarriers(['corpus/platforms/zalando/zalando-upstream-complete-postgres-manifest.yaml'])[0]!.servers[0]!;
  expect(renderEffective(effectiveConfig(z)).text).toMatch(/^max_connections = '100'$/m);
});

test('rendering quotes as postgresql.conf reads it back', () => {
  expect(quoteConf("it's C:\\x")).toBe("'it''s C:\\\\x'");
});

test('host facts: limits first, else requests; flags win field by field', () => {
  const s = readCarriers(['carriers/cnpg/cluster.yaml'])[0]!.servers[0]!;
  expect(hostFromModel(s)).toEqual({ ramBytes: 4 * 1024 ** 3, cores: 0.5, replicas: 2, containerLimited: true });
  const r = lintEffective(effectiveConfig(s), { host: { ramBytes: 64 * 1024 ** 3 } });
  expect(r.host).toEqual({ ramBytes: 64 * 1024 ** 3, cores: 0.5, replicas: 2, containerLimited: true });
});
