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
import { lintFile } from '../../src/engine/lint.js';
import type { Finding } from '../../src/engine/types.js';
import { checkConfigFile, getCluster, pgAvailable, startServer, writeScratch, type Cluster } from '../../scripts/lib/postgres.js';
import { generateCases, type GeneratedCase } from './config-generator.js';
import { CORPUS_DIR } from './paths.js';

export const CASES_PER_VERSION = Number(process.env.PGVET_DIFF_CASES ?? 320);
export const SEED = Number(process.env.PGVET_DIFF_SEED ?? 20261121);

export interface ServerVerdict {
  accepted: boolean;
  stage: 'file' | 'startup' | 'accepted';
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

export async function serverVerdict(cluster: Cluster, configPath: string): Promise<ServerVerdict> {
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
  const server = await serverVerdict(cluster, main);
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

export function corpusFiles(): string[] {
  const dir = path.join(CORPUS_DIR, 'postgresql');
  return fs.readdirSync(dir).filter((f) => !f.startsWith('.')).sort().map((f) => path.join(dir, f));
}

export function casesFor(version: PgMajor): GeneratedCase[] {
  return generateCases(version, loadCatalog(version), SEED, CASES_PER_VERSION);
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
      for (const c of casesFor(version)) outcomes.push(await compareCase(cluster, version, c.id, c.category, c.files));
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
