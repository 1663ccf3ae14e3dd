/**
 * Property: whatever bytes a configuration holds, the lint pipeline (src/engine/lint.ts lintFile,
 * in this process, with an in-memory file tree) answers without throwing, with well-formed
 * findings, and the parser gives back every file byte for byte.
 *
 * Inputs: the real-world corpus (fixtures/corpus) mutated the way files get damaged (bytes
 * flipped, cut short, quotes, backslashes, NUL, a BOM, CR inserted, lines duplicated or dropped),
 * random lines from the configuration grammar and around it, and trees of files that include
 * each other (include, include_if_exists, include_dir: missing, themselves, each other, an empty
 * name, a directory), for every major version, with and without a host.
 *
 * The only exception allowed is InputError (exit 2 on the command line): a main file that looks
 * binary. fast-check with a fixed seed (PGVET_FUZZ_SEED explores others; PGVET_FUZZ_RUNS scales).
 */
import type { Host } from '../../src/host/types.js';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { PG_MAJORS, type PgMajor } from '../../src/catalog/types.js';
import { lintFile, type FileLint } from '../support/lint-helpers.js';
import { STORAGE_KINDS, WORKLOADS } from '../../src/host/types.js';
import { lineRange, parseConf, printConf, printTokens, type ParsedFile } from '../../src/parse/parser.js';
import { tokenize } from '../../src/parse/lexer.js';
import { decodeBytes } from '../../src/parse/text.js';
import { InputError } from '../../src/resolve/load.js';
import { RULES } from '../../rules/index.js';
import { CASE_ROOT, memoryReader } from '../support/memfs.js';
import { VENDORED_CORPUS_DIR } from '../support/paths.js';

const SEED = Number(process.env.PGVET_FUZZ_SEED ?? 20261205);
const RUNS = Number(process.env.PGVET_FUZZ_RUNS ?? 1);
/** Cases of each property at RUNS = 1: 8,000 in all. */
const CASES = { single: 5000, trees: 2700, corpus: 300 };

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Corpus files, as lines: mutations work on a window of lines, so that a case stays small and fast. */
const CORPUS: string[][] = ['postgresql', 'templates'].flatMap((sub) => {
  const d = path.join(VENDORED_CORPUS_DIR, sub);
  return fs
    .readdirSync(d)
    .sort()
    .map((f) => fs.readFileSync(path.join(d, f), 'latin1').split(/(?<=\n)/));
});

const RULE_IDS = new Set(RULES.map((r) => r.meta.id));
const RULE_NAMES = new Map(RULES.map((r) => [r.meta.id, r.meta.name]));
const SEVERITIES = new Set(['error', 'warning', 'info']);

// ------------------------------------------------------------------------------------------------
// Generators

const NAMES = [
  'work_mem', 'shared_buffers', 'max_connections', 'listen_addresses', 'Work_Mem', 'wal_level', 'max_wal_senders', 'log_line_prefix',
  'search_path', 'timezone', 'lc_messages', 'shared_preload_libraries', 'autovacuum', 'max_parallel_workers', 'ssl', 'port',
  'huge_pages', 'password_encryption', 'unix_socket_directories', 'vacuum_cost_delay', 'random_page_cost', 'datestyle',
  'include', 'include_if_exists', 'include_dir', 'INCLUDE', 'auto_explain.log_min_duration', 'a.b.c', 'x', 'unknown_param', 'wrok_mem',
  'stats_temp_directory', 'wal_keep_segments', 'io_method', 'summarize_wal', '\u00e9t\u00e9', 'is_superuser',
];
const VALUES = [
  '4MB', '8 MB', '128MB', "'1GB'", '0', '-1', '1e4', '1.5', '.5', '0x1F', '0100', '100000000000', '9'.repeat(40), 'on', 'off', 'true', "'on'",
  'replica', 'minimal', 'logical', "'*'", 'localhost', '*', "'%m [%p] '", "'it''s'", "'a\\'b'", "'\\101\\n'", "'unterminated", "''", 'C.UTF-8',
  'en_US.utf8', "'$user, public'", 'Europe/Berlin', "'pg_stat_statements,auto_explain'", '30s', '1min', '1d', '100ms', "'2MB'", 'inf', 'nan',
  '-', '=', '"x"', "'/dev/null'", "'conf.d'", "''''", '127.0.0.1',
];
const SEPARATORS = [' = ', '=', ' ', '  =  ', '\t=\t', ' == ', ''];
const TAILS = ['', ' # comment', '# x', '  ', '\r', " # pgvet-disable-line", ' extra', " 'more'"];

const settingLine = fc
  .tuple(fc.constantFrom(...NAMES), fc.constantFrom(...SEPARATORS), fc.constantFrom(...VALUES), fc.constantFrom(...TAILS))
  .map(([n, s, v, t]) => `${n}${s}${v}${t}\n`);

const SPECIAL_LINES = [
  '# a comment\n', '\n', '\r\n', '   \n', '# pgvet-disable-next-line\n', '# pgvet-disable-next-line PGV008, duplicate-setting, NOPE\n',
  '# pgvet-disable-file PGV002\n', '#pgvet-disable-next-line PGV001 -- why\n', "include 'a.conf'\n", "include_if_exists 'missing.conf'\n",
  "include_dir 'conf.d'\n", "include ''\n", "include 'postgresql.conf'\n", "include 'conf.d'\n", "include_dir 'nowhere'\n", "include '../up.conf'\n",
  "include '/abs/b.conf'\n", "include_if_exists 'b.conf'\n", "include 'b.conf'\n",
];
const specialLine = fc.constantFrom(...SPECIAL_LINES);
const junkLine = fc.string({ maxLength: 40 }).map((s) => `${s}\n`);
const anyLine = fc.oneof({ weight: 6, arbitrary: settingLine }, { weight: 3, arbitrary: specialLine }, { weight: 1, arbitrary: junkLine });

/** A file from the grammar: lines of settings, comments, directives and junk. */
const grammarFile = fc.array(anyLine, { maxLength: 25 }).map((lines) => enc(lines.join('')));

/** A window of a corpus file. */
const corpusFile = fc
  .tuple(fc.nat(CORPUS.length - 1), fc.nat(), fc.integer({ min: 1, max: 80 }))
  .map(([i, at, n]) => {
    const lines = CORPUS[i]!;
    const start = lines.length ? at % lines.length : 0;
    return Buffer.from(lines.slice(start, start + n).join(''), 'latin1') as Uint8Array;
  });

const INSERTS = ["'", '\\', '\0', '\ufeff', '\r', '\n', '=', '#', "''", "\\'", '"', '\x1b[2J', ' ', "include 'b.conf'\n", '\u00ff'];

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicate'; at: number }
  | { kind: 'drop'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.nat(255) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...INSERTS) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
);

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const b = Buffer.from(bytes);
  const at = b.length ? m.at % (b.length + 1) : 0;
  const lineBounds = (): [number, number] => {
    const start = b.lastIndexOf(0x0a, at - 1) + 1;
    const nl = b.indexOf(0x0a, at);
    return [start, nl < 0 ? b.length : nl + 1];
  };
  switch (m.kind) {
    case 'flip':
      if (at < b.length) b[at] = m.byte;
      return b;
    case 'truncate':
      return b.subarray(0, at);
    case 'insert':
      return Buffer.concat([b.subarray(0, at), Buffer.from(m.text, 'utf8'), b.subarray(at)]);
    case 'duplicate': {
      const [s, e] = lineBounds();
      return Buffer.concat([b.subarray(0, e), b.subarray(s, e), b.subarray(e)]);
    }
    case 'drop': {
      const [s, e] = lineBounds();
      return Buffer.concat([b.subarray(0, s), b.subarray(e)]);
    }
  }
}

const damaged = (base: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> =>
  fc.tuple(base, fc.array(mutation, { maxLength: 4 })).map(([bytes, ms]) => ms.reduce(mutate, bytes));

const fileBytes = fc.oneof({ weight: 3, arbitrary: damaged(corpusFile) }, { weight: 2, arbitrary: damaged(grammarFile) }, { weight: 1, arbitrary: grammarFile });

/** A tree: the main file and what it may include (some present, some not). */
const tree = fc.record(
  {
    'postgresql.conf': fileBytes,
    'a.conf': fileBytes,
    'b.conf': fileBytes,
    'conf.d/10-first.conf': fileBytes,
    'conf.d/20-second.conf': fileBytes,
    'conf.d/.hidden.conf': fileBytes,
    'conf.d/x.conf': fileBytes,
    'conf.d/sub/deep.conf': fileBytes,
    '../up.conf': fileBytes,
  },
  { requiredKeys: ['postgresql.conf'] },
);

const host: fc.Arbitrary<Partial<Host> | undefined> = fc.option(
  fc.record(
    {
      ramBytes: fc.integer({ min: 1, max: 2 ** 45 }),
      cores: fc.oneof(fc.integer({ min: 1, max: 256 }), fc.double({ min: 0.1, max: 64, noNaN: true })),
      storage: fc.constantFrom(...STORAGE_KINDS),
      workload: fc.constantFrom(...WORKLOADS),
      connections: fc.integer({ min: 1, max: 100_000 }),
      replicas: fc.integer({ min: 0, max: 100 }),
      processLimit: fc.integer({ min: 1, max: 1_000_000 }),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

// ------------------------------------------------------------------------------------------------
// What must hold

/** A failed property (plain throws: expect() per token and finding would be most of the run time). */
function check(ok: boolean, what: string, ...context: unknown[]): void {
  if (!ok) throw new Error(`${what}: ${JSON.stringify(context).slice(0, 2000)}`);
}

function expectLossless(parsed: ParsedFile, bytes: Uint8Array): void {
  check(Buffer.compare(Buffer.from(printConf(parsed)), Buffer.from(bytes)) === 0, 'printConf is not the identity');
  check(Buffer.compare(Buffer.from(printTokens(parsed)), Buffer.from(bytes)) === 0, 'printTokens is not the identity');
  // the lines tile the file, and lexing line by line gives the tokens of the whole file
  let at = 0;
  for (let n = 1; n <= parsed.lineCount; n++) {
    const [start, end] = lineRange(parsed, n);
    check(start === at && end > start, 'lines do not tile the file', n, start, end, at);
    at = end;
  }
  check(at === bytes.length, 'lines do not cover the file', at, bytes.length);
  const key = (t: { kind: string; start: number; end: number }): string => `${t.kind}:${t.start}:${t.end}`;
  const whole = tokenize(bytes).map(key).join(' ');
  const byLine = parsed.lines.flatMap((l) => l.tokens.map(key)).join(' ');
  check(whole === byLine, 'line tokens differ from the tokens of the file');
  // entries point at their own bytes, on their own line, in order
  let line = 0;
  for (const e of parsed.entries) {
    const [start, end] = lineRange(parsed, e.line);
    check(e.line > line, 'entries out of order', e.line, line);
    line = e.line;
    check(e.nameToken.start >= start && e.valueToken.end <= end, 'entry outside its line', e.line);
    check(decodeBytes(bytes.subarray(e.nameToken.start, e.nameToken.end)) === e.name, 'name token', e.name);
    check(decodeBytes(bytes.subarray(e.valueToken.start, e.valueToken.end)) === e.rawValue, 'value token', e.rawValue);
  }
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

function expectWellFormed(result: FileLint, lines: Map<string, number>): void {
  let previous: { file: string; line: number; column: number; severity: keyof typeof SEVERITY_ORDER } | undefined;
  for (const f of result.findings) {
    check(RULE_IDS.has(f.ruleId) && f.name === RULE_NAMES.get(f.ruleId), 'unknown rule', f);
    check(SEVERITIES.has(f.severity), 'severity', f);
    check(typeof f.message === 'string' && f.message.length > 0 && !/undefined|NaN|\[object Object\]/.test(f.message), 'message', f);
    check(Number.isInteger(f.line) && f.line >= 0 && Number.isInteger(f.column) && f.column >= 0, 'position', f);
    const count = lines.get(f.file);
    check(count !== undefined && f.line <= Math.max(count, 1), 'file or line not in the configuration', f, count);
    for (const k of ['parameter', 'help'] as const) check(f[k] === undefined || typeof f[k] === 'string', k, f);
    // a proposed value is structured: { parameter, value }, both text
    check(f.suggestion === undefined || (typeof f.suggestion === 'object' && typeof f.suggestion.parameter === 'string' && typeof f.suggestion.value === 'string'), 'suggestion', f);
    check(typeof f.messageId === 'string' && f.messageId.length > 0 && typeof f.data === 'object', 'messageId and data', f);
    // sorted by severity (error → warning → info), then file, line, column
    if (previous) check(SEVERITY_ORDER[previous.severity] <= SEVERITY_ORDER[f.severity], 'order: severity', previous, f);
    if (previous && previous.severity === f.severity && previous.file === f.file) check(previous.line < f.line || (previous.line === f.line && previous.column <= f.column), 'order', previous, f);
    previous = f;
  }
}

function lintTree(files: Record<string, Uint8Array>, version: PgMajor, hostFacts: Partial<Host> | undefined): void {
  const checked = new Set<string>();
  try {
    const result = lintFile(`${CASE_ROOT}/postgresql.conf`, { version, reader: memoryReader(files), cwd: CASE_ROOT, ...(hostFacts ? { host: hostFacts } : {}) });
    const lines = new Map<string, number>();
    for (const f of result.config.files) {
      const name = path.relative(CASE_ROOT, f.path);
      const original = files[name];
      check(original !== undefined, 'a file that is not in the tree', f.path);
      if (!checked.has(name)) expectLossless(f.parsed, original!);
      checked.add(name);
      lines.set(f.displayPath, f.parsed.lineCount);
    }
    expectWellFormed(result, lines);
  } catch (err) {
    // the one refusal: a main file that looks binary (exit 2 on the command line)
    if (!(err instanceof InputError && /binary file/.test(err.message))) throw err;
  }
  // the files nothing included parse losslessly too
  for (const [name, bytes] of Object.entries(files)) if (!checked.has(name)) expectLossless(parseConf(bytes), bytes);
}

// ------------------------------------------------------------------------------------------------

const version = fc.constantFrom(...PG_MAJORS);

test('single files: damaged corpus windows and grammar lines, every version, with and without a host', () => {
  fc.assert(
    fc.property(fileBytes, version, host, (bytes, v, h) => lintTree({ 'postgresql.conf': bytes }, v, h)),
    { seed: SEED, numRuns: CASES.single * RUNS },
  );
});

test('trees of files that include each other', () => {
  fc.assert(
    fc.property(tree, version, host, (files, v, h) => lintTree(files as Record<string, Uint8Array>, v, h)),
    { seed: SEED + 1, numRuns: CASES.trees * RUNS },
  );
});

test('whole corpus files, damaged', () => {
  const whole = fc.tuple(fc.nat(CORPUS.length - 1), fc.array(mutation, { maxLength: 6 })).map(([i, ms]) => ms.reduce(mutate, Buffer.from(CORPUS[i]!.join(''), 'latin1') as Uint8Array));
  fc.assert(
    fc.property(whole, version, (bytes, v) => lintTree({ 'postgresql.conf': bytes }, v, undefined)),
    { seed: SEED + 2, numRuns: CASES.corpus * RUNS },
  );
});
