/**
 * The differential suite: for every case, the real server's verdict (postgres -C for the file
 * checks, then a real start for the startup cross-checks) against pgvet's, and for a refusal,
 * pgvet's error on the line (or parameter) the server names.
 *
 * Verdicts that depend on the machine and not on the file (a locale, a library, a path, a
 * build option) are the documented exception: there the server may refuse while pgvet accepts,
 * and pgvet must instead have a PGV014/PGV015 finding naming the dependency.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '../../src/catalog/catalog.js';
import type { PgMajor } from '../../src/catalog/types.js';
import { lintFile } from './lint-helpers.js';
import type { Finding } from '../../src/engine/types.js';
import pg from 'pg';
import { checkConfigFile, getCluster, makeScratchDir, pgAvailable, startServer, writeScratch, type Cluster, type ServerHandle } from './pg.js';
import { generateCases, generateHbaCases, type GeneratedCase, type HbaCase } from './config-generator.js';
import { readHba } from '../../src/parse/hba.js';
import { CORPUS_DIR } from './paths.js';

export const CASES_PER_VERSION = Number(process.env.PGVET_DIFF_CASES ?? 320);
export const HBA_FILES_PER_VERSION = Number(process.env.PGVET_DIFF_HBA_FILES ?? 24);
export const SEED = Number(process.env.PGVET_DIFF_SEED ?? 20261121);

export interface ServerVerdict {
  accepted: boolean;
  /** 'archiver': the server started and its archiver refused the settings (16+, archive_command with archive_library). */
  stage: 'file' | 'startup' | 'archiver' | 'accepted';
  /** The first message the server gives for a refusal. */
  first?: { text: string; file?: string; line?: number };
  all: string;
}

export interface Outcome {
  id: string;
  category: string;
  server: ServerVerdict;
  pgvetAccepts: boolean;
  hostDependent: boolean;
  problem: string | null;
}

const HOST_RULES = new Set(['PGV014', 'PGV015']);

/** The archiver's refusal (pgarch.c LoadArchiveLibrary; 16 prints the names without quotes). */
const ARCHIVER_REFUSAL = /both "?archive_command"? and "?archive_library"? set/;

/** Child processes of the postmaster whose title names the archiver (Linux /proc). */
function archiverPids(postmaster: number): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster && fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('archiver')) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * With archive_library in the files, the archiver may refuse right after the server is ready
 * (16+). Watch it: refused when its FATAL shows, fine when one archiver process has lived for
 * half a second without it, or when none started within 1.5 s (archive_mode off).
 */
async function archiverRefuses(server: { pid: number | undefined; readonly stderr: string }): Promise<boolean> {
  const start = Date.now();
  const deadline = start + 5000;
  let seen: { pid: number; since: number } | undefined;
  while (Date.now() < deadline) {
    if (ARCHIVER_REFUSAL.test(server.stderr)) return true;
    const pid = server.pid === undefined ? undefined : archiverPids(server.pid)[0];
    if (pid === undefined && seen === undefined && Date.now() - start > 1500) return ARCHIVER_REFUSAL.test(server.stderr);
    if (pid === undefined) seen = undefined;
    else if (seen?.pid !== pid) seen = { pid, since: Date.now() };
    else if (Date.now() - seen.since >= 500) return ARCHIVER_REFUSAL.test(server.stderr);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return ARCHIVER_REFUSAL.test(server.stderr);
}

export async function serverVerdict(cluster: Cluster, configPath: string, watchArchiver = false): Promise<ServerVerdict> {
  const check = await checkConfigFile(cluster, configPath);
  const firstOf = (messages: Array<{ level: string; text: string; file?: string; line?: number }>): ServerVerdict['first'] => {
    const m = messages.find((x) => !/contains errors|skipping missing configuration file/.test(x.text) && /LOG|FATAL|ERROR|PANIC/.test(x.level));
    return m ? { text: m.text, ...(m.file ? { file: m.file } : {}), ...(m.line !== undefined ? { line: m.line } : {}) } : undefined;
  };
  if (!check.accepted) {
    const first = firstOf(check.messages);
    return { accepted: false, stage: 'file', ...(first ? { first } : {}), all: check.stderr };
  }
  // logging_collector would take the server's reasons away from stderr; the file's own value
  // was already checked by postgres -C above.
  const server = await startServer(cluster, configPath, { extraArgs: ['-c', 'logging_collector=off'] });
  try {
    if (!server.started) {
      const fatal = server.messages.filter((m) => /FATAL|PANIC|ERROR/.test(m.level));
      const first = firstOf(fatal.length ? fatal : server.messages);
      return { accepted: false, stage: 'startup', ...(first ? { first } : {}), all: server.stderr };
    }
    if (watchArchiver && (await archiverRefuses(server))) {
      const refusal = server.messages.find((m) => ARCHIVER_REFUSAL.test(m.text));
      return { accepted: false, stage: 'archiver', ...(refusal ? { first: { text: refusal.text } } : {}), all: server.stderr };
    }
    return { accepted: true, stage: 'accepted', all: server.stderr };
  } finally {
    if (server.started) await server.stop();
  }
}

/** Does pgvet name the line (or parameter) the server names? */
function namesSameSpot(first: NonNullable<ServerVerdict['first']>, errors: Finding[], cwd: string): boolean {
  if (first.file && first.line !== undefined) {
    const inFile = errors.filter((f) => path.resolve(cwd, f.file) === first.file);
    const nearEnd = /near end of line/.test(first.text);
    const line = first.line;
    return inFile.some((f) => f.line === line || (nearEnd && f.line === line + 1));
  }
  const param = /parameter "([^"]+)"/.exec(first.text)?.[1];
  if (param) return errors.some((f) => (f.parameter ?? '').toLowerCase() === param.toLowerCase() || f.message.includes(`"${param}"`));
  return errors.length > 0;
}

/**
 * Does one of pgvet's host findings name what the server tripped over? The server's reason
 * must mention the finding's parameter or a quoted value/path the finding mentions.
 */
function hostFindingExplains(server: ServerVerdict, hostFindings: Finding[]): boolean {
  const text = server.first?.text ?? '';
  // a start that died without a word (killed for memory): pgvet must have named the shared memory
  if (!server.first && server.stage === 'startup') return hostFindings.some((f) => /shared memory/.test(f.message));
  if (/could not map anonymous shared memory/.test(text)) return hostFindings.some((f) => /shared memory|huge pages/.test(f.message));
  // every quoted value or path in what the server printed, and every parameter it names
  const quoted = [...server.all.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  // file names the server mentions without quotes ("could not load pg_hba.conf")
  const files = [...server.all.matchAll(/[\w.-]+\.conf\b/g)].map((m) => m[0]);
  const lower = server.all.toLowerCase();
  return hostFindings.some(
    (f) =>
      (f.parameter !== undefined && (lower.includes(f.parameter.toLowerCase()) || lower.includes(f.parameter.toLowerCase().replace(/_/g, ' ')))) ||
      quoted.some((q) => q.length > 2 && f.message.includes(q)) ||
      files.some((q) => f.message.includes(q)),
  );
}

/**
 * The same files with every line pgvet calls host- or build-dependent commented out, so the
 * rest of the file can be compared with the server in full. Line numbers stay the same.
 */
function neutralized(files: Record<string, string | Buffer>, hostFindings: Finding[]): Record<string, string | Buffer> | null {
  const out: Record<string, string | Buffer> = {};
  let changed = false;
  for (const [name, content] of Object.entries(files)) {
    const text = Buffer.isBuffer(content) ? content.toString('latin1') : content;
    const lines = text.split('\n');
    const params = new Set(hostFindings.filter((f) => f.parameter).map((f) => f.parameter!.toLowerCase()));
    const atLines = new Set(hostFindings.filter((f) => f.file === name && !f.parameter).map((f) => f.line));
    const next = lines.map((line, i) => {
      const m = /^\s*([A-Za-z_\u00c0-\u00ff][\w.\u00c0-\u00ff]*)\s*=?/.exec(line);
      const hit = atLines.has(i + 1) || (m !== null && params.has(m[1]!.toLowerCase()));
      if (hit) changed = true;
      return hit ? `#${line}` : line;
    });
    const joined = next.join('\n');
    out[name] = Buffer.isBuffer(content) ? Buffer.from(joined, 'latin1') : joined;
  }
  return changed ? out : null;
}

export async function compareCase(cluster: Cluster, version: PgMajor, id: string, category: string, files: Record<string, string | Buffer>): Promise<Outcome> {
  const dir = `cases/${id}`;
  for (const [name, content] of Object.entries(files)) writeScratch(cluster, `${dir}/${name}`, content);
  const main = path.join(cluster.scratchDir, dir, 'postgresql.conf');
  // only an archive_library setting can make the archiver refuse; watching it costs up to 1.5 s,
  // so a commented-out mention (every stock sample has one) does not count
  const server = await serverVerdict(cluster, main, Object.values(files).some((c) => /^[ \t]*archive_library\b/im.test(String(c))));
  const cwd = path.dirname(main);
  const lint = lintFile(main, { version, cwd });
  const errors = lint.findings.filter((f) => f.severity === 'error');
  const hostFindings = lint.findings.filter((f) => HOST_RULES.has(f.ruleId));
  const hostDependent = hostFindings.length > 0;
  const pgvetAccepts = errors.length === 0;
  let problem: string | null = null;
  if (server.accepted && !pgvetAccepts) problem = `server accepts, pgvet refuses: ${errors.map((e) => `${e.file}:${e.line} ${e.ruleId} ${e.message}`).join(' | ')}`;
  else if (!server.accepted && pgvetAccepts && !hostFindingExplains(server, hostFindings)) {
    problem = `server refuses (${server.stage}: ${server.first?.text ?? server.all.trim().split('\n').pop()}), pgvet accepts${hostDependent ? ' and its host findings do not name that' : ''}`;
  } else if (!server.accepted && !pgvetAccepts && server.first && !namesSameSpot(server.first, errors, cwd) && !hostFindingExplains(server, hostFindings)) {
    problem = `both refuse, but the server names ${server.first.file ? `${server.first.file}:${server.first.line}` : ''} "${server.first.text}" and pgvet says ${errors.map((e) => `${e.file}:${e.line} ${e.message}`).join(' | ')}`;
  }
  // With the host-dependent lines taken out, the rest must agree in full.
  if (problem === null && hostDependent) {
    const rest = neutralized(files, hostFindings);
    if (rest) {
      const inner = await compareCase(cluster, version, `${id}-neutral`, category, rest);
      if (inner.problem) problem = `with host-dependent lines commented out: ${inner.problem}`;
    }
  }
  return { id, category, server, pgvetAccepts, hostDependent, problem };
}

/* ---------- pg_hba.conf ---------- */

type LineVerdict = 'error' | 'warning';

/**
 * A running server of this version whose backends read any pg_hba.conf put at its hba_file:
 * pg_hba_file_rules parses the file on every query with the server's own parser (fields set and
 * `error` set: loaded with a complaint; fields null: the line cannot be loaded). One per
 * postgresql.conf variant (ssl, db_user_namespace, oauth_validator_libraries change the verdicts).
 */
interface Probe {
  dir: string;
  server: ServerHandle;
  client: pg.Client;
}

async function startProbe(cluster: Cluster, key: string, conf: string[]): Promise<Probe> {
  const dir = path.join(cluster.scratchDir, `hba-probe-${key}`);
  const hba = writeScratch(cluster, `hba-probe-${key}/pg_hba.conf`, 'local all all trust\n');
  const confPath = writeScratch(cluster, `hba-probe-${key}/postgresql.conf`, [`hba_file = '${hba}'`, ...conf].join('\n') + '\n');
  const server = await startServer(cluster, confPath, { extraArgs: ['-c', 'logging_collector=off'] });
  if (!server.started) throw new Error(`the pg_hba.conf probe server did not start:\n${server.stderr}`);
  // with db_user_namespace on, the global user is written "postgres@"
  const user = conf.some((l) => /^db_user_namespace\s*=\s*on/.test(l)) ? 'postgres@' : 'postgres';
  const client = new pg.Client({ host: server.socketDir, port: server.port, user, database: 'postgres' });
  await client.connect();
  return { dir, server, client };
}

async function probeVerdicts(cluster: Cluster, probe: Probe, c: HbaCase): Promise<Map<string, LineVerdict | 'ok'>> {
  for (const name of fs.readdirSync(probe.dir)) if (name !== 'postgresql.conf') fs.rmSync(path.join(probe.dir, name), { recursive: true, force: true });
  const rel = path.relative(cluster.scratchDir, probe.dir);
  for (const [name, content] of Object.entries(c.files)) writeScratch(cluster, `${rel}/${name}`, content);
  writeScratch(cluster, `${rel}/pg_hba.conf`, c.hba);
  const withFiles = cluster.version >= 16;
  const rows = (await probe.client.query<{ file_name?: string; line_number: number; type: string | null; error: string | null }>(`SELECT ${withFiles ? 'file_name, ' : ''}line_number, type, error FROM pg_hba_file_rules`)).rows;
  const out = new Map<string, LineVerdict | 'ok'>();
  for (const r of rows) {
    const file = r.file_name ? path.relative(probe.dir, r.file_name) : 'pg_hba.conf';
    out.set(`${file}:${r.line_number}`, r.type === null ? 'error' : r.error !== null ? 'warning' : 'ok');
  }
  return out;
}

export interface HbaOutcome {
  id: string;
  category: string;
  started: boolean;
  rows: number;
  errors: number;
  warnings: number;
  hostDependent: number;
  problems: string[];
}

/** One generated pg_hba.conf: a real start (the file's verdict), the server's verdict per line, and pgvet's. */
export async function compareHbaCase(cluster: Cluster, version: PgMajor, probe: Probe, c: HbaCase): Promise<HbaOutcome> {
  const dir = `hba/${c.id}`;
  for (const [name, content] of Object.entries(c.files)) writeScratch(cluster, `${dir}/${name}`, content);
  const hbaPath = writeScratch(cluster, `${dir}/pg_hba.conf`, c.hba);
  const confPath = writeScratch(cluster, `${dir}/postgresql.conf`, [`hba_file = '${hbaPath}'`, ...c.conf].join('\n') + '\n');
  const server = await startServer(cluster, confPath, { extraArgs: ['-c', 'logging_collector=off'] });
  const started = server.started;
  const noEntries = /contains no entries/.test(server.stderr);
  if (started) await server.stop();
  const rows = await probeVerdicts(cluster, probe, c);

  const caseDir = path.dirname(hbaPath);
  const lint = lintFile(confPath, { version, cwd: caseDir, hba: readHba(hbaPath) });
  const at = (ruleId: string): Set<string> => new Set(lint.findings.filter((f) => f.ruleId === ruleId && f.line > 0).map((f) => `${path.relative(caseDir, path.resolve(caseDir, f.file))}:${f.line}`));
  const errors = at('PGV605');
  const unusable = at('PGV606');
  const dependent = at('PGV607');
  const pgvetNoEntries = lint.findings.some((f) => f.ruleId === 'PGV605' && f.line === 0);
  const problems: string[] = [];
  const kind = (key: string): string => (key.startsWith('pg_hba.conf:') ? ` [${c.kinds[Number(key.split(':')[1])] ?? '?'}]` : '');
  const line = (key: string): string => {
    const [file, n] = [key.slice(0, key.lastIndexOf(':')), Number(key.slice(key.lastIndexOf(':') + 1))];
    const text = file === 'pg_hba.conf' ? c.hba : (c.files[file] ?? '');
    return JSON.stringify((text.split('\n')[n - 1] ?? '').slice(0, 120));
  };
  for (const [key, v] of rows) {
    if (v === 'error' && !errors.has(key) && !dependent.has(key)) problems.push(`${key}${kind(key)} ${line(key)}: the server cannot load it, pgvet says nothing`);
    if (v === 'warning' && !unusable.has(key) && !dependent.has(key)) problems.push(`${key}${kind(key)} ${line(key)}: the server loads it with a complaint, pgvet says nothing`);
  }
  for (const key of errors) if (rows.get(key) !== 'error') problems.push(`${key}${kind(key)} ${line(key)}: pgvet says the server cannot load it, the server ${rows.get(key) ?? 'has no such line'}`);
  for (const key of unusable) if (rows.get(key) !== 'warning' && !(rows.get(key) === 'error' && dependent.has(key))) problems.push(`${key}${kind(key)} ${line(key)}: pgvet says unusable, the server says ${rows.get(key) ?? 'nothing'}`);
  // the file's verdict: a refused start is explained by pgvet's errors, or by lines it calls build- or host-dependent
  const serverErrorKeys = [...rows].filter(([, v]) => v === 'error').map(([k]) => k);
  const explained = errors.size > 0 || pgvetNoEntries || (serverErrorKeys.length > 0 && serverErrorKeys.every((k) => dependent.has(k)));
  if (started && (errors.size > 0 || pgvetNoEntries)) problems.push('the server starts with this pg_hba.conf, pgvet says it cannot');
  if (!started && !explained) problems.push(`the server refuses to start (${server.messages.find((m) => m.level === 'FATAL')?.text ?? server.stderr.trim().split('\n').pop()}), pgvet has no reason`);
  if (noEntries !== pgvetNoEntries) problems.push(`"contains no entries": server ${noEntries}, pgvet ${pgvetNoEntries}`);
  return {
    id: c.id,
    category: c.category,
    started,
    rows: rows.size,
    errors: serverErrorKeys.length,
    warnings: [...rows.values()].filter((v) => v === 'warning').length,
    hostDependent: [...rows.keys()].filter((k) => dependent.has(k) && rows.get(k) !== 'ok').length,
    problems,
  };
}

export function hbaCasesFor(version: PgMajor): HbaCase[] {
  return generateHbaCases(version, SEED, HBA_FILES_PER_VERSION);
}

/** Run every generated pg_hba.conf of a version; probe servers are started per postgresql.conf variant and stopped after. */
export async function runHbaCases(cluster: Cluster, version: PgMajor): Promise<HbaOutcome[]> {
  const probes = new Map<string, Probe>();
  const outcomes: HbaOutcome[] = [];
  try {
    for (const c of hbaCasesFor(version)) {
      const key = c.conf.join('\n');
      let probe = probes.get(key);
      if (!probe) probes.set(key, (probe = await startProbe(cluster, String(probes.size), c.conf)));
      outcomes.push(await compareHbaCase(cluster, version, probe, c));
    }
  } finally {
    for (const p of probes.values()) {
      await p.client.end().catch(() => undefined);
      await p.server.stop();
    }
  }
  return outcomes;
}

export function corpusFiles(): string[] {
  const dir = path.join(CORPUS_DIR, 'postgresql');
  return fs.readdirSync(dir).filter((f) => !f.startsWith('.')).sort().map((f) => path.join(dir, f));
}

export function casesFor(version: PgMajor, archiveDir: string): GeneratedCase[] {
  return generateCases(version, loadCatalog(version), SEED, CASES_PER_VERSION, archiveDir);
}

/** Register the suite for one version (one jest file per version, so jest runs versions in parallel). */
export function differentialSuite(version: PgMajor): void {
  const available = pgAvailable(version);
  (available ? describe : describe.skip)(`PostgreSQL ${version}: pgvet's verdict equals the server's`, () => {
    let cluster: Cluster;
    const outcomes: Outcome[] = [];
    beforeAll(async () => {
      cluster = await getCluster(version);
    }, 120_000);

    test(`${CASES_PER_VERSION} generated cases (seed ${SEED})`, async () => {
      for (const c of casesFor(version, makeScratchDir(cluster, 'archive'))) outcomes.push(await compareCase(cluster, version, c.id, c.category, c.files));
      const bad = outcomes.filter((o) => o.problem !== null);
      const summary = {
        version,
        cases: outcomes.length,
        refused: outcomes.filter((o) => !o.server.accepted).length,
        hostDependent: outcomes.filter((o) => !o.server.accepted && o.pgvetAccepts).length,
        disagreements: bad.map((o) => `${o.id} [${o.category}] ${o.problem}`),
      };
      writeReport(version, 'generated', summary);
      expect(summary.disagreements).toEqual([]);
      expect(summary.cases).toBeGreaterThanOrEqual(300);
    }, 1_800_000);

    test(`${HBA_FILES_PER_VERSION} generated pg_hba.conf files, line by line`, async () => {
      const outcomes = await runHbaCases(cluster, version);
      const summary = {
        version,
        files: outcomes.length,
        lines: outcomes.reduce((n, o) => n + o.rows, 0),
        serverErrors: outcomes.reduce((n, o) => n + o.errors, 0),
        serverWarnings: outcomes.reduce((n, o) => n + o.warnings, 0),
        buildOrHostDependent: outcomes.reduce((n, o) => n + o.hostDependent, 0),
        startsRefused: outcomes.filter((o) => !o.started).length,
        disagreements: outcomes.flatMap((o) => o.problems.map((p) => `${o.id} [${o.category}] ${p}`)),
      };
      writeReport(version, 'hba', summary);
      expect(summary.disagreements).toEqual([]);
      expect(summary.files).toBeGreaterThanOrEqual(HBA_FILES_PER_VERSION);
      expect(summary.serverErrors).toBeGreaterThan(50);
    }, 600_000);

    test('every corpus postgresql.conf', async () => {
      const results: Outcome[] = [];
      for (const file of corpusFiles()) {
        const id = `corpus-${path.basename(file).replace(/[^A-Za-z0-9_.-]/g, '_')}`;
        results.push(await compareCase(cluster, version, id, 'corpus', { 'postgresql.conf': fs.readFileSync(file) }));
      }
      const summary = {
        version,
        cases: results.length,
        refused: results.filter((o) => !o.server.accepted).length,
        hostDependent: results.filter((o) => !o.server.accepted && o.pgvetAccepts).length,
        disagreements: results.filter((o) => o.problem).map((o) => `${o.id} ${o.problem}`),
      };
      writeReport(version, 'corpus', summary);
      expect(summary.disagreements).toEqual([]);
    }, 1_800_000);
  });
}

/** Agreement figures land in dist/differential-report/ for the notes; tests assert, files inform. */
function writeReport(version: number, kind: string, summary: object): void {
  const dir = path.resolve('dist', 'differential-report');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `pg${version}-${kind}.json`), JSON.stringify(summary, null, 2));
}
