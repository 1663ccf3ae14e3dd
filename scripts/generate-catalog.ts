/**
 * Generates src/catalog/data/pg<NN>.json from the real servers: `npm run catalog`.
 *
 * For each installed major version it starts the server (scripts/lib/pg/), reads
 * pg_settings, and asks `postgres -C` about what pg_settings cannot show: parameters hidden
 * from it (GUC_NO_SHOW_ALL), legacy name aliases, enum spellings the server accepts but does not
 * list, and the client encodings it accepts. Nothing here is typed in from documentation; the
 * candidate lists below are only the questions, the servers give the answers.
 *
 * Usage: node dist/scripts/generate-catalog.js [--versions 13,18] [--out DIR] [--check]
 *   --check   regenerate into memory and fail (exit 1) if a committed file differs.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isPgMajor } from '../src/catalog/catalog.js';
import { PG_MAJORS, type PgMajor } from '../src/catalog/types.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { pgAvailable, pgPackageId, pgShareDir } from './lib/pg/install.js';
import { mapLimit } from './lib/pg/run.js';
import { getCluster, writeScratch } from './lib/pg/cluster.js';
import { checkConfigFile, showParameter } from './lib/pg/check.js';
import { connect, withServer } from './lib/pg/server.js';

// ---------------------------------------------------------------------------------------------
// The file format (src/catalog reads it)

import type { ParamInfo as CatalogParam, ParamType } from '../src/catalog/types.js';

export type { CatalogParam, ParamType };

export interface HiddenParamProbe {
  /** The value written as `name = '<value>'` in an otherwise empty postgresql.conf. */
  value: string;
  /** Whether `postgres -C server_version` accepted that file. */
  accepted: boolean;
  /** The server's complaint when it did not. */
  message: string | null;
}

export interface HiddenParam {
  name: string;
  /** From the server source (pg_settings cannot tell). */
  context: string;
  type?: ParamType;
  /** What `postgres -C <name>` prints with an empty configuration. */
  shown: string;
  /** Whether a postgresql.conf line `name = 'x'` makes `postgres -C server_version` fail. */
  rejectedInFile: boolean;
  /** The file probes: 'x', and the value it shows by default. */
  fileProbes: HiddenParamProbe[];
}

export interface CatalogFile {
  pgVersion: number;
  serverVersion: string;
  generatedBy: string;
  params: Record<string, CatalogParam>;
  /** GUCs that exist but pg_settings does not show (GUC_NO_SHOW_ALL), keyed by lower-case name. */
  hiddenParams: Record<string, HiddenParam>;
  /** Old names the server silently maps to a parameter (lower-case alias → pg_settings name). */
  aliases: Record<string, string>;
  /** Every zone name under share/postgresql/timezone, relative paths, sorted. */
  timezones: string[];
  /** File names under share/postgresql/timezonesets, sorted. */
  timezoneSets: string[];
  /** Lower-case encoding names accepted for client_encoding (the server also ignores case and non-alphanumerics). */
  encodings: string[];
}

// ---------------------------------------------------------------------------------------------
// The questions

/**
 * GUCs defined with GUC_NO_SHOW_ALL in the server source (guc.c up to 15, guc_tables.c from 16;
 * postgres/postgres, src/backend/utils/misc/). Type and context are read there; whether each
 * exists in a given build is asked of that build with `postgres -C <name>`.
 * restrict_nonsystem_relation_kind arrived in minor releases of August 2024 (CVE-2024-7348).
 */
const HIDDEN_CANDIDATES: readonly { name: string; type: ParamType; context: string }[] = [
  { name: 'default_with_oids', type: 'bool', context: 'user' },
  { name: 'is_superuser', type: 'bool', context: 'internal' },
  { name: 'restrict_nonsystem_relation_kind', type: 'string', context: 'user' },
  { name: 'role', type: 'string', context: 'user' },
  { name: 'seed', type: 'real', context: 'user' },
  { name: 'session_authorization', type: 'string', context: 'user' },
  { name: 'ssl_renegotiation_limit', type: 'integer', context: 'user' },
];

/**
 * Legacy names mapped by map_old_guc_names() in guc.c, with a value to prove the mapping:
 * `postgres -C <target> -c <alias>=<value>` must print the value (-C prints base units, no unit).
 */
const ALIAS_CANDIDATES: readonly { alias: string; target: string; value: string; expect: string }[] = [
  { alias: 'sort_mem', target: 'work_mem', value: '1234kB', expect: '1234' },
  { alias: 'vacuum_mem', target: 'maintenance_work_mem', value: '2345kB', expect: '2345' },
  { alias: 'ssl_ecdh_curve', target: 'ssl_groups', value: 'secp384r1', expect: 'secp384r1' },
];

/**
 * Spellings tried on every enum parameter. Beyond the boolean-ish ones, "archive"/"hot_standby"
 * are wal_level's pre-9.6 names, and "debug"/"info" are entries marked hidden in the message
 * level option lists.
 */
const ENUM_CANDIDATES: readonly string[] = [
  'on', 'off', 'true', 'false', 'yes', 'no', '1', '0',
  'archive', 'hot_standby',
  't', 'f', 'y', 'n', 'tru', 'fals', 'of',
  'debug', 'info',
];

/** Encoding spellings tried besides pg_encoding_to_char(0..63): the alias table of encnames.c and a few guesses. */
const ENCODING_ALIASES: readonly string[] = [
  'abc', 'alt', 'big5', 'euccn', 'eucjis2004', 'eucjp', 'euckr', 'euctw', 'gb18030', 'gbk',
  'iso88591', 'iso885910', 'iso885913', 'iso885914', 'iso885915', 'iso885916', 'iso88592', 'iso88593',
  'iso88594', 'iso88595', 'iso88596', 'iso88597', 'iso88598', 'iso88599', 'johab', 'koi8', 'koi8r',
  'koi8u', 'latin1', 'latin2', 'latin3', 'latin4', 'latin5', 'latin6', 'latin7', 'latin8', 'latin9',
  'latin10', 'mskanji', 'muleinternal', 'shiftjis', 'shiftjis2004', 'sjis', 'sqlascii', 'tcvn',
  'tcvn5712', 'uhc', 'unicode', 'utf8', 'vscii', 'vn', 'win', 'win1250', 'win1251', 'win1252', 'win1253',
  'win1254', 'win1255', 'win1256', 'win1257', 'win1258', 'win866', 'win874', 'win932', 'win936',
  'win949', 'win950', 'windows1250', 'windows1251', 'windows1252', 'windows1253', 'windows1254',
  'windows1255', 'windows1256', 'windows1257', 'windows1258', 'windows866', 'windows874',
  'windows932', 'windows936', 'windows949', 'windows950', 'euc_jp', 'shift_jis', 'iso_8859_1',
  'ascii', 'latin11', 'cp1252', 'cp866', 'utf16', 'ucs2',
];

// ---------------------------------------------------------------------------------------------
// Generation

interface PgSettingsRow {
  name: string;
  vartype: string;
  unit: string | null;
  min_val: string | null;
  max_val: string | null;
  enumvals: string[] | null;
  boot_val: string | null;
  context: string;
  category: string;
  short_desc: string;
}

const PARALLEL = Math.max(2, (os.availableParallelism?.() ?? os.cpus().length) * 2);

function toNumber(s: string | null): number | null {
  if (s === null || s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function toType(vartype: string): ParamType {
  if (vartype === 'bool' || vartype === 'integer' || vartype === 'real' || vartype === 'string' || vartype === 'enum') return vartype;
  throw new Error(`unexpected pg_settings.vartype ${vartype}`);
}

function listFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const relPath = rel ? `${rel}/${entry.name}` : entry.name;
    const full = path.join(root, relPath);
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && fs.statSync(full).isDirectory());
    if (isDir) out.push(...listFiles(root, relPath));
    else out.push(relPath);
  }
  return out;
}

/** Code-unit order, which is byte order for these ASCII names (the server's C-locale order). */
function byteSort(a: string[]): string[] {
  return [...a].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

function firstComplaint(messages: { level: string; text: string }[]): string | null {
  const m = messages.find((x) => x.level !== 'FATAL' || !/contains errors$/.test(x.text)) ?? messages[0];
  return m ? m.text : null;
}

async function generate(v: PgMajor): Promise<{ file: CatalogFile; ms: number; probes: number }> {
  const t0 = Date.now();
  let probes = 0;
  const cluster = await getCluster(v);
  const emptyConf = writeScratch(cluster, 'catalog/empty.conf', '');
  /** postgres -C <name> with an empty postgresql.conf (not the one initdb wrote) plus `args`. */
  const probe = (name: string, args: readonly string[] = []) =>
    showParameter(cluster, name, ['-c', `config_file=${emptyConf}`, ...args]);

  // 1. pg_settings, the server version and the encoding names, from a running server.
  const { rows, serverVersion, encodingNames } = await withServer(cluster, emptyConf, async (server) => {
    const client = await connect(server);
    try {
      const settings = await client.query<PgSettingsRow>(
        `SELECT name, vartype, unit, min_val, max_val, enumvals, boot_val, context, category, short_desc
           FROM pg_settings ORDER BY lower(name)`,
      );
      const version = await client.query<{ server_version: string }>('SHOW server_version');
      const enc = await client.query<{ name: string }>(
        `SELECT DISTINCT lower(pg_encoding_to_char(i)) AS name FROM generate_series(0, 63) AS i
          WHERE pg_encoding_to_char(i) <> ''`,
      );
      return {
        rows: settings.rows,
        serverVersion: version.rows[0]?.server_version ?? '',
        encodingNames: enc.rows.map((r) => r.name),
      };
    } finally {
      await client.end();
    }
  });

  const params: Record<string, CatalogParam> = {};
  for (const r of rows) {
    params[r.name.toLowerCase()] = {
      name: r.name,
      type: toType(r.vartype),
      unit: r.unit,
      min: toNumber(r.min_val),
      max: toNumber(r.max_val),
      enumValues: r.enumvals,
      default: r.boot_val,
      context: r.context,
      category: r.category,
      description: r.short_desc,
    };
  }

  // 2. Hidden enum spellings: postgres -C <name> -c <name>=<candidate>.
  const enumProbes: { key: string; name: string; value: string }[] = [];
  for (const [key, p] of Object.entries(params)) {
    if (p.type !== 'enum') continue;
    const listed = new Set((p.enumValues ?? []).map((e) => e.toLowerCase()));
    for (const value of ENUM_CANDIDATES) if (!listed.has(value)) enumProbes.push({ key, name: p.name, value });
  }
  const enumResults = await mapLimit(enumProbes, PARALLEL, (pr) => probe(pr.name, ['-c', `${pr.name}=${pr.value}`]));
  probes += enumProbes.length;
  enumProbes.forEach((pr, i) => {
    if (!enumResults[i]?.ok) return;
    const p = params[pr.key];
    if (p) (p.hiddenEnumValues ??= []).push(pr.value);
  });

  // 3. Hidden parameters.
  const hiddenParams: Record<string, HiddenParam> = {};
  for (const cand of HIDDEN_CANDIDATES) {
    if (params[cand.name]) continue; // shown by pg_settings in this version: not hidden
    const shown = await probe(cand.name);
    probes++;
    if (!shown.ok) continue;
    const shownValue = shown.value ?? '';
    const values = shownValue === 'x' ? ['x'] : ['x', shownValue];
    const fileProbes: HiddenParamProbe[] = [];
    for (const value of values) {
      const conf = writeScratch(cluster, `catalog/hidden-${cand.name}.conf`, `${cand.name} = '${value.replace(/'/g, "''")}'\n`);
      const res = await checkConfigFile(cluster, conf);
      probes++;
      fileProbes.push({ value, accepted: res.accepted, message: res.accepted ? null : firstComplaint(res.messages) });
    }
    hiddenParams[cand.name] = {
      name: cand.name,
      context: cand.context,
      type: cand.type,
      shown: shownValue,
      rejectedInFile: !(fileProbes[0]?.accepted ?? false),
      fileProbes,
    };
  }

  // 4. Aliases.
  const aliases: Record<string, string> = {};
  for (const a of ALIAS_CANDIDATES) {
    const target = params[a.target];
    if (!target || params[a.alias]) continue;
    const res = await probe(target.name, ['-c', `${a.alias}=${a.value}`]);
    probes++;
    if (res.ok && res.value === a.expect) aliases[a.alias] = target.name;
  }

  // 5. Client encodings.
  const encodingCandidates = byteSort([...new Set([...encodingNames, ...ENCODING_ALIASES])]);
  const encResults = await mapLimit(encodingCandidates, PARALLEL, (name) =>
    probe('client_encoding', ['-c', `client_encoding=${name}`]),
  );
  probes += encodingCandidates.length;
  const encodings = encodingCandidates.filter((_, i) => encResults[i]?.ok);

  // 6. Time zones and time zone abbreviation sets, from the share directory.
  const share = pgShareDir(v);
  const timezones = byteSort(listFiles(path.join(share, 'timezone')));
  const timezoneSets = byteSort(fs.readdirSync(path.join(share, 'timezonesets')).filter((f) => fs.statSync(path.join(share, 'timezonesets', f)).isFile()));

  const file: CatalogFile = {
    pgVersion: v,
    serverVersion,
    generatedBy: `scripts/generate-catalog.ts from pg_settings of ${pgPackageId(v)}`,
    params: sortKeys(Object.fromEntries(Object.entries(params).map(([k, p]) => [k, orderParam(p)]))),
    hiddenParams: sortKeys(hiddenParams),
    aliases: sortKeys(aliases),
    timezones,
    timezoneSets,
    encodings,
  };
  return { file, ms: Date.now() - t0, probes };
}

/** The documented key order (hiddenEnumValues right after enumValues, only when present). */
function orderParam(p: CatalogParam): CatalogParam {
  return {
    name: p.name,
    type: p.type,
    unit: p.unit,
    min: p.min,
    max: p.max,
    enumValues: p.enumValues,
    ...(p.hiddenEnumValues ? { hiddenEnumValues: p.hiddenEnumValues } : {}),
    default: p.default,
    context: p.context,
    category: p.category,
    description: p.description,
  };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of byteSort(Object.keys(o))) out[k] = o[k] as T;
  return out;
}

/** Pretty JSON with one parameter (or one array element) per line: diffs stay readable. */
export function serializeCatalog(c: CatalogFile): string {
  const obj = (o: Record<string, unknown>): string => {
    const entries = Object.entries(o);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')}\n  }`;
  };
  const arr = (a: readonly string[]): string =>
    a.length === 0 ? '[]' : `[\n${a.map((s) => `    ${JSON.stringify(s)}`).join(',\n')}\n  ]`;
  return (
    '{\n' +
    [
      `  "pgVersion": ${JSON.stringify(c.pgVersion)}`,
      `  "serverVersion": ${JSON.stringify(c.serverVersion)}`,
      `  "generatedBy": ${JSON.stringify(c.generatedBy)}`,
      `  "params": ${obj(c.params)}`,
      `  "hiddenParams": ${obj(c.hiddenParams)}`,
      `  "aliases": ${obj(c.aliases)}`,
      `  "timezones": ${arr(c.timezones)}`,
      `  "timezoneSets": ${arr(c.timezoneSets)}`,
      `  "encodings": ${arr(c.encodings)}`,
    ].join(',\n') +
    '\n}\n'
  );
}

function summary(c: CatalogFile, ms: number, probes: number): string {
  const hiddenEnum = Object.values(c.params).filter((p) => p.hiddenEnumValues?.length).length;
  const hidden = Object.values(c.hiddenParams)
    .map((h) => `${h.name}${h.rejectedInFile ? '' : '(file ok)'}`)
    .join(' ');
  return (
    `pg${c.pgVersion} ${c.serverVersion}: ${Object.keys(c.params).length} params, ` +
    `hidden [${hidden}], aliases [${Object.keys(c.aliases).join(' ')}], ${hiddenEnum} enums with hidden spellings, ` +
    `${c.timezones.length} zones, ${c.timezoneSets.length} zone sets, ${c.encodings.length} encodings ` +
    `(${probes} probes, ${(ms / 1000).toFixed(1)} s)`
  );
}

function parseArgs(argv: string[]): { versions: PgMajor[]; out: string; check: boolean } {
  let versions: PgMajor[] = [...PG_MAJORS];
  let out = path.join(PACKAGE_ROOT, 'src', 'catalog', 'data');
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--versions') {
      const list = (argv[++i] ?? '').split(',').map((s) => Number(s.trim()));
      const bad = list.filter((n) => !isPgMajor(n));
      if (bad.length) throw new Error(`--versions: unsupported ${bad.join(', ')} (supported: ${PG_MAJORS.join(', ')})`);
      versions = list as PgMajor[];
    } else if (a === '--out') {
      out = path.resolve(argv[++i] ?? '');
    } else if (a === '--check') {
      check = true;
    } else {
      throw new Error(`unknown argument ${a}\nusage: generate-catalog [--versions 13,18] [--out DIR] [--check]`);
    }
  }
  return { versions, out, check };
}

async function main(): Promise<number> {
  const { versions, out, check } = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  let failed = false;
  fs.mkdirSync(out, { recursive: true });
  for (const v of versions) {
    if (!pgAvailable(v)) {
      console.log(`pg${v}: skipped, binaries not installed (npm alias pg${v})`);
      continue;
    }
    const { file, ms, probes } = await generate(v);
    const text = serializeCatalog(file);
    const target = path.join(out, `pg${v}.json`);
    if (check) {
      const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
      if (current !== text) {
        console.log(`pg${v}: ${target} is out of date`);
        failed = true;
      }
    } else {
      fs.writeFileSync(target, text);
    }
    console.log(summary(file, ms, probes));
  }
  console.log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(3);
  },
);
