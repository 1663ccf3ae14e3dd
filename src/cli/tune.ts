/**
 * `pgvet tune [file]`: recommended settings for a host and workload, as a conf block, ALTER
 * SYSTEM statements or JSON; given a file, `--diff` shows and `--write` makes the edits
 * (interactive at a terminal unless --yes). Exit codes: 0 done; 2 usage or input error (one line).
 */
import { isPgvetError } from '../errors.js';
import path from 'node:path';
import readline from 'node:readline';
import { loadCatalog } from '../catalog/catalog.js';
import type { PgMajor } from '../catalog/types.js';
import { formatBytes } from '../format.js';
import type { Host, Workload } from '../host/types.js';
import { DEFAULT_WORKLOAD } from '../host/workloads.js';
import { renderTuneJson } from '../report/tune-json.js';
import { renderTuneAlterSystem, renderTuneConf, type TuneHeader } from '../report/tune-text.js';
import { diskReader, InputError, loadConfig, type FileReader, type LoadedConfig } from '../resolve/load.js';
import { resolveSettings, type Resolution } from '../resolve/settings.js';
import { recommend, TuneError, TUNE_GROUPS, type Recommendation, type TuneResult } from '../tune/recommend.js';
import { applyWrite, planWrite, plannedBytes, unifiedDiff, BLOCK_START, type WritePlan } from '../tune/write.js';
import { checkWritable, WriteError } from '../io/write.js';
import { analyze, refusalRules } from '../analyze.js';
import type { Finding } from '../engine/types.js';
import { hostFromArgs } from './simulate.js';
import { configVersionFor, pickVersion, UsageError } from './common.js';
import { complain, out, stdio, withStdio, type Stdio } from './stdio.js';
import { findConfig, loadConfigFile } from '../engine/config.js';
import { RULES } from '../../rules/index.js';
import type { TuneArgs } from './tune-options.js';
import { printable } from '../report/escape.js';
import { isPgMajor } from '../catalog/catalog.js';
import { isCarrierFile, looksLikeCarrierText } from '../carriers/sniff.js';
import { useCarriers } from './carrier-errors.js';
import type { CarrierId } from '../carriers/model.js';
import { writeFiles } from '../io/write.js';
import type { SourceFile } from '../resolve/load.js';
import type { CarrierEditPlan, ToolInput } from '../carriers/cli.js';

/** --pg-version, else the .pgvetrc.json above the file, else the newest; with where it came from, in words. */
function chooseVersion(file: string | undefined, raw: unknown): { version: PgMajor; source: string } {
  const { version, source } = pickVersion(raw, raw === undefined ? configVersionFor(file ?? path.join(process.cwd(), 'postgresql.conf')) : undefined);
  return { version, source: source === 'flag' ? '--pg-version' : source === 'config' ? '.pgvetrc.json' : 'default: the newest supported major; give --pg-version' };
}

function keepList(raw: readonly string[] | undefined): string[] {
  return (raw ?? []).flatMap((k) => k.split(',')).map((k) => k.trim()).filter(Boolean);
}

function headerOf(version: PgMajor, versionSource: string, host: Host, workload: Workload, workloadSource: string): TuneHeader {
  const parts = [`PostgreSQL ${version}`, `${formatBytes(host.ramBytes!)} ${host.containerLimited ? 'RAM (container limit)' : 'RAM'}`, `${host.cores} cores`];
  if (host.storage) parts.push(host.storage);
  parts.push(`workload ${workload}`);
  if (host.connections) parts.push(`${host.connections} active clients`);
  if (host.replicas) parts.push(`${host.replicas} replicas`);
  const assumed: string[] = [];
  if (!versionSource.startsWith('--')) assumed.push(`PostgreSQL ${version} assumed (${versionSource})`);
  if (workloadSource.startsWith('default')) assumed.push(`workload ${workload} assumed (${workloadSource})`);
  return { summary: parts.join(', '), assumed };
}

/** The document's major version when no --pg-version is given; a conflict is said. */
function carrierVersion(carrier: ToolInput | undefined, raw: unknown, chosen: { version: PgMajor; source: string }): { version: PgMajor; source: string } {
  const major = carrier?.major;
  const at = carrier?.server.pgVersion ? `${carrier.display}:${carrier.server.pgVersion.at.line} (${carrier.server.pgVersion.from})` : '';
  if (!carrier || major === undefined) return chosen;
  if (raw !== undefined) {
    if (major !== chosen.version) complain(`note: --pg-version ${chosen.version} disagrees with ${at}, which runs PostgreSQL ${major}: tuned for ${chosen.version}`);
    return chosen;
  }
  if (!isPgMajor(major)) throw new UsageError(`${at} runs PostgreSQL ${major}; pgvet tunes 13 to 18 (give --pg-version)`);
  return { version: major, source: `--pg-version from ${at}` };
}

/** The document's host (limits, else requests; replicas), under the flags; a conflict is said. */
function carrierHost(carrier: ToolInput | undefined, flags: Host | undefined): Host | undefined {
  if (!carrier) return flags;
  const doc = carrier.host;
  for (const [k, flag] of [['ramBytes', '--ram'], ['cores', '--cores'], ['replicas', '--replicas']] as const) {
    const a = flags?.[k];
    const b = doc[k];
    if (typeof a === 'number' && typeof b === 'number' && a !== b) complain(`note: ${flag} ${k === 'ramBytes' ? formatBytes(a) : a} disagrees with ${carrier.display} (${k === 'ramBytes' ? formatBytes(b) : b}): the flag wins`);
  }
  const docHost: Host = { source: flags?.source ?? 'file', ...(doc.ramBytes !== undefined ? { ramBytes: doc.ramBytes } : {}), ...(doc.cores !== undefined ? { cores: doc.cores } : {}), ...(doc.replicas !== undefined ? { replicas: doc.replicas } : {}), ...(doc.containerLimited ? { containerLimited: true } : {}) };
  if (!flags) return docHost.ramBytes !== undefined || docHost.cores !== undefined ? docHost : undefined;
  const given = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) as Partial<Host>;
  return { ...docHost, ...given, source: flags.source };
}

/** tune --diff / --write on a carrier: the recommendations spliced into its parameter map. */
async function tuneCarrier(argv: TuneArgs, file: string, carrier: ToolInput, result: TuneResult, version: PgMajor): Promise<number> {
  let recs = result.recommendations.filter((r) => r.changed && !r.kept);
  const plan = (list: readonly Recommendation[]): CarrierEditPlan => useCarriers((c) => c.planCarrierEdit(file, list.map((r) => ({ name: r.name, value: r.value })), argv.carrier ? { carrier: argv.carrier as CarrierId } : {}));
  if (argv.diff) {
    const p = plan(recs);
    for (const s of p.skipped) complain(`not in the diff: ${s.name}: ${s.why}`);
    const fe = { file: { path: p.path, displayPath: p.display } as unknown as SourceFile, lines: p.lines, edits: p.edits, eol: p.eol };
    out(Buffer.from(unifiedDiff({ files: [fe], skipped: p.skipped, placed: p.placed }), 'latin1'));
    return 0;
  }
  const tty = stdio().stdinIsTTY && stdio().stdoutIsTTY;
  if (!argv.yes && !tty) throw new UsageError('--write without --yes asks before writing, and needs a terminal for that: add --yes');
  checkWritable(file, file);
  if (!argv.yes) {
    const prompter = terminalPrompter();
    let accepted: Set<string> | null;
    try {
      accepted = await interactive(recs, file, prompter);
    } finally {
      prompter.close();
    }
    if (!accepted) return 0;
    recs = recs.filter((r) => accepted.has(r.name));
  }
  const p = plan(recs);
  for (const s of p.skipped) complain(`not written: ${s.name}: ${s.why}`);
  if (!p.placed.length) {
    out(`${printable(file)}: already tuned, nothing to change\n`);
    return 0;
  }
  // never write a document the platform or PostgreSQL would refuse
  const after = useCarriers((c) => c.lintCarrier('<stdin>', { version, fallbackVersion: version, stdin: p.after }));
  const refused = after.findings.filter((f) => f.severity === 'error');
  if (refused.length) throw new WriteError(file, `not written: ${file} would still be refused after tuning: ${refused[0]!.line}:${refused[0]!.column}: ${refused[0]!.message}${refused.length > 1 ? ` (and ${refused.length - 1} more)` : ''}; fix that first (pgvet lint ${file})`);
  const written = writeFiles([{ path: file, display: file, expected: p.before, content: p.after }], { backup: true, lock: true });
  for (const w of written.warnings) complain(w);
  for (const w of written.files) out(`wrote ${printable(w.display)}${w.backup ? ` (backup: ${printable(path.relative(process.cwd(), w.backup) || w.backup)})` : ''}\n`);
  const restart = recs.filter((r) => r.context === 'restart' && p.placed.some((x) => x.name === r.name)).map((r) => r.name);
  out(restart.length ? `apply the manifest; the platform restarts PostgreSQL for: ${restart.join(', ')}\n` : 'apply the manifest; the platform reloads PostgreSQL\n');
  return 0;
}

/** Line-by-line answers from a terminal; EOF reads as "quit". */
interface Prompter {
  ask(question: string): Promise<string | null>;
  close(): void;
}

function terminalPrompter(): Prompter {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Lines typed ahead are buffered by the iterator, not lost between questions.
  const lines = rl[Symbol.asyncIterator]();
  return {
    async ask(question) {
      out(question);
      const next = await lines.next();
      return next.done ? null : String(next.value).trim().toLowerCase();
    },
    close: () => rl.close(),
  };
}

/** Group by group: accept, skip or quit; then a summary and one confirmation. Returns the accepted names, or null to write nothing. */
async function interactive(recs: readonly Recommendation[], file: string, prompter: Prompter): Promise<Set<string> | null> {
  const accepted = new Set<string>();
    outer: for (const group of TUNE_GROUPS) {
    const items = recs.filter((r) => r.group === group && r.changed && !r.kept);
    if (!items.length) continue;
    out(`\n== ${group} ==\n`);
    for (const r of items) out(`  ${r.name}: ${r.current === undefined ? '(default)' : printable(r.current)} -> ${r.value}${r.context === 'restart' ? ' [restart]' : ''}\n      ${r.reason}\n`);
    for (;;) {
      const a = await prompter.ask(`Apply ${items.length === 1 ? 'this change' : `these ${items.length} changes`} (${group})? [y]es/[s]kip/[q]uit: `);
      if (a === null || a === 'q' || a === 'quit') {
        out('quit: nothing written\n');
        return null;
      }
      if (a === 'y' || a === 'yes') {
        for (const r of items) accepted.add(r.name);
        break;
      }
      if (a === 's' || a === 'skip' || a === 'n' || a === 'no') continue outer;
      out('please answer y, s or q\n');
    }
  }
  if (!accepted.size) {
    out('\nnothing accepted: nothing written\n');
    return null;
  }
  const restart = recs.filter((r) => accepted.has(r.name) && r.context === 'restart').map((r) => r.name);
  out(`\nSummary: ${accepted.size} change${accepted.size > 1 ? 's' : ''} to ${printable(file)}${restart.length ? `; needs a restart: ${restart.join(', ')}` : ''}\n`);
  const a = await prompter.ask(`Write them (backup first)? [y/N]: `);
  if (a !== 'y' && a !== 'yes') {
    out('nothing written\n');
    return null;
  }
  return accepted;
}

/**
 * What PostgreSQL would refuse in a configuration (error findings), read from `main` with the
 * planned files' new bytes in place of theirs. tune never writes, and never prints as its
 * answer, a configuration the server refuses.
 */
function refusals(version: PgMajor, main: string, reader: FileReader, mainBytes?: Uint8Array): Finding[] {
  return analyze(main, { version, rules: refusalRules(RULES), reader, ...(mainBytes ? { mainBytes } : {}) }).findings.filter((f) => f.severity === 'error');
}

/** The files with the plan applied, the rest as on disk. */
function readerWith(plan: WritePlan): FileReader {
  const planned = plannedBytes(plan);
  return { ...diskReader, readFile: (p) => planned.get(p) ?? diskReader.readFile(p) };
}

function firstRefusal(found: readonly Finding[]): string {
  const f = found[0]!;
  return `${f.file}:${f.line}: ${f.message}${found.length > 1 ? ` (and ${found.length - 1} more)` : ''}`;
}

/**
 * Run `pgvet tune` with these streams (this module is bundled apart from main: it gets them
 * handed over); returns the exit code. Usage and input errors: one line on stderr, 2.
 */
export async function runTune(argv: TuneArgs, io: Stdio = stdio()): Promise<number> {
  return withStdio(io, () => tune(argv));
}

/** Flags that cannot go together. */
function checkCombination(argv: TuneArgs): void {
  const file = argv.file;
  if (argv.write && argv.diff) throw new UsageError('--diff shows what --write would change; give one of them');
  if ((argv.write || argv.diff) && argv.format !== undefined) throw new UsageError(`--${argv.write ? 'write' : 'diff'} ${argv.write ? 'edits the file' : 'prints a diff'}; --format is for the printed settings (drop one)`);
  if ((argv.write || argv.diff) && !file) throw new UsageError(`--${argv.write ? 'write' : 'diff'} needs a file: pgvet tune postgresql.conf --${argv.write ? 'write' : 'diff'}`);
  if (file === '-' && argv.write) throw new UsageError('--write edits a file on disk; standard input ("-") cannot be written back (give the file name)');
  if (argv.yes && !argv.write) throw new UsageError('--yes answers the questions of --write; without --write there are none');
}

async function tune(argv: TuneArgs): Promise<number> {
  try {
    const file = argv.file;
    checkCombination(argv);
    // a manifest, Patroni, compose, Helm values…: tune what PostgreSQL will see, on the document's host
    const stdinBytes = file === '-' ? stdio().readStdin() : undefined;
    const forced = argv.carrier as CarrierId | undefined;
    const carrier = file !== undefined && (forced || (stdinBytes ? looksLikeCarrierText(Buffer.from(stdinBytes).toString('utf8')) : isCarrierFile(file))) ? useCarriers((c) => c.toolInput(file, { ...(stdinBytes ? { stdin: stdinBytes } : {}), ...(forced ? { carrier: forced } : {}) })) : undefined;
    for (const n of carrier?.notes ?? []) complain(`note: ${n}`);
    const chosen = chooseVersion(file, argv.pgVersion);
    const { version, source: versionSource } = carrierVersion(carrier, argv.pgVersion, chosen);
    const host = carrierHost(carrier, hostFromArgs(argv));
    if (!host || host.ramBytes === undefined || host.cores === undefined) throw new UsageError(`tune needs the host: --ram and --cores (or --host FILE / --host auto)${carrier ? `; ${carrier.display} does not state ${host?.ramBytes === undefined ? 'a memory limit or request' : 'a CPU limit or request'}` : ''}`);
    const workload = (argv.workload as Workload | undefined) ?? host.workload ?? DEFAULT_WORKLOAD;
    const workloadSource = argv.workload ? '--workload' : host.workload ? `host ${host.source}` : `default: no --workload given`;
    let config: LoadedConfig | undefined;
    let resolution: Resolution | undefined;
    if (file) {
      config = carrier ? loadConfig(carrier.display, { mainBytes: Buffer.from(carrier.text) }) : loadConfig(file === '-' ? '<stdin>' : file, file === '-' ? { mainBytes: stdinBytes! } : {});
      resolution = resolveSettings(config.items, loadCatalog(version));
    }
    // pins: .pgvetrc.json's tune.keep and --keep
    const rc = findConfig(file && file !== '-' ? file : path.join(process.cwd(), 'postgresql.conf'));
    const keep = [...new Set([...(rc ? loadConfigFile(rc, RULES).tuneKeep ?? [] : []), ...keepList(argv.keep)])];
    const result: TuneResult = recommend({ version, host, workload, ...(resolution ? { current: resolution } : {}), keep });
    const header = headerOf(version, versionSource, host, workload, workloadSource);
    const blockHeader = `${BLOCK_START}${header.summary})`;

    if ((argv.write || argv.diff) && carrier && file) return await tuneCarrier(argv, file, carrier, result, version);
    if (argv.write && config && resolution) {
      const tty = stdio().stdinIsTTY && stdio().stdoutIsTTY;
      if (!argv.yes && !tty) throw new UsageError('--write without --yes asks before writing, and needs a terminal for that: add --yes');
      // the main file takes every value that has no line elsewhere: no use asking if it cannot be written
      checkWritable(config.main.path, config.main.displayPath);
      let recs = result.recommendations;
      if (!argv.yes) {
        const prompter = terminalPrompter();
        let accepted: Set<string> | null;
        try {
          accepted = await interactive(recs, config.main.displayPath, prompter);
        } finally {
          prompter.close();
        }
        if (!accepted) return 0;
        recs = recs.filter((r) => accepted.has(r.name));
      }
      const plan = planWrite(config, resolution, recs, blockHeader, file === '-');
      const refused = refusals(version, config.main.path, readerWith(plan));
      if (refused.length) {
        throw new WriteError(config.main.displayPath, `not written: PostgreSQL ${version} would still refuse ${config.main.displayPath} after tuning: ${firstRefusal(refused)}; fix that first (pgvet lint ${config.main.displayPath} --pg-version ${version})`);
      }
      for (const s of plan.skipped) complain(`not written: ${s.name}: ${s.why}`);
      if (!plan.files.length) {
        out(`${printable(config.main.displayPath)}: already tuned, nothing to change\n`);
        return 0;
      }
      const written = applyWrite(plan);
      for (const w of written.warnings) complain(w);
      for (const w of written.files) out(`wrote ${printable(w.display)}${w.backup ? ` (backup: ${printable(path.relative(process.cwd(), w.backup) || w.backup)})` : ''}\n`);
      const restart = recs.filter((r) => r.changed && !r.kept && r.context === 'restart' && plan.placed.some((p) => p.name === r.name)).map((r) => r.name);
      out(restart.length ? `restart PostgreSQL for: ${restart.join(', ')}; reload for the rest\n` : 'reload PostgreSQL (SELECT pg_reload_conf()) to apply\n');
      return 0;
    }
    if (argv.diff && config && resolution) {
      const plan = planWrite(config, resolution, result.recommendations, blockHeader, file === '-');
      for (const s of plan.skipped) complain(`not in the diff: ${s.name}: ${s.why}`);
      if (file !== '-') {
        const refused = refusals(version, config.main.path, readerWith(plan));
        if (refused.length) complain(`note: PostgreSQL ${version} would still refuse ${config.main.displayPath} with this diff applied: ${firstRefusal(refused)}`);
      }
      // the files' own bytes, whatever their encoding
      out(Buffer.from(unifiedDiff(plan), 'latin1'));
      return 0;
    }
    // The recommendations on their own must be a configuration the server takes.
    const asConf = renderTuneConf(result, header);
    const refused = refusals(version, '<pgvet tune>', diskReader, Buffer.from(asConf));
    if (refused.length) throw new TuneError(`cannot size for this host: PostgreSQL ${version} would refuse the result: ${refused[0]!.message}${refused[0]!.help ? ` (${refused[0]!.help})` : ''}`);
    const format = argv.format ?? 'conf';
    if (format === 'json') {
      out(renderTuneJson({ pgVersion: version, pgVersionSource: versionSource, workload, workloadSource, host, file: config?.main.displayPath ?? null, result }));
    } else if (format === 'alter-system') {
      out(renderTuneAlterSystem(result, header, { explain: argv.explain === true }));
    } else {
      out(renderTuneConf(result, header, { explain: argv.explain === true }));
    }
    return 0;
  } catch (err) {
    // user errors go to the one catch at the edge (src/cli/main.ts); a system error on the file is one too
    if (!isPgvetError(err) && (err as NodeJS.ErrnoException).code && argv.file) throw new InputError(argv.file, `${argv.file}: ${(err as Error).message}`);
    throw err;
  }
}
