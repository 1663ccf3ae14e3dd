/**
 * The npm package as a user gets it: `npm pack`, install the tarball into an empty project with
 * --omit=dev, and run the CLI and the library API (import and require, and the types) from there.
 * The tarball holds the bundles, data, schemas, types and docs, and nothing else.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';
import { sourceCheckout } from './support/action.js';

let dir: string;
let project: string;
let tarball: { file: string; size: number; unpackedSize: number; files: string[] };
let packStdout: string;

function run(cmd: string, args: string[], options: SpawnSyncOptions = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: project, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 26, ...options });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

function duBytes(p: string): number {
  const st = fs.lstatSync(p);
  if (!st.isDirectory()) return st.size;
  return fs.readdirSync(p).reduce((n, e) => n + duBytes(path.join(p, e)), 0);
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvet-package-'));
  // npm pack as pre-commit runs it: prepack builds (bundles and types), and standard output is
  // the tarball's name alone (pre-commit reads it so); the listing comes from a dry run after it
  // (in a copy of the sources with this node_modules: a build here would rewrite dist/ under the
  // suites running beside this one)
  const checkout = sourceCheckout(PACKAGE_ROOT, path.join(dir, 'checkout'));
  fs.symlinkSync(path.join(PACKAGE_ROOT, 'node_modules'), path.join(checkout, 'node_modules'), 'dir');
  const pack = run('npm', ['pack', '--pack-destination', dir], { cwd: checkout });
  if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.stdout}${pack.stderr}`);
  packStdout = pack.stdout;
  const listing = run('npm', ['pack', '--dry-run', '--ignore-scripts', '--json', '--loglevel=error'], { cwd: checkout });
  const info = (JSON.parse(listing.stdout) as Array<{ filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> }>)[0]!;
  tarball = { file: path.join(dir, info.filename), size: info.size, unpackedSize: info.unpackedSize, files: info.files.map((f) => f.path).sort() };
  project = path.join(dir, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'a-user-project', version: '1.0.0', private: true }));
  // pgvet has no runtime dependencies: the install needs no registry
  const install = run('npm', ['install', '--omit=dev', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball.file]);
  if (install.code !== 0) throw new Error(`npm install of the tarball failed: ${install.stderr}`);
  fs.copyFileSync(path.join(PACKAGE_ROOT, 'fixtures', 'broken.conf'), path.join(project, 'broken.conf'));
  fs.copyFileSync(path.join(PACKAGE_ROOT, 'fixtures', 'conf', 'postgres-sample-17.conf'), path.join(project, 'postgresql.conf'));
  fs.writeFileSync(path.join(project, 'host.json'), JSON.stringify({ ram: '16GB', cores: 4, storage: 'ssd' }));
  fs.writeFileSync(path.join(project, '.pgvetrc.json'), JSON.stringify({ ignore: ['legacy/**'] }));
}, 180_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the tarball', () => {
  test('npm pack builds it and prints its name alone (pre-commit reads the name from there)', () => {
    expect(packStdout).toBe(`${path.basename(tarball.file)}\n`);
    expect(fs.statSync(tarball.file).size).toBe(tarball.size);
  });
  test('holds the bundles, data, schemas, types, rule docs, README and LICENSE, and nothing else', () => {
    const unexpected = tarball.files.filter(
      (f) =>
        !/^(package\.json|README\.md|LICENSE|bin\/pgvet\.js|bin\/package\.json)$/.test(f) &&
        !/^dist\/(index|pgvet(-[a-z]+)?)\.cjs$/.test(f) &&
        !/^dist\/types\/(package\.json|(src|rules)\/.+\.d\.ts)$/.test(f) &&
        !/^rules\/PGV\d{3}-[a-z0-9-]+\/README\.md$/.test(f) &&
        !/^src\/(catalog\/data\/(pg1[3-8]|lifecycle)\.json|simulate\/data\/(backend-memory|memory-scenarios)\.json|host\/host\.schema\.json|engine\/(pgvetrc|baseline)\.schema\.json|report\/schemas\/[a-z]+\.schema\.json)$/.test(f),
    );
    expect(unexpected).toEqual([]);
    for (const f of ['LICENSE', 'README.md', 'dist/pgvet.cjs', 'dist/index.cjs', 'dist/types/src/index.d.ts', 'dist/types/package.json', 'src/catalog/data/pg13.json', 'src/catalog/data/pg18.json', 'src/report/schemas/lint.schema.json', 'rules/PGV001-syntax-error/README.md']) {
      expect(tarball.files).toContain(f);
    }
    // every rule's documentation, which explain prints
    const ruleDirs = fs.readdirSync(path.join(PACKAGE_ROOT, 'rules')).filter((d) => /^PGV\d{3}-/.test(d));
    expect(tarball.files.filter((f) => f.startsWith('rules/'))).toHaveLength(ruleDirs.length);
    expect(tarball.files.some((f) => /^(test|fixtures|scripts|\.ci)\/|\.ts$(?<!\.d\.ts)|corpus/.test(f))).toBe(false);
  });

  test('is under 1.5 MB, and its install under 40 MB with no dependencies', () => {
    process.stdout.write(`tarball ${(tarball.size / 1e6).toFixed(2)} MB (${tarball.files.length} files, ${(tarball.unpackedSize / 1e6).toFixed(2)} MB unpacked)\n`);
    expect(tarball.size).toBeLessThan(1.5e6);
    const modules = path.join(project, 'node_modules');
    expect(fs.readdirSync(modules).filter((n) => !n.startsWith('.'))).toEqual(['pgvet']);
    expect(duBytes(modules)).toBeLessThan(40e6);
    const pkg = JSON.parse(fs.readFileSync(path.join(modules, 'pgvet', 'package.json'), 'utf8')) as { dependencies?: object };
    expect(pkg.dependencies ?? {}).toEqual({});
  });
});

describe('the installed CLI', () => {
  const pgvet = (...args: string[]): ReturnType<typeof run> => run(path.join(project, 'node_modules', '.bin', 'pgvet'), args);

  test('lint: findings, exit code 1 on errors', () => {
    const r = pgvet('lint', 'broken.conf', '--pg-version', '17');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('broken.conf:2:21  error    PGV001  syntax error near token "GB"');
    expect(r.stdout).toMatch(/^10 problems \(10 errors, 0 warnings, 0 info\) in 1 file, checked against PostgreSQL 17$/m);
    expect(r.stdout).toMatch(/^note: 16 host-aware rules did not run /m);
    expect(r.stderr).toBe('');
  });
  test('lint reads a host file (ajv, bundled apart) and ignore globs (picomatch, bundled apart)', () => {
    fs.mkdirSync(path.join(project, 'legacy'), { recursive: true });
    fs.copyFileSync(path.join(project, 'broken.conf'), path.join(project, 'legacy', 'old.conf'));
    const r = pgvet('lint', 'postgresql.conf', 'legacy/old.conf', '--host', 'host.json', '--pg-version', '17', '--format', 'json');
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as { files: string[]; findings: Array<{ ruleId: string }> };
    expect(report.files).toEqual(['postgresql.conf']);
    expect(report.findings.map((f) => f.ruleId)).toContain('PGV101');
    fs.writeFileSync(path.join(project, 'bad-host.json'), JSON.stringify({ ram: 'lots' }));
    const bad = pgvet('lint', 'postgresql.conf', '--host', 'bad-host.json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('pgvet: bad-host.json:1:2: $.ram: not a valid value (got "lots"); memory the server may use: 16GB, 512MB, 1.5TB (1024-based), 16Gi (Kubernetes, 1024-based), 16G (1000-based), or bytes; at most 1024TB (2^50 bytes), the largest host pgvet sizes for\n');
  });
  test('simulate, tune, explain, rules, --version', () => {
    const sim = pgvet('simulate', 'postgresql.conf', '--pg-version', '17', '--ram', '16GB', '--cores', '4', '--format', 'json');
    expect(sim.code).toBe(0);
    expect((JSON.parse(sim.stdout) as { sharedMemory: { bytes: number } }).sharedMemory.bytes).toBeGreaterThan(128 * 2 ** 20);
    const tune = pgvet('tune', '--ram', '16GB', '--cores', '4', '--pg-version', '17');
    expect(tune.code).toBe(0);
    expect(tune.stdout).toMatch(/^shared_buffers = 4GB/m);
    const explainRule = pgvet('explain', 'PGV001');
    expect(explainRule.stdout).toBe(fs.readFileSync(path.join(PACKAGE_ROOT, 'rules', 'PGV001-syntax-error', 'README.md'), 'utf8'));
    expect(pgvet('explain', 'shared_buffers', '--pg-version', '16').stdout).toMatch(/^shared_buffers \(PostgreSQL 16\)$/m);
    expect(pgvet('rules').stdout).toMatch(/^PGV001 {2}syntax-error/m);
    const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(pgvet('--version').stdout).toBe(`${pkg.version}\n`);
  });
  test('plan: the driver is bundled; an unreachable server is one line, exit 2', () => {
    const r = pgvet('plan', 'postgresql.conf', '--db', 'postgres://nobody@127.0.0.1:1/x');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^pgvet: cannot connect to the server nobody@127\.0\.0\.1:1\/x: connection refused/);
  });
});

describe('the installed library', () => {
  const script = `
    const r = await lint('broken.conf', { pgVersion: 17 });
    const sim = await simulate('postgresql.conf', { pgVersion: 17, host: { ram: '16GB', cores: 4 } });
    const t = await tune({ pgVersion: 17, host: { ram: 16 * 2 ** 30, cores: 4, workload: 'oltp' } });
    const fromText = await lint({ path: 'inline.conf', content: 'work_mem = 8 MB\\n' }, { pgVersion: 17, config: false });
    let thrown = null;
    try { await lint('postgresql.conf', { pgVersion: 12 }); } catch (e) { thrown = [e instanceof UsageError, e.message]; }
    let hostErr = null;
    try { await simulate('postgresql.conf', { host: { from: 'missing.json' } }); } catch (e) { hostErr = [e instanceof InputError, e.message]; }
    let planErr = null;
    try { await plan('postgresql.conf', { db: 'postgres://nobody:secret@127.0.0.1:1/x' }); } catch (e) { planErr = [e instanceof InputError, e.message]; }
    console.log(JSON.stringify({
      summary: r.summary, first: r.findings.find((f) => f.severity === 'error'), version: typeof version,
      shared: sim.estimate.sharedMemory.bytes, workload: t.workload, recs: t.recommendations.length,
      inline: fromText.findings.map((f) => [f.ruleId, f.file, f.line, f.column]),
      sarif: JSON.parse(formatLint(r, 'sarif')).version, thrown, hostErr, planErr,
    }));`;
  const check = (out: { code: number | null; stdout: string; stderr: string }): void => {
    expect(out.stderr).toBe('');
    const got = JSON.parse(out.stdout) as Record<string, unknown>;
    expect(got.summary).toMatchObject({ files: 1, error: 10, warning: 0, info: 0 });
    expect(got.summary).toHaveProperty('note');
    expect(got.first).toMatchObject({ ruleId: 'PGV001', file: 'broken.conf', line: 2, column: 21 });
    expect(got.version).toBe('string');
    expect(got.shared).toBeGreaterThan(128 * 2 ** 20);
    expect(got.workload).toBe('oltp');
    expect(got.recs).toBeGreaterThan(10);
    expect(got.inline).toEqual([['PGV001', 'inline.conf', 1, 14]]);
    expect(got.sarif).toBe('2.1.0');
    expect(got.thrown).toEqual([true, '--pg-version must be one of 13, 14, 15, 16, 17, 18 (got "12")']);
    expect(got.hostErr).toEqual([true, 'cannot read host file missing.json: No such file or directory']);
    expect((got.planErr as [boolean, string])[0]).toBe(true);
    expect((got.planErr as [boolean, string])[1]).not.toContain('secret');
  };

  test('import { lint, simulate, tune, plan } from "pgvet"', () => {
    const file = path.join(project, 'use.mjs');
    fs.writeFileSync(file, `import { lint, simulate, tune, plan, formatLint, UsageError, InputError, version } from 'pgvet';\n${script}`);
    check(run(process.execPath, [file]));
  });
  test('require("pgvet")', () => {
    const file = path.join(project, 'use.cjs');
    fs.writeFileSync(file, `const { lint, simulate, tune, plan, formatLint, UsageError, InputError, version } = require('pgvet');\n(async () => {${script}})();`);
    check(run(process.execPath, [file]));
  });
  test('the types: an ES module and a CommonJS TypeScript project both compile against them', () => {
    fs.writeFileSync(path.join(project, 'typed.mts'), `import { lint, tune, type LintResult, type Finding, type TuneReport } from 'pgvet';
const r: LintResult = await lint(['broken.conf'], { pgVersion: 17, host: { ram: '16GB', cores: 4, storage: 'ssd' } });
const f: Finding | undefined = r.findings[0];
const t: TuneReport = await tune('postgresql.conf', { host: 'auto', keep: ['max_connections'] });
export const names: string[] = [f?.ruleId ?? '', ...t.recommendations.map((x) => x.name)];
`);
    fs.writeFileSync(path.join(project, 'typed.cts'), `import pgvet = require('pgvet');
export const p: Promise<pgvet.SimulateResult> = pgvet.simulate('postgresql.conf', { role: 'standby' });
`);
    fs.writeFileSync(path.join(project, 'bad.mts'), `import { lint } from 'pgvet';\nawait lint('x.conf', { pgVersion: '17' });\n`);
    const tsconfig = (files: string[]): string => JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, types: [] }, files });
    const tsc = path.join(PACKAGE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    fs.writeFileSync(path.join(project, 'tsconfig.json'), tsconfig(['typed.mts', 'typed.cts']));
    const good = run(process.execPath, [tsc, '-p', '.']);
    expect(good.stdout + good.stderr).toBe('');
    expect(good.code).toBe(0);
    // and they do constrain: a string pgVersion is refused
    fs.writeFileSync(path.join(project, 'tsconfig.json'), tsconfig(['bad.mts']));
    const bad = run(process.execPath, [tsc, '-p', '.']);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toContain("bad.mts(2,24): error TS2322: Type 'string' is not assignable to type 'number'.");
  }, 60_000);
});
