/**
 * Every file of the platform corpus (and pgvet's own carrier fixtures) is read without an input
 * error, and its effective settings are the golden files under fixtures/carriers/golden
 * (text and JSON), and its findings (platform checks and the engine's rules on the effective
 * configuration, at the carrier's own lines) are the `.findings.txt` beside them.
 * `UPDATE_GOLDEN=1` rewrites them; review the diff.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readCarriers } from '../../src/carriers/read.js';
import { renderEffectiveJson, renderEffectiveText } from '../../src/carriers/show.js';
import { lintCarrier } from '../../src/carriers/cli.js';
import { NEWEST_MAJOR } from '../../src/catalog/types.js';
import { FIXTURES_DIR } from '../support/paths.js';

const GOLDEN = path.join(FIXTURES_DIR, 'carriers', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function list(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
    const r = path.join(rel, name);
    if (fs.statSync(path.join(dir, r)).isDirectory()) out.push(...list(dir, r));
    else out.push(r);
  }
  return out;
}

const corpus = list(path.join(FIXTURES_DIR, 'corpus', 'platforms'))
  .filter((f) => f !== 'SOURCES.tsv')
  .map((f) => path.join('corpus', 'platforms', f));

/** pgvet's own fixtures: one input per file, except a Terraform directory (one module). */
const own = [
  'carriers/ansible/autobase-vars.yml',
  'carriers/ansible/geerlingguy-vars.yml',
  'carriers/cnpg/cluster.yaml',
  'carriers/compose/compose.yaml',
  'carriers/docker/run-postgres.sh',
  'carriers/helm/bitnami-legacy-values.yaml',
  'carriers/helm/bitnami-values.yaml',
  'carriers/helm/template-output.yaml',
  'carriers/patroni/patroni.yml',
  'carriers/pgo/postgrescluster.yaml',
  'carriers/stackgres/production.yaml',
  'carriers/terraform/azure',
  'carriers/terraform/cloudsql/main.tf',
  'carriers/terraform/rds/main.tf',
  'carriers/zalando/geonode-style.yaml',
];

let cwd: string;
beforeAll(() => {
  cwd = process.cwd();
  // display paths relative to fixtures/, as the golden files hold them
  process.chdir(FIXTURES_DIR);
});
afterAll(() => process.chdir(cwd));

function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (UPDATE) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
  }
  expect({ file: name, text: actual }).toEqual({ file: name, text: fs.readFileSync(file, 'utf8') });
}

test('the corpus has every platform file pgvet reads', () => {
  expect(corpus.length).toBe(14);
});

describe.each([...corpus, ...own])('%s', (input) => {
  test('is read without an input error, and finds at least one server', () => {
    const reads = readCarriers([input]);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.flatMap((r) => r.servers).length).toBeGreaterThan(0);
  });
  test('effective settings: text and JSON golden files', () => {
    const reads = readCarriers([input]);
    golden(`${input.replace(/^carriers\//, 'own/')}.effective.txt`, renderEffectiveText(reads));
    golden(`${input.replace(/^carriers\//, 'own/')}.effective.json`, renderEffectiveJson(reads));
  });
  test('findings: golden file (file:line:column severity ruleId message)', () => {
    const { findings } = lintCarrier(input, { fallbackVersion: NEWEST_MAJOR });
    const text = findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}\n`).join('');
    golden(`${input.replace(/^carriers\//, 'own/')}.findings.txt`, text);
  });
});

test('no golden file is left over from an input that is gone', () => {
  const expected = new Set([...corpus, ...own].flatMap((i) => ['effective.txt', 'effective.json', 'findings.txt'].map((ext) => `${i.replace(/^carriers\//, 'own/')}.${ext}`)));
  expect(list(GOLDEN).filter((f) => !expected.has(f))).toEqual([]);
});
