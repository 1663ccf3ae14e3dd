/**
 * `pgvet lint` on carriers as a user meets it: --show-effective (text, JSON), --carrier, standard
 * input (`helm template … | pgvet lint -`), and one-line exit-2 errors for what cannot be read.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { FIXTURES_DIR } from '../support/paths.js';

const BIN = path.join(PACKAGE_ROOT, 'bin', 'pgvet.js');
const require = createRequire(import.meta.url);
let dir: string;

function pgvet(args: string[], input?: string | Buffer): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: FIXTURES_DIR, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' }, timeout: 60000, maxBuffer: 1 << 26 });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

function expectOneLineError(r: { code: number | null; stderr: string; stdout: string }, mentions: RegExp): void {
  expect({ code: r.code, lines: r.stderr.trim().split('\n').length }).toEqual({ code: 2, lines: 1 });
  expect(r.stderr).toMatch(mentions);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvet-carriers-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('--show-effective prints each server with its settings, layers and places', () => {
  const r = pgvet(['lint', '--show-effective', 'corpus/platforms/zalando/zalando-upstream-complete-postgres-manifest.yaml']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('  postgresql acid-test-cluster (the Zalando operator (Spilo), read as zalando)  corpus/platforms/zalando/zalando-upstream-complete-postgres-manifest.yaml:1:1');
  expect(r.stdout).toMatch(/max_connections = '100' +forced +Patroni  corpus\/platforms\/zalando\/zalando-upstream-complete-postgres-manifest.yaml:54:24/);
  expect(r.stdout).toContain('max_connections = \'10\'  replaced: Patroni logs "postgresql parameter max_connections=10 failed validation, defaulting to 100" and uses 100 (its minimum is 25)');
});

test('--show-effective --format json', () => {
  const r = pgvet(['lint', 'corpus/platforms/cnpg/cnpg-upstream-cluster-example-full.yaml', '--show-effective', '--format', 'json']);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout) as { schemaVersion: number; files: Array<{ carrier: string; servers: Array<{ pgVersion: { major: number }; settings: Array<{ name: string; value: string; layer: string; at?: { line: number; column: number } }> }> }> };
  expect(out.schemaVersion).toBe(1);
  const s = out.files[0]!.servers[0]!;
  expect(s.pgVersion.major).toBe(18);
  expect(s.settings.find((x) => x.name === 'shared_buffers')).toMatchObject({ value: '256MB', layer: 'user', at: { line: 49, column: 23 } });
});

test('helm template … | pgvet lint -: standard input is detected as a manifest stream', () => {
  const stream = fs.readFileSync(path.join(FIXTURES_DIR, 'carriers/helm/template-output.yaml'), 'utf8');
  const show = pgvet(['lint', '--show-effective', '-'], stream);
  expect(show.code).toBe(0);
  expect(show.stdout).toContain('  Cluster app-db (CloudNativePG, read as cnpg)  <stdin>:19:1');
  const lint = pgvet(['lint', '-', '--format', 'json'], stream);
  // the chart renders max_wal_size 8GB beside a 4Gi walStorage: the CloudNativePG webhook refuses it
  expect(lint.code).toBe(1);
  const report = JSON.parse(lint.stdout) as { files: string[]; findings: Array<{ file: string; line: number; ruleId: string; severity: string }> };
  expect(report.findings.filter((f) => f.severity === 'error').map((f) => `${f.line} ${f.ruleId}`)).toEqual(['29 PGV059']);
  expect(report.files).toEqual(['<stdin>']);
  expect(report.findings.every((f) => f.file === '<stdin>' && f.line >= 19)).toBe(true);
});

test('--carrier forces a reader', () => {
  const file = path.join(dir, 'patroni-config.txt');
  fs.writeFileSync(file, 'scope: x\npostgresql:\n  parameters:\n    max_connections: 500\n');
  const r = pgvet(['lint', '--show-effective', '--carrier', 'patroni', file]);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/max_connections = '500'  ignored: Patroni discards max_connections from the local postgresql.parameters/);
  expect(pgvet(['lint', '--carrier', 'bogus', file]).code).toBe(2);
});

test('a directory: every carrier file in it', () => {
  const r = pgvet(['lint', '--show-effective', 'carriers/terraform/azure']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('azurerm_postgresql_flexible_server.main');
  expect(r.stdout).toMatch(/work_mem = '2097151' +user .*carriers\/terraform\/azure\/variables.tf:10:23/);
});

test('an unrendered template: render first, exit 2, one line', () => {
  expectOneLineError(pgvet(['lint', 'carriers/helm/unrendered-cluster.yaml']), /^pgvet: cannot read carriers\/helm\/unrendered-cluster.yaml:4: an unrendered template .*render it first \(helm template … \| pgvet lint -/);
  expectOneLineError(pgvet(['lint', '--show-effective', '-'], 'kind: Cluster\nspec:\n  instances: {{ .Values.n }}\n'), /<stdin>:3: an unrendered template/);
  const j2 = path.join(dir, 'patroni.yml.j2');
  fs.writeFileSync(j2, 'scope: {{ cluster }}\n');
  expectOneLineError(pgvet(['lint', j2]), /a template file; render it first/);
});

test('hostile inputs: one line, exit 2, no stack, no hang', () => {
  const deep = path.join(dir, 'deep.yaml');
  fs.writeFileSync(deep, `kind: Cluster\nspec: ${'['.repeat(50000)}${']'.repeat(50000)}\n`);
  expectOneLineError(pgvet(['lint', deep]), /deep.yaml:1: YAML nested more than 256 levels deep/);
  const big = path.join(dir, 'big.yaml');
  fs.writeFileSync(big, Buffer.alloc(17 * 1024 * 1024, 0x61));
  expectOneLineError(pgvet(['lint', '--max-file-size', '16MB', big]), /^pgvet: cannot read .*big.yaml: larger than 16MB; raise the limit with --max-file-size$/m);
  expectOneLineError(pgvet(['lint', '--max-file-size', '16MB', '-'], Buffer.alloc(17 * 1024 * 1024, 0x61)), /^pgvet: cannot read <stdin>: larger than 16MB; raise the limit with --max-file-size$/m);
  let bomb = 'scope: x\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 40; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  bomb += 'postgresql:\n  parameters: *a39\n';
  const r = pgvet(['lint', '--show-effective', '-'], bomb);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/postgresql.parameters is not a mapping of parameter names to values; ignored/);
  const fifo = path.join(dir, 'fifo.yaml');
  if (spawnSync('mkfifo', [fifo]).status === 0) expectOneLineError(pgvet(['lint', fifo]), /fifo.yaml: not a regular file/);
  const bad = path.join(dir, 'bad.yaml');
  fs.writeFileSync(bad, 'kind: Cluster\n  spec: [\n');
  expectOneLineError(pgvet(['lint', bad]), /^pgvet: cannot read .*bad.yaml:\d+:\d+: /);
});

test('a plain postgresql.conf is still a postgresql.conf', () => {
  const r = pgvet(['lint', 'postgresql.conf', '--pg-version', '17', '--format', 'json']);
  expect(JSON.parse(r.stdout).files).toEqual(['postgresql.conf']);
});

test('a manifest in SARIF validates against the SARIF 2.1.0 schema; platform findings point into the manifest in every format', () => {
  const file = 'carriers/cnpg/cluster.yaml';
  const r = pgvet(['lint', file, '--format', 'sarif']);
  expect(r.code).toBe(1);
  const sarif = JSON.parse(r.stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; ruleIndex: number; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn?: number } } }> }> }> };
  const AjvDraft4 = require('ajv-draft-04') as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown[] | null } };
  const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
  const validate = new AjvDraft4({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false }).compile(schema);
  expect(validate(sarif) ? [] : validate.errors).toEqual([]);
  const run = sarif.runs[0]!;
  const refused = run.results.find((x) => x.ruleId === 'PGV054')!;
  expect(refused.level).toBe('error');
  expect(run.tool.driver.rules[refused.ruleIndex]!.id).toBe('PGV054');
  expect(refused.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: file, uriBaseId: '%SRCROOT%' }, region: { startLine: 12, startColumn: 23 } });
  const gh = pgvet(['lint', file, '--format', 'github']);
  expect(gh.stdout).toContain('::error file=carriers/cnpg/cluster.yaml,line=15,col=7,');
  const json = JSON.parse(pgvet(['lint', file, '--format', 'json']).stdout) as { findings: Array<{ ruleId: string; name: string; line: number; column: number; severity: string }> };
  expect(json.findings.find((x) => x.ruleId === 'PGV050' && x.line === 15)).toMatchObject({ name: 'platform-refuses-setting', column: 7, severity: 'error' });
  const text = pgvet(['lint', file]);
  expect(text.stdout).toContain(`carriers/cnpg/cluster.yaml:15:7  error    PGV050  port = '5433'`.replace("'5433'", "'5432'"));
});

test('the platform rules are rules: listed, explained, configured in .pgvetrc.json, and their SARIF helpUri names an existing folder', () => {
  const rules = pgvet(['rules']);
  for (const id of ['PGV050', 'PGV051', 'PGV052', 'PGV053', 'PGV054', 'PGV055', 'PGV056', 'PGV057', 'PGV058', 'PGV059', 'PGV060']) expect(rules.stdout).toMatch(new RegExp(`^${id}  [a-z-]+ +(error|warning|info) `, 'm'));
  expect(pgvet(['explain', 'PGV059']).stdout).toMatch(/^# PGV059 wal-size-over-volume\n/);
  // .pgvetrc.json: PGV051 off, PGV059 raised to error
  const proj = path.join(dir, 'rc');
  fs.mkdirSync(proj, { recursive: true });
  fs.writeFileSync(path.join(proj, '.pgvetrc.json'), '{ "rules": { "PGV051": "off", "PGV059": "error" } }\n');
  fs.writeFileSync(path.join(proj, 'db.yaml'), 'apiVersion: acid.zalan.do/v1\nkind: postgresql\nmetadata:\n  name: acid-db\nspec:\n  numberOfInstances: 2\n  postgresql:\n    version: "16"\n    parameters:\n      max_connections: "10"\n      max_wal_size: "2GB"\n  volume:\n    size: 1Gi\n');
  const run = (args: string[]): ReturnType<typeof pgvet> => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: proj, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60000 });
    return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
  };
  const configured = JSON.parse(run(['lint', 'db.yaml', '--format', 'json']).stdout) as { findings: Array<{ ruleId: string; severity: string; line: number }> };
  expect(configured.findings.filter((f) => /^PGV05/.test(f.ruleId)).map((f) => `${f.line} ${f.ruleId} ${f.severity}`)).toEqual(['11 PGV059 error']);
  const plain = JSON.parse(run(['lint', 'db.yaml', '--format', 'json', '--no-config']).stdout) as { findings: Array<{ ruleId: string; severity: string; line: number }> };
  expect(plain.findings.filter((f) => /^PGV05/.test(f.ruleId)).map((f) => `${f.line} ${f.ruleId} ${f.severity}`)).toEqual(['10 PGV051 warning', '11 PGV059 warning']);
  const sarif = JSON.parse(run(['lint', 'db.yaml', '--format', 'sarif', '--no-config']).stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; name: string; helpUri: string }> } } }> };
  const listed = sarif.runs[0]!.tool.driver.rules;
  expect(listed.filter((r) => /^PGV0(5\d|60)$/.test(r.id))).toHaveLength(11);
  for (const r of listed) {
    const folder = /\/rules\/(PGV\d{3}-[a-z0-9-]+)\/README\.md$/.exec(r.helpUri)?.[1];
    expect({ id: r.id, folder: folder !== undefined && fs.existsSync(path.join(PACKAGE_ROOT, 'rules', folder, 'README.md')) }).toEqual({ id: r.id, folder: true });
  }
});

test('the whole platform corpus in one run: --show-effective prints every file, and its SARIF validates with every result pointing into the corpus', () => {
  const root = path.join(FIXTURES_DIR, 'corpus', 'platforms');
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name !== 'SOURCES.tsv') files.push(path.relative(FIXTURES_DIR, path.join(d, e.name)));
    }
  };
  walk(root);
  expect(files).toHaveLength(14);
  const eff = pgvet(['lint', '--show-effective', ...files]);
  expect({ code: eff.code, stderr: eff.stderr }).toEqual({ code: 0, stderr: '' });
  for (const f of files) expect(eff.stdout).toContain(`  ${f}:`);
  const r = pgvet(['lint', ...files, '--format', 'sarif', '--no-config']);
  expect(r.stderr).toBe('');
  const sarif = JSON.parse(r.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
  const AjvDraft4 = require('ajv-draft-04') as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown[] | null } };
  const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
  const validate = new AjvDraft4({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false }).compile(schema);
  expect(validate(sarif) ? [] : validate.errors).toEqual([]);
  const results = sarif.runs[0]!.results;
  expect(results.length).toBeGreaterThan(0);
  for (const x of results) expect(files).toContain(x.locations[0]!.physicalLocation.artifactLocation.uri);
});
