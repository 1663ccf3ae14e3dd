/**
 * `tune` and `simulate` on a carrier: the server's effective configuration as a postgresql.conf
 * the existing pipeline reads, with the major version, host and replicas the document states;
 * and `tune --write` / `--diff` as edits of the carrier's own parameter map.
 *
 * The edits are byte splices at the YAML nodes' ranges, never a re-serialisation: comments, key
 * order, quoting style, indentation and line ends stay as they are, and every byte outside the
 * changed values (and the inserted lines) is the original's. Each planned edit is checked by
 * reading the edited document again: a value the platform would refuse, drop or replace is not
 * written, and says why.
 */
import type { Host } from '../host/types.js';
import { isScalar, parseAllDocuments, visit, type Scalar } from 'yaml';
import { InputError } from '../resolve/load.js';
import { effectiveConfig, type Effective } from './effective.js';
import { hostFromModel } from './lint.js';
import type { CarrierId, CarrierSetting, PlatformId, ServerModel } from './model.js';
import { readCarriers, STDIN } from './read.js';
import { renderEffective } from './render.js';
import { readBounded } from './source.js';
import { insertValues, replaceValue, TOKEN_CARRIERS, type TokenContext } from './splice.js';
import { isPgMajor, loadCatalog } from '../catalog/catalog.js';
import { NEWEST_MAJOR, type PgMajor } from '../catalog/types.js';
import type { Catalog } from '../catalog/catalog.js';
import { parseBool, parseValue } from '../catalog/values.js';

export interface ToolInput {
  display: string;
  carrier: CarrierId;
  server: ServerModel;
  /** The effective configuration as postgresql.conf text. */
  text: string;
  /** The document's major version (any number; the caller checks 13–18). */
  major?: number;
  /** What the document says about the host. */
  host: Partial<Host>;
  /** Said on standard error: which server of several, what could not be read. */
  notes: string[];
}

function pickServer(file: string, options: { carrier?: CarrierId; stdin?: Uint8Array }): { carrier: CarrierId; server: ServerModel; index: number; notes: string[] } {
  const reads = readCarriers([file], options);
  const all = reads.flatMap((r) => r.servers.map((server, index) => ({ server, index, carrier: (r.carrier ?? server.carrier) as CarrierId })));
  if (!all.length) throw new InputError(file, `${file}: no PostgreSQL server configuration found in it`);
  const notes: string[] = [];
  if (all.length > 1) notes.push(`${file} describes ${all.length} servers; using the first: ${all[0]!.server.kind} ${all[0]!.server.name} (${all[0]!.server.at.line}:${all[0]!.server.at.column})`);
  return { ...all[0]!, notes };
}

export function toolInput(file: string, options: { carrier?: CarrierId; stdin?: Uint8Array } = {}): ToolInput {
  const display = file === '-' ? STDIN : file;
  const { carrier, server, notes } = pickServer(display, options);
  const eff = effectiveConfig(server);
  return { display, carrier, server, text: renderEffective(eff).text, ...(server.pgVersion ? { major: server.pgVersion.major } : {}), host: hostFromModel(server), notes };
}

const MANAGED: ReadonlySet<PlatformId> = new Set(['rds', 'aurora', 'cloudsql', 'azure']);

/**
 * A value as a number in the parameter's base unit ("4GB" → "524288" for shared_buffers), and on
 * RDS a boolean as 1/0 (its parameter groups type booleans so; the provider's own example writes
 * log_connections = "1"); other values as they are.
 */
function inBaseUnit(catalog: Catalog, name: string, value: string, major: PgMajor, boolAsDigit: boolean): string {
  const info = catalog.lookup(name);
  if (info?.type === 'bool' && boolAsDigit) {
    const b = parseBool(value);
    return b === null ? value : b ? '1' : '0';
  }
  if (!info || !info.unit || (info.type !== 'integer' && info.type !== 'real')) return value;
  const parsed = parseValue(info, value, major);
  return parsed.ok && typeof parsed.value === 'number' ? String(parsed.value) : value;
}

/** CRDs whose parameter map takes strings only. */
const STRINGS_ONLY: ReadonlySet<PlatformId> = new Set(['cnpg', 'zalando', 'stackgres']);
/** Plain scalars YAML 1.1 (Patroni, Ansible) or the Kubernetes API would type as something else. */
const NOT_A_PLAIN_STRING = /^(?:y|yes|n|no|true|false|on|off|null|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+|\.inf|\.nan)$/i;

function scalarFor(value: string, style: Scalar['type'] | undefined, platform: PlatformId): string {
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (style === 'PLAIN') {
    // a plain scalar only where every reader takes it as this very string (a number stays plain
    // where the carrier passes numbers on as written: Patroni's str(), PGO's int-or-string)
    if (/^[A-Za-z0-9_./-]+$/.test(value) && !NOT_A_PLAIN_STRING.test(value)) return value;
    if (/^\d+$/.test(value) && !/^0\d/.test(value) && !STRINGS_ONLY.has(platform)) return value;
  }
  return JSON.stringify(value);
}

export interface CarrierEditPlan {
  path: string;
  display: string;
  /** The file's bytes as read (the write is refused if they changed since). */
  before: Uint8Array;
  after: Uint8Array;
  /** Original lines (latin1 strings of their bytes, line ends included) and what replaces or follows them. */
  lines: string[];
  edits: Map<number, { replace?: string; insertAfter: string[] }>;
  eol: string;
  placed: Array<{ name: string; where: string }>;
  skipped: Array<{ name: string; why: string }>;
}

const latin1 = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');

/** Where each scalar value starts (offset in the decoded text) → its node. */
function scalarsByStart(text: string): Map<number, Scalar> {
  const out = new Map<number, Scalar>();
  for (const doc of parseAllDocuments(text, { keepSourceTokens: false })) {
    if (!('contents' in doc)) continue;
    visit(doc, {
      Scalar(_key, node) {
        if (node.range) out.set(node.range[0], node);
      },
    });
  }
  return out;
}

interface Splice {
  start: number;
  end: number;
  text: string;
  name: string;
  where: string;
}

/**
 * Plan the edits of `values` (name → value as PostgreSQL takes it) into the carrier's parameter
 * map. Only YAML carriers with a parameter map are written (a Terraform file or a command line
 * is refused in one line).
 */
export function planCarrierEdit(file: string, wanted: ReadonlyArray<{ name: string; value: string }>, options: { carrier?: CarrierId } = {}): CarrierEditPlan {
  let values = wanted;
  const before = readBounded(file, file);
  const hasBom = before[0] === 0xef && before[1] === 0xbb && before[2] === 0xbf;
  const decoded = Buffer.from(before).toString('utf8');
  if (!Buffer.from(decoded, 'utf8').equals(Buffer.from(before))) throw new InputError(file, `not written: ${file} is not UTF-8 text, and pgvet writes YAML back byte for byte only when it is`);
  const text = hasBom ? decoded.slice(1) : decoded;
  const { carrier, server, index } = pickServer(file, options);
  const tokens = TOKEN_CARRIERS.has(carrier);
  if (!tokens && !['cnpg', 'zalando', 'pgo', 'stackgres', 'patroni', 'helm-cnpg', 'helm-pgo'].includes(carrier)) {
    throw new InputError(file, `not written: tune --write and --diff edit a parameter map, list or command line in the carrier; ${file} is read as ${carrier}: print the recommendations without --write and apply them by hand`);
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offsetOf = (line: number, column: number): number => starts[line - 1]! + column - 1;
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const scalars = tokens && carrier === 'terraform' ? new Map<number, Scalar>() : scalarsByStart(text);
  const own = tokens
    ? [...server.settings, ...server.confTexts.filter((c) => c.kind === 'embedded').flatMap((c) => c.settings)].filter((s) => s.at.file === server.at.file && s.layer === 'user' && s.name !== 'config_file')
    : server.settings.filter((s) => s.at.file === server.at.file && (s.scope === 'map' || s.scope === 'patroni-dcs' || s.scope === 'patroni-local'));
  if (tokens) own.sort((a, b) => offsetOf(a.at.line, a.at.column) - offsetOf(b.at.line, b.at.column));
  // new names go into the map that wins (Patroni: the dynamic configuration, which takes every parameter)
  const target = [...own].reverse().find((s) => s.scope !== 'patroni-local') ?? own[own.length - 1];

  const major = server.pgVersion?.major;
  const pgMajor = major !== undefined && isPgMajor(major) ? major : NEWEST_MAJOR;
  const tokenCtx: TokenContext = { text, carrier, offsetOf, lineOf, starts, catalog: loadCatalog(pgMajor) };
  // managed services take numbers in the parameter's base unit (RDS: "default PostgreSQL units"; Cloud SQL and Azure alike)
  if (MANAGED.has(server.platform)) values = values.map((v) => ({ name: v.name, value: inBaseUnit(tokenCtx.catalog, v.name, v.value, pgMajor, server.platform === 'rds' || server.platform === 'aurora') }));
  // new names go after the last entry of the list that wins (not a replica's or a host-local list; on
  // a command line, the last -c)
  const tokenTarget = [...own].reverse().find((s) => !/^(local_postgresql_parameters|readReplicas\.|postgresqlSharedPreloadLibraries)/.test(s.section) && s.key.line > 0 && (s.scope !== 'command-line' || /-c['"]?(?:\s*,\s*|\s*\n\s*-\s+|\s+)['"]?$/.test(text.slice(Math.max(0, offsetOf(s.key.line, s.key.column) - 40), offsetOf(s.key.line, s.key.column)))));
  /** The document's own setting of `name` that the server reads (the last one). */
  const lastOwn = (name: string): (typeof own)[number] | undefined => [...own].reverse().find((s) => s.name.toLowerCase() === name.toLowerCase());
  const attemptTokens = (names: ReadonlySet<string>): { splices: Splice[]; skipped: Array<{ name: string; why: string }> } => {
    const splices: Splice[] = [];
    const skipped: Array<{ name: string; why: string }> = [];
    const adds: Array<{ name: string; value: string }> = [];
    for (const { name, value } of values) {
      if (!names.has(name)) continue;
      const existing = lastOwn(name);
      if (existing) {
        // a YAML scalar of its own (Ansible values, Helm keys) keeps its YAML style; other values are tokens
        const start = offsetOf(existing.at.line, existing.at.column);
        const node = scalars.get(start);
        if (node?.range && carrier !== 'compose' && carrier !== 'docker-run' && (node.type === 'PLAIN' || node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && lineOf(node.range[1]) === lineOf(start) && existing.value.text !== null) {
          splices.push({ start, end: node.range[1], text: scalarFor(value, node.type, server.platform), name, where: `${existing.at.line}:${existing.at.column} (changed)` });
          continue;
        }
        const r = replaceValue(tokenCtx, existing, value);
        if ('why' in r) skipped.push({ name, why: r.why });
        else splices.push(r);
        continue;
      }
      adds.push({ name, value });
    }
    if (adds.length) {
      const r = tokenTarget ? insertValues(tokenCtx, tokenTarget, adds, eol) : { why: 'the document has no list of parameters to add to' };
      if ('why' in r) for (const a of adds) skipped.push({ name: a.name, why: r.why });
      else splices.push(r);
    }
    return { splices, skipped };
  };

  const attemptMap = (names: ReadonlySet<string>): { splices: Splice[]; skipped: Array<{ name: string; why: string }> } => {
    const splices: Splice[] = [];
    const skipped: Array<{ name: string; why: string }> = [];
    const inserts: string[] = [];
    for (const { name, value } of values) {
      if (!names.has(name)) continue;
      const existing = lastOwn(name);
      if (existing) {
        const start = offsetOf(existing.at.line, existing.at.column);
        const node = scalars.get(start);
        if (!node || !node.range || node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL' || lineOf(node.range[1]) !== lineOf(start)) {
          skipped.push({ name, why: `${existing.section}.${existing.name} at ${existing.at.line}:${existing.at.column} is not a one-line scalar pgvet can replace in place` });
          continue;
        }
        splices.push({ start, end: node.range[1], text: scalarFor(value, node.type, server.platform), name, where: `${existing.at.line}:${existing.at.column} (changed)` });
        continue;
      }
      if (!target) {
        skipped.push({ name, why: 'the document has no parameter map to add it to (add one, e.g. spec.postgresql.parameters, with one entry)' });
        continue;
      }
      inserts.push(name);
    }
    if (inserts.length && target) {
      const sectionLast = own.filter((s) => s.section === target.section).reduce((a, b) => (offsetOf(b.at.line, b.at.column) > offsetOf(a.at.line, a.at.column) ? b : a));
      const start = offsetOf(sectionLast.at.line, sectionLast.at.column);
      const node = scalars.get(start);
      const end = node?.range ? node.range[1] : start;
      const lineEnd = text.indexOf('\n', end);
      const rest = text.slice(end, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
      const keyLine = sectionLast.key.line;
      if (!node || !/^\s*(#.*)?$/.test(rest) || keyLine !== sectionLast.at.line) {
        for (const n of inserts) skipped.push({ name: n, why: `${target.section} is not a block mapping of one-line entries pgvet can add to` });
      } else {
        const indent = ' '.repeat(sectionLast.key.column - 1);
        // the map's own quoting: quoted entries get quoted additions
        const lastQuoted = own.filter((s) => s.section === target.section && s.value.quoted).pop();
        const style = lastQuoted ? scalars.get(offsetOf(lastQuoted.at.line, lastQuoted.at.column))?.type ?? 'QUOTE_DOUBLE' : 'PLAIN';
        const at = lineEnd < 0 ? text.length : text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
        const added = values.filter((v) => inserts.includes(v.name)).map((v) => `${eol}${indent}${v.name}: ${scalarFor(v.value, style, server.platform)}`).join('');
        splices.push({ start: at, end: at, text: added, name: inserts.join(','), where: `after ${sectionLast.section}.${sectionLast.name} (${sectionLast.at.line})` });
      }
    }
    return { splices, skipped };
  };

  const apply = (splices: Splice[]): string => {
    let out = text;
    for (const s of [...splices].sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
    return out;
  };

  const attempt = tokens ? attemptTokens : attemptMap;
  // check the result as the platform will read it; leave out what it would not apply
  let names = new Set(values.map((v) => v.name));
  let { splices, skipped } = attempt(names);
  for (let round = 0; round < 2; round++) {
    const edited = apply(splices);
    const eff = reread(edited, options.carrier, index);
    const refused = values.filter((v) => names.has(v.name) && !skipped.some((s) => s.name === v.name)).filter((v) => {
      const w = eff?.settings.find((s) => s.name.toLowerCase() === v.name.toLowerCase());
      return !w || w.value !== v.value;
    });
    if (!refused.length) break;
    for (const v of refused) {
      const n = eff?.notApplied.find((x) => x.name.toLowerCase() === v.name.toLowerCase() && x.value === v.value);
      const w = eff?.settings.find((s) => s.name.toLowerCase() === v.name.toLowerCase());
      skipped.push({ name: v.name, why: n ? n.why : w ? `${w.section} sets ${w.value}, not ${v.value}` : 'the platform would not apply it' });
    }
    names = new Set([...names].filter((n) => !refused.some((v) => v.name === n)));
    const again = attempt(names);
    splices = again.splices;
    skipped = [...skipped, ...again.skipped.filter((s) => !skipped.some((x) => x.name === s.name))];
  }
  const after = apply(splices);
  // as lines of bytes, for the unified diff: each touched line with its splices applied, split
  // again at its line ends (an insertion adds lines after it); every other line untouched
  const origLines = text.split(/(?<=\n)/).filter((l) => l !== '');
  const edits = new Map<number, { replace?: string; insertAfter: string[] }>();
  const byLine = new Map<number, Splice[]>();
  for (const sp of splices) {
    const li = lineOf(sp.start === text.length && text.length > 0 ? text.length - 1 : sp.start);
    byLine.set(li, [...(byLine.get(li) ?? []), sp]);
  }
  for (const [li, list] of byLine) {
    const base = starts[li]!;
    let line = origLines[li]!;
    for (const sp of [...list].sort((a, b) => b.start - a.start)) line = line.slice(0, sp.start - base) + sp.text + line.slice(sp.end - base);
    const [first, ...more] = line.split(/(?<=\n)/).filter((l) => l !== '');
    edits.set(li, { ...(first !== origLines[li] ? { replace: latin1(first!) } : {}), insertAfter: more.map(latin1) });
  }
  const bom = hasBom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0);
  return {
    path: file,
    display: file,
    before,
    after: new Uint8Array(Buffer.concat([bom, Buffer.from(after, 'utf8')])),
    lines: origLines.map(latin1).map((l, i) => (i === 0 && hasBom ? Buffer.concat([bom, Buffer.from(l, 'latin1')]).toString('latin1') : l)),
    edits,
    eol,
    placed: splices.flatMap((s) => s.name.split(',').map((name) => ({ name, where: s.where }))),
    skipped,
  };
}

function reread(text: string, carrier: CarrierId | undefined, index: number): Effective | undefined {
  try {
    const servers = readCarriers([STDIN], { stdin: new TextEncoder().encode(text), ...(carrier ? { carrier } : {}) }).flatMap((r) => r.servers);
    const server = servers[index] ?? servers[0];
    return server ? effectiveConfig(server) : undefined;
  } catch {
    return undefined;
  }
}

export type { CarrierSetting };
