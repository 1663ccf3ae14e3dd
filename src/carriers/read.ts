/**
 * Reading carriers: files, directories and standard input, each detected (or forced with
 * `--carrier NAME`) and read into one model per server. The documents of one run are read
 * together where platforms spread a server over several documents (StackGres' SGCluster,
 * SGPostgresConfig and SGInstanceProfile; the .tf files of one Terraform directory).
 *
 * Templates that were not rendered (Helm's `{{ }}` that is not valid YAML, Helm chart
 * templates, Jinja, Jsonnet) are refused with "render first", never read as garbage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../resolve/load.js';
import { readAutobase, readGeerlingguy, isAutobase, isGeerlingguy } from './ansible.js';
import { isBitnamiValues, readBitnamiValues } from './bitnami.js';
import { isCnpgChartValues, isCnpgCluster, readCnpgChartValues, readCnpgCluster } from './cnpg.js';
import { findDockerRuns, isCompose, readCompose, readDockerRuns } from './compose.js';
import type { CarrierId, CarrierNote, CarrierRead, ServerModel } from './model.js';
import { isPatroni, readPatroni } from './patroni.js';
import { isPgoChartValues, isPostgresCluster, readPgoChartValues, readPostgresCluster } from './pgo.js';
import { decodeCarrier, errnoText, readBounded, readStdinBounded, sourceFromText, type CarrierSource } from './source.js';
import { isStackgres, readStackgres, STACKGRES_KINDS } from './stackgres.js';
import { looksLikeTerraform, parseTerraform, readTerraform, type TfFile } from './terraform.js';
import { get, items, readYaml, str, type YamlDoc } from './yaml.js';
import { isZalando, readZalando } from './zalando.js';
import { looksBinary } from '../resolve/load.js';

export const STDIN = '<stdin>';
/** Files a directory may hold before pgvet stops looking (a directory of manifests, not a disk). */
export const MAX_DIR_FILES = 2000;
export const MAX_DIR_DEPTH = 8;

const YAML_EXT = /\.(ya?ml|json)$/i;
const TEMPLATE_EXT = /\.(j2|jinja2?|tpl|gotmpl|jsonnet|libsonnet)$/i;
const SCRIPT_EXT = /\.(sh|bash|zsh|md|txt)$/i;
const SKIP_DIRS = new Set(['.git', 'node_modules', '.terraform', 'vendor', 'charts']);

/** Kinds pgvet reads: any other `kind:` document is skipped without parsing it. */
const KINDS = new Set(['Cluster', 'postgresql', 'PostgresCluster', 'List', 'HelmRelease', 'Application', ...STACKGRES_KINDS]);

export interface ReadCarrierOptions {
  carrier?: CarrierId;
  /** Bytes of standard input (tests), instead of reading fd 0. */
  stdin?: Uint8Array;
}

function renderFirst(display: string, what: string, at?: { line: number }): InputError {
  const where = at ? `${display}:${at.line}` : display;
  return new InputError(display, `cannot read ${where}: ${what}; render it first (helm template … | pgvet lint -, ansible-playbook --check --diff, jsonnet …) and give pgvet the output`);
}

/** One YAML document as a model root; Kubernetes `List` items and Helm release values become their own roots. */
function expand(yd: YamlDoc): YamlDoc[] {
  if (yd.kind === 'List') {
    return items(yd, get(yd, yd.root, 'items')).map((item) => ({ ...yd, root: item, kind: str(yd, get(yd, item, 'kind')) ?? '' }) as YamlDoc);
  }
  if (yd.kind === 'HelmRelease') {
    const values = get(yd, yd.root, 'spec', 'values');
    return values ? [{ ...yd, root: values, kind: undefined } as unknown as YamlDoc] : [];
  }
  if (yd.kind === 'Application') {
    const values = get(yd, yd.root, 'spec', 'source', 'helm', 'valuesObject');
    return values ? [{ ...yd, root: values, kind: undefined } as unknown as YamlDoc] : [];
  }
  return [yd];
}

type YamlReader = { id: CarrierId; is: (yd: YamlDoc) => boolean; read: (yd: YamlDoc) => ServerModel[] };

/** In the order detection tries them: by kind first, then by the shape of values and vars files. */
const YAML_READERS: YamlReader[] = [
  { id: 'cnpg', is: isCnpgCluster, read: (yd) => [readCnpgCluster(yd)] },
  { id: 'zalando', is: isZalando, read: (yd) => [readZalando(yd)] },
  { id: 'pgo', is: isPostgresCluster, read: readPostgresCluster },
  { id: 'compose', is: isCompose, read: readCompose },
  { id: 'patroni', is: isPatroni, read: (yd) => [readPatroni(yd)] },
  { id: 'helm-bitnami', is: isBitnamiValues, read: readBitnamiValues },
  { id: 'helm-cnpg', is: isCnpgChartValues, read: (yd) => [readCnpgChartValues(yd)] },
  { id: 'helm-pgo', is: isPgoChartValues, read: readPgoChartValues },
  { id: 'ansible-autobase', is: isAutobase, read: (yd) => [readAutobase(yd)] },
  { id: 'ansible-geerlingguy', is: isGeerlingguy, read: (yd) => [readGeerlingguy(yd)] },
];

interface Pending {
  reads: CarrierRead[];
  stackgres: Array<{ read: CarrierRead; docs: YamlDoc[] }>;
  terraform: Map<string, { read: CarrierRead; files: TfFile[] }>;
}

function readYamlSource(source: CarrierSource, forced: CarrierId | undefined, pending: Pending, explicit: boolean): void {
  const { docs, problems } = readYaml(source, { wanted: (kind) => forced !== undefined || kind === undefined || KINDS.has(kind) });
  const template = problems.find((p) => p.template);
  if (template) throw renderFirst(source.displayPath, 'an unrendered template ({{ }} that is not YAML)', template.at);
  if (problems.length && docs.length === 0 && explicit) {
    const p = problems[0]!;
    throw new InputError(source.displayPath, `cannot read ${source.displayPath}:${p.at.line}:${p.at.column}: ${p.message}`);
  }
  const read: CarrierRead = { file: source.displayPath, carrier: null, servers: [], notes: problems.map((p) => ({ message: `a YAML document was skipped: ${p.message}`, at: p.at })) };
  const sg: YamlDoc[] = [];
  for (const doc of docs.flatMap(expand)) {
    if (forced === 'stackgres' || (!forced && isStackgres(doc))) {
      sg.push(doc);
      read.carrier ??= 'stackgres';
      continue;
    }
    const reader = forced ? YAML_READERS.find((r) => r.id === forced) : YAML_READERS.find((r) => r.is(doc));
    if (!reader) continue;
    read.carrier ??= reader.id;
    read.servers.push(...reader.read(doc));
  }
  if (sg.length) pending.stackgres.push({ read, docs: sg });
  pending.reads.push(read);
}

function readSource(source: CarrierSource, options: ReadCarrierOptions, pending: Pending, explicit: boolean): void {
  const forced = options.carrier;
  const name = source.path ?? '';
  if (TEMPLATE_EXT.test(name)) throw renderFirst(source.displayPath, 'a template file');
  if (/(^|\/)templates\/[^/]+\.ya?ml$/.test(name) && /\{\{/.test(source.text)) throw renderFirst(source.displayPath, 'a Helm chart template');
  if (forced === 'terraform' || (!forced && (/\.tf$/i.test(name) || (!source.path && looksLikeTerraform(source.text))))) {
    const dir = source.path ? path.dirname(source.path) : '<stdin>';
    const group = pending.terraform.get(dir) ?? { read: { file: source.displayPath, carrier: 'terraform' as const, servers: [], notes: [] }, files: [] };
    group.files.push(parseTerraform(source));
    if (!pending.terraform.has(dir)) {
      pending.terraform.set(dir, group);
      pending.reads.push(group.read);
    } else group.read.file = path.relative(process.cwd(), dir) || '.';
    return;
  }
  if (forced === 'docker-run' || (!forced && (SCRIPT_EXT.test(name) || (!YAML_EXT.test(name) && findDockerRuns(source.text).length > 0 && !/^\s*(services|version)\s*:/m.test(source.text))))) {
    pending.reads.push({ file: source.displayPath, carrier: 'docker-run', servers: readDockerRuns(source), notes: [] });
    return;
  }
  readYamlSource(source, forced, pending, explicit);
}

function listDir(dir: string, display: string, out: Array<{ path: string; display: string }>, depth: number): void {
  if (depth > MAX_DIR_DEPTH) return;
  let names: string[];
  try {
    names = fs.readdirSync(dir).sort();
  } catch (err) {
    throw new InputError(display, `cannot read ${display}: ${errnoText(err)}`);
  }
  for (const n of names) {
    if (n.startsWith('.') && n !== '.') continue;
    const p = path.join(dir, n);
    const d = path.join(display, n);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) {
      if (!SKIP_DIRS.has(n)) listDir(p, d, out, depth + 1);
    } else if (st.isFile() && (YAML_EXT.test(n) || /\.tf$/i.test(n))) {
      if (out.length >= MAX_DIR_FILES) throw new InputError(display, `cannot read ${display}: more than ${MAX_DIR_FILES} candidate files; name the files`);
      out.push({ path: p, display: d });
    }
  }
}

/** Read the carriers in these inputs (files, directories, "<stdin>"). */
export function readCarriers(inputs: string[], options: ReadCarrierOptions = {}): CarrierRead[] {
  const pending: Pending = { reads: [], stackgres: [], terraform: new Map() };
  for (const input of inputs) {
    if (input === STDIN || input === '-') {
      const bytes = options.stdin ?? readStdinBounded();
      if (looksBinary(bytes)) throw new InputError(STDIN, `cannot lint ${STDIN}: it is binary data, not a configuration`);
      readSource(sourceFromText(decodeCarrier(bytes), STDIN), options, pending, true);
      continue;
    }
    const abs = path.resolve(input);
    let isDir = false;
    try {
      isDir = fs.statSync(abs).isDirectory();
    } catch (err) {
      throw new InputError(input, `cannot read ${input}: ${errnoText(err)}`);
    }
    if (isDir) {
      const files: Array<{ path: string; display: string }> = [];
      listDir(abs, input, files, 0);
      const before = pending.reads.length;
      for (const f of files) {
        const bytes = readBounded(f.path, f.display);
        if (looksBinary(bytes)) continue;
        try {
          readSource(sourceFromText(decodeCarrier(bytes), f.display, f.path), options, pending, false);
        } catch (err) {
          // in a directory, a file that is not a carrier (or not YAML) is skipped; templates are not
          if (err instanceof InputError && !/render it first/.test(err.message) && !/limit|nested|alias/.test(err.message)) continue;
          throw err;
        }
      }
      const found = pending.reads.slice(before).some((r) => r.carrier !== null);
      if (!found && pending.stackgres.length === 0) throw new InputError(input, `no PostgreSQL configuration found in ${input} (manifests, values, compose, Patroni, Ansible or Terraform files)`);
      continue;
    }
    const bytes = readBounded(abs, input);
    if (looksBinary(bytes)) throw new InputError(input, `cannot lint ${input}: it is a binary file, not a configuration`);
    readSource(sourceFromText(decodeCarrier(bytes), input, abs), options, pending, true);
  }
  // documents spread over several files
  if (pending.stackgres.length) {
    const servers = readStackgres(pending.stackgres.flatMap((g) => g.docs));
    const first = pending.stackgres[0]!.read;
    first.servers.push(...servers);
  }
  for (const { read, files } of pending.terraform.values()) read.servers.push(...readTerraform(files));
  // a file named explicitly must hold something pgvet reads
  const out = pending.reads.filter((r) => r.carrier !== null || r.servers.length > 0);
  for (const r of pending.reads) {
    if (r.carrier === null && inputs.includes(r.file)) {
      throw new InputError(r.file, `no PostgreSQL configuration found in ${r.file}: not a manifest, values, compose, Patroni, Ansible or Terraform file pgvet knows (--carrier NAME reads it as one)`);
    }
  }
  for (const r of out) if (r.servers.length === 0) r.notes.push({ message: noServersNote(r) });
  return out;
}

function noServersNote(r: CarrierRead): string {
  return r.carrier === 'compose' ? 'no service runs a PostgreSQL image' : 'no server configuration in this file';
}

export type { CarrierNote };
