/**
 * pgvet in CI: SARIF validated against the official 2.1.0 schema, JSON against ours, GitHub
 * annotations, thresholds, .pgvetrc.json, suppressions, baselines, explain for everything,
 * the GitHub Action and the pre-commit hook really run.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { RULES } from '../rules/index.js';
import { loadCatalog } from '../src/catalog/catalog.js';
import { PG_MAJORS } from '../src/catalog/types.js';
import { explain } from '../src/cli/docs.js';
import { PACKAGE_ROOT } from '../src/paths.js';

const require = createRequire(import.meta.url);
const BIN = path.join(PACKAGE_ROOT, 'bin', 'pgvet.js');
let dir: string;

function pgvet(args: string[], options: SpawnSyncOptions = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, NO_COLOR: '1' }, ...options });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}
function write(name: string, content: string): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvet-ci-'));
  fs.writeFileSync(path.join(dir, 'no-pgv900.json'), JSON.stringify({ rules: { PGV900: 'off' } }));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A config that turns off the PGV900 note (no host described), so it does not join the findings under test. */
const HOSTED = ['--config', 'no-pgv900.json'];

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
      ['PGV900', 'note', undefined], ['PGV001', 'error', 1], ['PGV008', 'note', 2], ['PGV016', 'warning', 2], ['PGV008', 'note', 4], ['PGV015', 'note', 6],
    ]);
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
    const schema = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'src', 'report', 'schemas', 'lint.schema.json'), 'utf8')) as object;
    const validate = new Ajv.default({ allErrors: true }).compile(schema);
    const ok = validate(JSON.parse(r.stdout));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
  test('GitHub annotation lines are well formed', () => {
    write('g/postgresql.conf', MIXED + "application_name = 'a,b:c%d'\n");
    const r = pgvet(['lint', 'g/postgresql.conf', '--pg-version', '17', '--format', 'github', '--no-config']);
    // PGV900 (no host described) is one more notice
    const lines = r.stdout.trim().split('\n').filter((l) => !l.includes('PGV900'));
    expect(lines.length).toBe(5);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^,:]+(,line=\d+)?(,col=\d+)?,title=PGV\d{3} [a-z-]+::[^\r\n]+$/);
    expect(lines[0]).toMatch(/^::error file=g\/postgresql\.conf,line=1,col=14,title=PGV001 syntax-error::/);
  });
  test('compact: file:line:col: severity: message [rule]', () => {
    write('c/postgresql.conf', 'work_mem = 8 MB\n');
    expect(pgvet(['lint', 'c/postgresql.conf', '--pg-version', '17', '--format', 'compact', ...HOSTED]).stdout).toMatch(/^c\/postgresql\.conf:1:14: error: syntax error near token "MB".* \[PGV001\]\n$/);
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
    // 13's default password_encryption is md5 (PGV602); PGV900: no host described
    expect(out.findings.map((f) => [f.ruleId, f.severity])).toEqual([['PGV602', 'warning'], ['PGV900', 'info'], ['PGV008', 'warning']]);
    expect(r.code).toBe(1);
    expect(pgvet(['lint', 'cfg/deep/er/postgresql.conf', '--fail-on', 'error']).code).toBe(0);
    expect((JSON.parse(pgvet(['lint', 'cfg/deep/er/postgresql.conf', '--format', 'json', '--pg-version', '16']).stdout) as { pgVersion: number }).pgVersion).toBe(16);
    expect((JSON.parse(pgvet(['lint', 'cfg/deep/er/postgresql.conf', '--format', 'json', '--no-config']).stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId)).toEqual(['PGV900', 'PGV008', 'PGV015']);
  });
  test('--config names one; ignore globs skip files', () => {
    write('named.json', JSON.stringify({ ignore: ['skip/**'] }));
    write('skip/postgresql.conf', 'work_mem = 8 MB\n');
    write('keep/postgresql.conf', 'work_mem = 8 MB\n');
    const r = pgvet(['lint', 'skip/postgresql.conf', 'keep/postgresql.conf', '--config', 'named.json', '--format', 'json']);
    expect((JSON.parse(r.stdout) as { files: string[] }).files).toEqual(['keep/postgresql.conf']);
  });
  test.each([
    [{ pgVersion: 12 }, '$.pgVersion'],
    [{ rules: { PGV001: 'loud' } }, '$.rules.PGV001'],
    [{ rules: { 'no-such-rule': 'off' } }, '$.rules.no-such-rule'],
    [{ rules: { PGV001: ['error', { x: 1 }] } }, 'takes no options'],
    [{ surprise: true }, '"surprise"'],
  ])('a bad file is one line with the JSON path, exit 2: %j', (config, expected) => {
    write('bad/.pgvetrc.json', JSON.stringify(config));
    write('bad/postgresql.conf', 'work_mem = 8MB\n');
    const r = pgvet(['lint', 'bad/postgresql.conf']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(expected);
    expect(r.stderr).toContain('.pgvetrc.json');
  });
  test('invalid JSON names the line', () => {
    write('badjson/.pgvetrc.json', '{\n  "pgVersion": 17,\n}\n');
    write('badjson/postgresql.conf', 'work_mem = 8MB\n');
    const r = pgvet(['lint', 'badjson/postgresql.conf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.pgvetrc\.json:\d+: invalid JSON/);
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
    expect(written.stderr).toBe('pgvet: wrote the baseline base.json (3 findings)\n');
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
    expect(r.stderr).toContain('not a pgvet baseline');
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
  test('the GitHub Action runs: annotations, a valid SARIF file, the exit code per fail-on', () => {
    const action = parseYaml(fs.readFileSync(path.join(PACKAGE_ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: string }>;
      runs: { steps: Array<{ run?: string; env?: Record<string, string>; uses?: string; id?: string }> };
    };
    write('act/postgresql.conf', 'fsync = maybe\nfsync = on\n');
    const runSteps = (inputs: Record<string, string>): { outputs: Record<string, string>; stdout: string; codes: number[] } => {
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries(action.inputs)) values[k] = inputs[k] ?? v.default ?? '';
      const outputFile = path.join(dir, `gh-output-${Math.random()}`);
      fs.writeFileSync(outputFile, '');
      const outputs: Record<string, string> = {};
      let stdout = '';
      const codes: number[] = [];
      for (const step of action.runs.steps) {
        if (!step.run) continue; // the upload step is GitHub's own action
        const expand = (s: string): string =>
          s.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_m, k: string) => values[k] ?? '').replace(/\$\{\{\s*steps\.lint\.outputs\.([\w-]+)\s*\}\}/g, (_m, k: string) => outputs[k] ?? '');
        const env: Record<string, string> = { ...(process.env as Record<string, string>), GITHUB_ACTION_PATH: PACKAGE_ROOT, GITHUB_OUTPUT: outputFile };
        for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v);
        const r = spawnSync('bash', ['-e', '-c', expand(step.run)], { cwd: dir, env, encoding: 'utf8' });
        stdout += r.stdout;
        codes.push(r.status ?? -1);
        for (const line of fs.readFileSync(outputFile, 'utf8').split('\n')) {
          const m = /^([\w-]+)=(.*)$/.exec(line);
          if (m) outputs[m[1]!] = m[2]!;
        }
      }
      return { outputs, stdout, codes };
    };
    const lenient = runSteps({ files: 'act/*.conf', 'pg-version': '17' });
    expect(lenient.stdout).toMatch(/^::warning file=act\/postgresql\.conf,line=1,col=9,title=PGV016/m);
    expect(lenient.outputs['exit-code']).toBe('0');
    expect(lenient.codes).toEqual([0, 0, 0]);
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, lenient.outputs['sarif-file']!), 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results).toHaveLength(3); // PGV008, PGV016, and PGV900 (no host described)
    const strict = runSteps({ files: 'act/postgresql.conf', 'pg-version': '17', 'fail-on': 'warning', 'sarif-file': 'strict.sarif' });
    expect(strict.outputs['exit-code']).toBe('1');
    expect(strict.codes).toEqual([0, 0, 1]);
  });
  test('the pre-commit hook definition runs on the files it selects', () => {
    const hooks = parseYaml(fs.readFileSync(path.join(PACKAGE_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; files: string; language: string }>;
    const hook = hooks.find((h) => h.id === 'pgvet')!;
    expect(hook.language).toBe('node');
    const re = new RegExp(hook.files);
    const candidates = ['postgresql.conf', 'deploy/postgresql.prod.conf', 'conf.d/10-memory.conf', 'pg_hba.conf', 'nginx.conf', 'README.md'];
    expect(candidates.filter((c) => re.test(c))).toEqual(['postgresql.conf', 'deploy/postgresql.prod.conf', 'conf.d/10-memory.conf']);
    write('pc/postgresql.conf', 'work_mem = 8MB\n');
    write('pc/conf.d/10-memory.conf', 'work_mem = 8 MB\n');
    const [cmd, ...args] = hook.entry.split(' ');
    expect(cmd).toBe('pgvet'); // the package bin, installed by pre-commit's node environment
    const files = ['pc/postgresql.conf', 'pc/conf.d/10-memory.conf'];
    const r = spawnSync(process.execPath, [BIN, ...args, '--pg-version', '17', ...files], { cwd: dir, encoding: 'utf8' });
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
    const log = path.join(dir, `loaded-${Math.random().toString(36).slice(2)}.txt`);
    const hook = write('load-hook.cjs', `const M = require('node:module'); const fs = require('node:fs');
const seen = new Set(); const orig = M._load;
M._load = function (request, ...rest) { seen.add(request); return orig.call(this, request, ...rest); };
process.on('exit', () => fs.writeFileSync(${JSON.stringify(log)}, [...seen].join('\\n')));\n`);
    const r = spawnSync(process.execPath, ['--require', hook, BIN, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
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
    expect(modules).toContain('../dist/pgvet.cjs');
    expect(modules.filter((m) => FORBIDDEN.test(m))).toEqual([]);
  });

  test('anything else still gets yargs (help, mistakes)', () => {
    expect(loaded(['lint', sample, '--help']).some((m) => /pgvet-yargs\.cjs$/.test(m))).toBe(true);
  });
});
