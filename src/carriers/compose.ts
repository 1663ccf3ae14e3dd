/**
 * Docker: compose files (services running a PostgreSQL image) and `docker run` lines.
 *
 * Settings are the postmaster's command-line options after the image (`-c name=value`, or the
 * compose `command:`), which beat postgresql.conf. `-c config_file=PATH` names a file the
 * container reads instead of $PGDATA/postgresql.conf: when a bind mount puts a file of the
 * repository there, pgvet reads it (relative to the compose file, as compose resolves it).
 * The host: `mem_limit`/`cpus`/`deploy.resources`, `--memory`/`--cpus`; /dev/shm: `shm_size`,
 * `--shm-size`, else Docker's 64MB.
 */
import path from 'node:path';
import { isSeq } from 'yaml';
import { facts } from './facts.js';
import { majorFromImage, newServer } from './common.js';
import type { CarrierNote, CarrierSetting, CarrierValue, ConfText, Position, ServerModel } from './model.js';
import { postgresArgs, shellWords, type Word } from './shell.js';
import { decodeCarrier, readBounded, type CarrierSource } from './source.js';
import { deref, entries, get, items, position, scalarText, str, type YamlDoc } from './yaml.js';
import { parseConf } from '../parse/parser.js';
import { InputError } from '../resolve/load.js';

/** Docker's sizes (units.RAMInBytes): b, k, m, g, t, p with an optional b or ib, any case, 1024-based. */
export function dockerBytes(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgtp]?)(?:i?b)?\s*$/i.exec(text);
  if (!m) return undefined;
  const power = ' kmgtp'.indexOf((m[2] || ' ').toLowerCase());
  return Math.floor(Number(m[1]) * 1024 ** power);
}

export function isPostgresImage(image: string): boolean {
  const name = image.split('@')[0]!.replace(/:[^/]*$/, '').replace(/^docker\.io\//, '');
  const known = facts('docker').images;
  return known.includes(name) || known.some((k) => name.endsWith(`/${k}`)) || /(^|\/)(postgres|postgresql|postgis|timescaledb[\w-]*|pgvector)$/.test(name);
}

/** The compose `services` that run a PostgreSQL image. */
export function isCompose(yd: YamlDoc): boolean {
  const services = get(yd, yd.root, 'services');
  return entries(yd, services).some((e) => isPostgresImage(str(yd, get(yd, e.value, 'image')) ?? ''));
}

/** Compose variable interpolation: ${VAR:-default} and ${VAR-default} give the default (and a note), ${VAR} is unknown. */
function interpolate(text: string): { text: string | null; note?: string } {
  if (!text.includes('$')) return { text };
  let unknown = false;
  const notes: string[] = [];
  const out = text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, braced: string | undefined, op: string | undefined, def: string | undefined, bare: string | undefined) => {
    if (m === '$$') return '$';
    const name = braced ?? bare!;
    if (op === ':-' || op === '-') {
      notes.push(`${m} is "${def}" unless ${name} is set`);
      return def ?? '';
    }
    unknown = true;
    notes.push(`${m} is set when the service starts`);
    return m;
  });
  return unknown ? { text: null, note: `compose interpolation: ${notes.join('; ')}` } : { text: out, ...(notes.length ? { note: `compose interpolation: ${notes.join('; ')}` } : {}) };
}

/** Offsets of a scalar's decoded characters in the source (a best effort for escaped or folded scalars). */
function scalarOffsets(yd: YamlDoc, node: unknown): (i: number) => number {
  const n = deref(yd, node);
  const start = yd.offset + (n?.range?.[0] ?? 0);
  const end = yd.offset + (n?.range?.[1] ?? 0);
  const raw = yd.source.text.slice(start, end);
  const decoded = n && 'value' in n ? scalarText(n as never) : '';
  const map: number[] = [];
  let j = 0;
  for (let i = 0; i < decoded.length; i++) {
    const c = decoded[i]!;
    let k = j;
    while (k < raw.length && raw[k] !== c && !(c === ' ' && raw[k] === '\n')) k++;
    if (k < raw.length) {
      map.push(start + k);
      j = k + 1;
    } else map.push(start + Math.min(j, raw.length));
  }
  return (i) => map[i] ?? start;
}

function posAt(src: CarrierSource, offset: number, p?: string): Position {
  return { file: src.displayPath, ...src.lines.pos(offset), ...(p ? { path: p } : {}) };
}

interface Mount {
  source: string;
  target: string;
}

/** Read a conf file a container mounts as its configuration (bounded; problems become notes). */
function mountedConf(hostPath: string, display: string, at: Position, notes: CarrierNote[]): ConfText | undefined {
  let text: string;
  try {
    text = decodeCarrier(readBounded(hostPath, display));
  } catch (err) {
    if (err instanceof InputError) {
      notes.push({ message: `${err.message}: the mounted configuration file is not known here`, at });
      return undefined;
    }
    throw err;
  }
  const parsed = parseConf(new TextEncoder().encode(text));
  const settings: CarrierSetting[] = parsed.entries
    .filter((e) => e.kind === 'setting')
    .map((e) => ({
      name: e.name,
      value: { text: e.value, raw: e.rawValue, type: 'string', quoted: e.quoted },
      layer: 'user',
      section: display,
      scope: 'map',
      key: { file: display, line: e.line, column: e.column },
      at: { file: display, line: e.line, column: e.valueColumn },
    }));
  return { section: `config_file ${display}`, kind: 'file', text, path: hostPath, displayPath: display, at, settings };
}

/** Where a path inside the container comes from, through the bind mounts. */
function hostPathOf(target: string, mounts: Mount[], baseDir: string): string | undefined {
  for (const m of mounts) {
    const t = m.target.replace(/\/+$/, '');
    if (target === t || target.startsWith(`${t}/`)) {
      if (!/^(\.|\/|~)/.test(m.source)) return undefined; // a named volume
      return path.resolve(baseDir, m.source + target.slice(t.length));
    }
  }
  return undefined;
}

interface CommandLine {
  words: Word[];
  /** Maps a word offset to a position. */
  pos: (offset: number) => Position;
  section: string;
}

/** Fill a server from the words after the image: the postmaster's settings and the config file. */
function applyCommand(server: ServerModel, cmd: CommandLine, mounts: Mount[], source: CarrierSource): void {
  let words = cmd.words;
  if (words.length === 0) return;
  if (words[0]!.text === 'docker-entrypoint.sh') words = words.slice(1);
  if (words[0] && !words[0].text.startsWith('-')) {
    if (!/(^|\/)postgres$/.test(words[0].text)) {
      server.notes.push({ message: `the command runs "${words[0].text}", not postgres: its settings are not read`, at: cmd.pos(words[0].start) });
      return;
    }
    words = words.slice(1);
  }
  const { args, problems } = postgresArgs(words);
  for (const p of problems) server.notes.push({ message: p.message, at: cmd.pos(p.at) });
  for (const a of args) {
    const interp = interpolate(a.value);
    const value: CarrierValue = { text: interp.text, raw: a.value, type: 'string', quoted: false, ...(interp.note ? { note: interp.note } : {}) };
    if (a.name === 'config_file') {
      const target = interp.text ?? a.value;
      const at = cmd.pos(a.valueAt);
      const baseDir = source.path ? path.dirname(source.path) : process.cwd();
      const host = hostPathOf(target, mounts, baseDir);
      if (!host) {
        server.notes.push({ message: `config_file=${target} is not a file of the repository mounted into the container: its settings are not known here`, at });
        continue;
      }
      const display = path.relative(process.cwd(), host) || host;
      const conf = mountedConf(host, display.startsWith('..') ? host : display, at, server.notes);
      if (conf) server.confTexts.push(conf);
      server.switches.configFile = target;
      continue;
    }
    server.settings.push({ name: a.name, value, layer: 'user', section: cmd.section, scope: 'command-line', key: cmd.pos(a.nameAt), at: cmd.pos(a.valueAt) });
  }
}

function shmFrom(server: ServerModel, bytes: number | undefined, raw: string | undefined, at: Position | undefined, ipcHost: boolean): void {
  const d = facts('docker');
  if (ipcHost) server.shm = { kind: 'none', note: "ipc: host: the container uses the host's /dev/shm" };
  else if (bytes !== undefined && raw !== undefined && at) server.shm = { kind: 'sized', bytes, at, raw, memoryBacked: true };
  else server.shm = { kind: 'docker-default', bytes: d.shmDefaultBytes, note: `Docker's default /dev/shm is 64MB (${d.sources.shm!})` };
}

function versionOf(server: ServerModel, image: string, at: Position): void {
  const m = majorFromImage(image);
  if (m) server.pgVersion = { major: m.major, raw: image, at, from: m.from };
  else if (!/:[^/]+$/.test(image.split('@')[0]!) || /:latest$/.test(image)) {
    const latest = facts('docker').latestMajor;
    server.pgVersion = { major: latest, raw: image, at, from: `the "latest" tag (PostgreSQL ${latest} when the facts were taken)` };
  }
}

export function readCompose(yd: YamlDoc): ServerModel[] {
  const servers: ServerModel[] = [];
  for (const svc of entries(yd, get(yd, yd.root, 'services'))) {
    const s = svc.value;
    const imageNode = get(yd, s, 'image');
    const image = str(yd, imageNode) ?? '';
    if (!isPostgresImage(image)) continue;
    const p = `services.${svc.key}`;
    const server = newServer({ carrier: 'compose', platform: 'docker', name: svc.key, kind: 'service', at: position(yd, svc.keyNode, p) });
    versionOf(server, image, position(yd, imageNode, `${p}.image`));
    // bind mounts: short "src:dst[:mode]" or long { source, target }
    const mounts: Mount[] = [];
    for (const v of items(yd, get(yd, s, 'volumes'))) {
      const short = str(yd, v);
      if (short !== undefined) {
        const parts = short.split(':');
        if (parts.length >= 2) mounts.push({ source: parts[0]!, target: parts[1]! });
      } else {
        const source = str(yd, get(yd, v, 'source'));
        const target = str(yd, get(yd, v, 'target'));
        if (source && target) mounts.push({ source, target });
      }
    }
    const cmdNode = get(yd, s, 'command');
    if (cmdNode) {
      const section = `${p}.command`;
      if (isSeq(deref(yd, cmdNode))) {
        // exec form: each item is one word
        const words: Word[] = [];
        for (const item of items(yd, cmdNode)) {
          const text = str(yd, item) ?? '';
          const off = scalarOffsets(yd, item);
          words.push({ text, start: off(0), offsets: [...text].map((_c, i) => off(i)) });
        }
        applyCommand(server, { words, pos: (o) => posAt(yd.source, o, section), section }, mounts, yd.source);
      } else {
        const text = str(yd, cmdNode) ?? '';
        const off = scalarOffsets(yd, cmdNode);
        const words = shellWords(text).map((w) => ({ ...w, start: off(w.start), offsets: w.offsets.map(off) }));
        applyCommand(server, { words, pos: (o) => posAt(yd.source, o, section), section }, mounts, yd.source);
      }
    }
    const limits = get(yd, s, 'deploy', 'resources', 'limits');
    const reservations = get(yd, s, 'deploy', 'resources', 'reservations');
    const size = (node: unknown, where: string): { value: number; raw: string; at: Position } | undefined => {
      const raw = str(yd, node);
      const value = dockerBytes(raw);
      if (raw !== undefined && value === undefined) server.notes.push({ message: `${where}: "${raw}" is not a size; ignored`, at: position(yd, node, where) });
      return raw !== undefined && value !== undefined ? { value, raw, at: position(yd, node, where) } : undefined;
    };
    const cpus = (node: unknown, where: string): { value: number; raw: string; at: Position } | undefined => {
      const raw = str(yd, node);
      return raw !== undefined && Number(raw) > 0 ? { value: Number(raw), raw, at: position(yd, node, where) } : undefined;
    };
    const ml = size(get(yd, s, 'mem_limit'), `${p}.mem_limit`) ?? size(get(yd, limits, 'memory'), `${p}.deploy.resources.limits.memory`);
    const mr = size(get(yd, s, 'mem_reservation'), `${p}.mem_reservation`) ?? size(get(yd, reservations, 'memory'), `${p}.deploy.resources.reservations.memory`);
    const cl = cpus(get(yd, s, 'cpus'), `${p}.cpus`) ?? cpus(get(yd, limits, 'cpus'), `${p}.deploy.resources.limits.cpus`);
    const cr = cpus(get(yd, reservations, 'cpus'), `${p}.deploy.resources.reservations.cpus`);
    if (ml) server.host.memoryLimitBytes = ml;
    if (mr) server.host.memoryRequestBytes = mr;
    if (cl) server.host.cpuLimit = cl;
    if (cr) server.host.cpuRequest = cr;
    const shm = size(get(yd, s, 'shm_size'), `${p}.shm_size`);
    shmFrom(server, shm?.value, shm?.raw, shm?.at, str(yd, get(yd, s, 'ipc')) === 'host');
    servers.push(server);
  }
  return servers;
}

/** docker run options that take a value (the rest are flags). */
const RUN_VALUE_OPTIONS = new Set([
  '-a', '--attach', '--add-host', '--blkio-weight', '-c', '--cpu-shares', '--cap-add', '--cap-drop', '--cgroup-parent', '--cgroupns', '--cidfile', '--cpu-period', '--cpu-quota',
  '--cpu-rt-period', '--cpu-rt-runtime', '--cpus', '--cpuset-cpus', '--cpuset-mems', '--device', '--dns', '--dns-option', '--dns-search', '--domainname', '--entrypoint', '-e', '--env',
  '--env-file', '--expose', '--gpus', '--group-add', '--health-cmd', '--health-interval', '--health-retries', '--health-start-period', '--health-timeout', '-h', '--hostname', '--ip',
  '--ip6', '--ipc', '--isolation', '--kernel-memory', '-l', '--label', '--label-file', '--link', '--log-driver', '--log-opt', '--mac-address', '-m', '--memory', '--memory-reservation',
  '--memory-swap', '--memory-swappiness', '--mount', '--name', '--network', '--net', '--network-alias', '--pid', '--pids-limit', '--platform', '-p', '--publish', '--pull', '--restart',
  '--runtime', '--security-opt', '--shm-size', '--stop-signal', '--stop-timeout', '--storage-opt', '--sysctl', '--tmpfs', '-u', '--user', '--ulimit', '--userns', '--uts', '-v',
  '--volume', '--volume-driver', '--volumes-from', '-w', '--workdir',
]);

/** Lines of a shell script or a README that run a PostgreSQL image with docker (or podman). */
export function findDockerRuns(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const re = /\b(?:docker|podman)(?:\s+container)?\s+run\b/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let end = m.index;
    // the command runs to the end of the line, with backslash continuations
    for (;;) {
      const nl = text.indexOf('\n', end);
      if (nl < 0) {
        end = text.length;
        break;
      }
      const before = text.slice(end, nl).replace(/\r$/, '');
      end = nl + 1;
      if (!before.endsWith('\\')) break;
    }
    out.push({ start: m.index, end });
    re.lastIndex = end;
  }
  return out;
}

export function readDockerRuns(source: CarrierSource): ServerModel[] {
  const servers: ServerModel[] = [];
  for (const run of findDockerRuns(source.text)) {
    const words = shellWords(source.text.slice(run.start, run.end), run.start);
    // skip "docker [container] run"
    let i = words.findIndex((w) => w.text === 'run') + 1;
    let image: Word | undefined;
    const opts = new Map<string, Word>();
    const mounts: Mount[] = [];
    const early: Word[] = [];
    for (; i < words.length; i++) {
      const w = words[i]!;
      if (w.text === '|' || w.text === '&&' || w.text === ';') break;
      if (!w.text.startsWith('-')) {
        image = w;
        i++;
        break;
      }
      const eq = w.text.indexOf('=');
      const name = eq > 0 ? w.text.slice(0, eq) : w.text;
      if (!RUN_VALUE_OPTIONS.has(name)) continue;
      const value: Word | undefined = eq > 0 ? { text: w.text.slice(eq + 1), start: w.offsets[eq + 1] ?? w.start, offsets: w.offsets.slice(eq + 1) } : words[++i];
      if (!value) break;
      opts.set(name, value);
      if (name === '-c') early.push(w);
      if (name === '-v' || name === '--volume') {
        const parts = value.text.split(':');
        if (parts.length >= 2) mounts.push({ source: parts[0]!, target: parts[1]! });
      }
      if (name === '--mount') {
        const kv = Object.fromEntries(value.text.split(',').map((x) => x.split('=') as [string, string]));
        const src = kv.source ?? kv.src;
        const dst = kv.target ?? kv.destination ?? kv.dst;
        if (src && dst) mounts.push({ source: src, target: dst });
      }
    }
    if (!image || !isPostgresImage(image.text)) continue;
    const rest: Word[] = [];
    for (; i < words.length; i++) {
      const w = words[i]!;
      if (w.text === '|' || w.text === '&&' || w.text === ';' || w.text === '||') break;
      rest.push(w);
    }
    const pos = (o: number, p?: string): Position => posAt(source, o, p);
    const name = opts.get('--name')?.text ?? image.text;
    const server = newServer({ carrier: 'docker-run', platform: 'docker', name, kind: 'docker run', at: pos(run.start) });
    versionOf(server, image.text, pos(image.start, 'image'));
    for (const w of early) server.notes.push({ message: `${w.text} before the image name is docker's --cpu-shares, not a PostgreSQL setting (postgis/docker-postgis#248)`, at: pos(w.start) });
    applyCommand(server, { words: rest, pos: (o) => pos(o, 'command'), section: 'command line' }, mounts, source);
    const mem = opts.get('--memory') ?? opts.get('-m');
    const memBytes = dockerBytes(mem?.text);
    if (mem && memBytes !== undefined) server.host.memoryLimitBytes = { value: memBytes, raw: mem.text, at: pos(mem.start, '--memory') };
    const cpus = opts.get('--cpus');
    if (cpus && Number(cpus.text) > 0) server.host.cpuLimit = { value: Number(cpus.text), raw: cpus.text, at: pos(cpus.start, '--cpus') };
    const shm = opts.get('--shm-size');
    shmFrom(server, dockerBytes(shm?.text), shm?.text, shm ? pos(shm.start, '--shm-size') : undefined, opts.get('--ipc')?.text === 'host');
    servers.push(server);
  }
  return servers;
}
