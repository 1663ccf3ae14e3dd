/**
 * Platform checks (issue 16, platforms.md §4.4): what the platform between the carrier and the
 * server will do with the configuration, as findings at the carrier's own file, line and column.
 *
 * - PGV050: the platform refuses it (a webhook, CEL rule, CRD type or cloud API): an error, as
 *   the change never reaches PostgreSQL;
 * - PGV051: the platform ignores, drops, clamps or replaces it, or its own value wins;
 * - PGV052: a value pgvet cannot know (a template, a Terraform expression): render first;
 * - PGV053: a value the carrier retypes on the way (YAML 1.1 booleans and nulls, octal numbers);
 * - PGV054: shared memory (the simulator's figure) against the container's memory, and
 *   CloudNativePG's exact rule against the memory request;
 * - PGV055: /dev/shm too small for the parallel queries the settings allow;
 * - PGV056: a managed-service formula read in the parameter's base unit (RDS's 8kB pages);
 * - PGV057: a static parameter applied `immediate` (refused by the RDS API);
 * - PGV058: replication settings against the replica count in the document;
 * - PGV059: WAL sizes against the declared volumes;
 * - PGV060: a flag that disagrees with the document.
 *
 * The platform facts (and each fact's source) come from platforms/*.json; PostgreSQL's own
 * facts (units, contexts, defaults) from pgvet's catalog of the major; the shared memory from the
 * simulator. Rule metadata lives here (for SARIF and the docs) because these checks run on the
 * carrier model, not on a postgresql.conf.
 */
import type { Host } from '../host/types.js';
import type { Catalog } from '../catalog/catalog.js';
import type { PgMajor } from '../catalog/types.js';
import { formatBytes, parseBool, toAbsolute } from '../catalog/values.js';
import type { Finding, Rule, Severity } from '../engine/types.js';
import type { Estimate } from '../simulate/index.js';
import type { SettingReader } from '../simulate/settings.js';
import { bytesOf } from './common.js';
import type { Effective, EffectiveSetting } from './effective.js';
import { platformName } from './effective.js';
import { facts } from './facts.js';
import type { PlatformId, Position, ServerModel } from './model.js';

const RULE_META: Array<{ id: string; name: string; severity: Severity; description: string }> = [
  { id: 'PGV050', name: 'platform-refuses-setting', severity: 'error', description: 'The platform (an operator webhook, a CEL rule, the CRD schema, a cloud API) refuses this setting: the change never reaches PostgreSQL.' },
  { id: 'PGV051', name: 'platform-replaces-setting', severity: 'warning', description: 'The platform ignores, drops, clamps or replaces this setting, or sets the parameter itself: PostgreSQL runs with another value.' },
  { id: 'PGV052', name: 'carrier-value-not-evaluated', severity: 'info', description: 'A template or expression pgvet cannot evaluate: render the carrier first and lint the output.' },
  { id: 'PGV053', name: 'carrier-value-retyped', severity: 'warning', description: 'The carrier retypes this value on its way to PostgreSQL (YAML 1.1 booleans and nulls, octal and float numbers).' },
  { id: 'PGV054', name: 'shared-memory-over-container-memory', severity: 'warning', description: "The server's shared memory against the container's memory limit and request (CloudNativePG refuses shared_buffers above the request)." },
  { id: 'PGV055', name: 'dev-shm-too-small', severity: 'warning', description: '/dev/shm (64MB by default in Docker) is smaller than the dynamic shared memory the parallel queries the settings allow can take.' },
  { id: 'PGV056', name: 'managed-formula-unit', severity: 'error', description: "A managed-service formula is read in the parameter's base unit: {DBInstanceClassMemory/4} on shared_buffers (8kB pages) asks for 2048 times the memory." },
  { id: 'PGV057', name: 'static-parameter-applied-immediately', severity: 'error', description: 'apply_method immediate on a static parameter: the RDS API refuses the parameter group change.' },
  { id: 'PGV058', name: 'replication-settings-for-replicas', severity: 'warning', description: 'Replication settings against the replica count the document declares (and the platform rules that depend on it).' },
  { id: 'PGV059', name: 'wal-size-over-volume', severity: 'warning', description: 'WAL sizes against the volume the document declares (CloudNativePG refuses max_wal_size at or above walStorage.size).' },
  { id: 'PGV060', name: 'document-flag-conflict', severity: 'info', description: 'A flag disagrees with what the document states (major version, memory, CPUs, replicas): the flag wins.' },
];

/** The platform checks as rules (metadata: they run on the carrier model, in checkPlatform). */
export const PLATFORM_RULES: Rule[] = RULE_META.map((m) => ({
  meta: { id: m.id, name: m.name, description: m.description, defaultSeverity: m.severity, messages: { text: (d) => String(d.text) } },
  check: () => [],
}));

const NAMES = new Map(RULE_META.map((m) => [m.id, m.name]));

/** Sizes in messages: a tenth of a MB or GB is enough (formatBytes keeps exact kB). */
function human(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes % mb === 0 || bytes < mb) return formatBytes(bytes);
  return bytes >= 1024 * mb ? `${Number((bytes / (1024 * mb)).toFixed(1))}GB` : `${Number((bytes / mb).toFixed(1))}MB`;
}

export interface CheckInput {
  eff: Effective;
  version: PgMajor;
  catalog: Catalog;
  /** The effective settings as the simulator reads them (PostgreSQL's defaults filled in). */
  settings: SettingReader;
  estimate: () => Estimate;
  /** Flags given on the command line (to report conflicts with the document). */
  flags: { version?: PgMajor; host?: Partial<Host> };
  /** The document's own host facts. */
  documentHost: Partial<Host>;
}

const CONTAINERS: ReadonlySet<PlatformId> = new Set(['cnpg', 'zalando', 'pgo', 'stackgres', 'docker', 'bitnami']);
const PATRONI_BASED: ReadonlySet<PlatformId> = new Set(['patroni', 'zalando', 'pgo', 'stackgres']);

function where(s: EffectiveSetting | undefined, fallback: Position, valueSide = true): Position {
  if (!s) return fallback;
  return (valueSide ? (s.at ?? s.key) : (s.key ?? s.at)) ?? fallback;
}

export function checkPlatform(input: CheckInput): Finding[] {
  const { eff, catalog, settings } = input;
  const server = eff.server;
  const out: Finding[] = [];
  const platform = platformName(server.platform);
  const add = (ruleId: string, severity: Severity, at: Position, text: string, extra: { parameter?: string; suggestion?: string; help?: string } = {}): void => {
    out.push({ ruleId, name: NAMES.get(ruleId)!, severity, message: text, file: at.file, line: at.line, column: at.column, ...extra });
  };
  const winner = (name: string): EffectiveSetting | undefined => eff.settings.find((s) => s.name.toLowerCase() === name);
  /** A memory or time setting in bytes/ms as PostgreSQL reads it, or undefined. */
  const absolute = (name: string): number | undefined => {
    const info = catalog.lookup(name);
    if (!info || !settings.has(name)) return undefined;
    const v = settings.num(name);
    return Number.isFinite(v) ? toAbsolute(info, v) : undefined;
  };

  // what the platform does with the user's values
  for (const n of eff.notApplied) {
    const at = (n.on === 'value' ? (n.at ?? n.key) : (n.key ?? n.at)) ?? server.at;
    const shown = n.value === null ? n.raw : `'${n.value}'`;
    switch (n.fate) {
      case 'rejected':
        add('PGV050', 'error', at, `${n.name} = ${shown}: ${n.why}`, { parameter: n.name, ...(n.source ? { help: `source: ${n.source}` } : {}) });
        break;
      case 'unevaluated':
        add('PGV052', 'info', at, `${n.name} = ${n.raw} is not checked: ${n.why}`, { parameter: n.name, help: 'render the carrier first (helm template … | pgvet lint -, terraform plan, ansible-playbook --check) or give the literal value' });
        break;
      case 'overridden': {
        const forced = / own value /.test(n.why);
        add('PGV051', forced ? 'warning' : 'info', at, `${n.name} = ${shown} (${n.section}) has no effect: ${n.why}`, { parameter: n.name });
        break;
      }
      default:
        add('PGV051', 'warning', at, `${n.name} = ${shown}: ${n.why}`, { parameter: n.name, ...(n.source ? { help: `source: ${n.source}` } : {}) });
    }
  }

  // values the carrier retypes on the way (a CRD that wants strings refuses them instead: PGV050)
  const refused = new Set(eff.notApplied.filter((n) => n.fate === 'rejected').map((n) => `${n.at?.line}:${n.at?.column}`));
  for (const s of server.settings) {
    const note = s.value.note;
    if (!note || !/^YAML (1\.1 boolean|null: Python|integer|float)/.test(note) || refused.has(`${s.at.line}:${s.at.column}`)) continue;
    if (s.value.text === s.value.raw) continue;
    add('PGV053', 'warning', s.at, `${s.name}: ${s.value.raw} is a YAML ${s.value.type}, so ${platform} passes on "${s.value.text}" (${note}); quote it to pass on what is written`, { parameter: s.name, suggestion: `${s.name}: "${s.value.raw}"` });
  }

  // a user list that replaces the platform's default preload list
  const preload = winner('shared_preload_libraries');
  const platformList = server.platform === 'zalando' ? facts('zalando').spiloLocalDefaults.shared_preload_libraries : undefined;
  if (preload && preload.layer === 'user' && platformList) {
    const mine = new Set(preload.value.split(',').map((x) => x.trim()).filter(Boolean));
    const lost = platformList.split(',').map((x) => x.trim()).filter((x) => x && !mine.has(x));
    if (lost.length) add('PGV051', 'warning', where(preload, server.at), `shared_preload_libraries replaces ${platform}'s default list (${platformList}): ${lost.join(', ')} will not be loaded`, { parameter: 'shared_preload_libraries', suggestion: `shared_preload_libraries: "${[...lost, ...mine].join(',')}"`, help: `source: ${facts('zalando').sources.spiloLocal}` });
  }

  checkMemory(input, add, winner, absolute);
  checkShm(input, add, winner, absolute);
  checkManaged(input, add);
  checkReplication(input, add, winner);
  checkWal(input, add, winner, absolute);
  checkFlags(input, add);
  return out;
}

type Add = (ruleId: string, severity: Severity, at: Position, text: string, extra?: { parameter?: string; suggestion?: string; help?: string }) => void;
type Winner = (name: string) => EffectiveSetting | undefined;
type Absolute = (name: string) => number | undefined;

function checkMemory(input: CheckInput, add: Add, winner: Winner, absolute: Absolute): void {
  const server = input.eff.server;
  const h = server.host;
  const sb = winner('shared_buffers');
  if (server.platform === 'cnpg' && sb && h.memoryRequestBytes && sb.layer === 'user') {
    const f = facts('cnpg');
    const rule = f.checks.sharedBuffersRequest;
    // the webhook's own reading: a unit-less value is MB there (8kB pages to PostgreSQL)
    const unitless = /^\s*\d+\s*$/.test(sb.value);
    const webhookBytes = unitless ? Number(sb.value) * 1024 * 1024 : bytesOf(sb.value);
    const huge = h.hugepagesBytes?.value ?? 0;
    if (webhookBytes !== undefined && webhookBytes > h.memoryRequestBytes.value && !(rule.hugepagesCover && huge >= webhookBytes)) {
      add('PGV054', 'error', where(sb, server.at), `shared_buffers = '${sb.value}' is rejected by the CloudNativePG webhook: "${rule.message}" (${formatBytes(webhookBytes)}${unitless ? `, as the webhook reads a unit-less value in ${rule.unitlessAs}; PostgreSQL reads it as 8kB pages` : ''} > ${h.memoryRequestBytes.raw} at ${h.memoryRequestBytes.at.line}:${h.memoryRequestBytes.at.column})`, { parameter: 'shared_buffers', help: `raise spec.resources.requests.memory, request hugepages, or lower shared_buffers; source: ${f.sources[rule.source]}` });
    }
  }
  if (!CONTAINERS.has(server.platform) || !h.memoryLimitBytes) return;
  let shared: number;
  try {
    shared = input.estimate().sharedMemory.bytes;
  } catch {
    return;
  }
  const limit = h.memoryLimitBytes;
  const shm = server.shm?.kind === 'sized' && server.shm.memoryBacked ? server.shm : undefined;
  if (shared >= limit.value) {
    add('PGV054', 'warning', where(sb, limit.at), `the server's shared memory is ${human(shared)} (the simulator's figure: shared_buffers${absolute('shared_buffers') !== undefined ? ` ${formatBytes(absolute('shared_buffers')!)}` : ''} and the rest of the main segment), ${Math.round((shared / limit.value) * 100)}% of the container's memory limit ${limit.raw}: the kernel kills the server (OOM) once the buffers fill`, { parameter: 'shared_buffers', help: `lower shared_buffers or raise the memory limit (${limit.at.path ?? 'memory limit'} at ${limit.at.line}:${limit.at.column})` });
  } else if (shm && shared + shm.bytes > limit.value) {
    add('PGV054', 'warning', shm.at, `shared memory ${human(shared)} plus the memory-backed /dev/shm of ${shm.raw} is more than the container's memory limit ${limit.raw}: pages written to /dev/shm are charged to the container`, { parameter: 'shared_buffers' });
  }
}

function checkShm(input: CheckInput, add: Add, winner: Winner, absolute: Absolute): void {
  const server = input.eff.server;
  const shm = server.shm;
  if (!shm || (shm.kind !== 'docker-default' && shm.kind !== 'sized')) return;
  const s = input.settings;
  const type = s.has('dynamic_shared_memory_type') ? s.str('dynamic_shared_memory_type') : 'posix';
  if (type !== 'posix') return;
  const perGather = s.has('max_parallel_workers_per_gather') ? s.num('max_parallel_workers_per_gather') : 0;
  const pool = Math.min(s.has('max_parallel_workers') ? s.num('max_parallel_workers') : 0, s.has('max_worker_processes') ? s.num('max_worker_processes') : 0);
  if (perGather <= 0 || pool <= 0) return;
  const workMem = absolute('work_mem');
  if (workMem === undefined) return;
  const hashMult = s.has('hash_mem_multiplier') ? s.num('hash_mem_multiplier') : 1;
  // a parallel hash join shares one hash table of hash_mem × participants in dynamic shared memory
  const perQuery = (Math.min(perGather, pool) + 1) * workMem * hashMult;
  const concurrent = Math.max(1, Math.floor(pool / Math.min(perGather, pool)));
  const need = perQuery * concurrent;
  if (need <= shm.bytes) return;
  const at = shm.kind === 'sized' ? shm.at : where(winner('max_parallel_workers_per_gather'), server.at);
  const fix = shmFix(server.platform);
  const size = shm.kind === 'sized' ? `${shm.raw} (${formatBytes(shm.bytes)})` : `${server.platform === 'docker' ? "Docker's" : "the container runtime's"} default of ${formatBytes(shm.bytes)}`;
  add(
    'PGV055',
    'warning',
    at,
    `/dev/shm is ${size}, and the parallel queries these settings allow need up to ${formatBytes(Math.round(need))} there: ${concurrent} at once (max_parallel_workers ${pool} / ${perGather} per gather) × a parallel hash of (${perGather} workers + the leader) × work_mem ${formatBytes(workMem)} × hash_mem_multiplier ${hashMult}; past it queries fail with "could not resize shared memory segment … No space left on device"`,
    { parameter: 'max_parallel_workers_per_gather', help: `${fix ? fix.text : 'give /dev/shm'} (at least ${formatBytes(Math.ceil(need / (64 * 1024 * 1024)) * 64 * 1024 * 1024)}), or lower max_parallel_workers_per_gather${fix ? `; source: ${fix.source}` : ''}` },
  );
}

/** The carrier's own way to size /dev/shm (platform facts), with its source URL. */
function shmFix(platform: PlatformId): { text: string; source: string } | undefined {
  const pick = (f: { shmFix: { text: string; source: string }; sources: Record<string, string> }): { text: string; source: string } => ({ text: f.shmFix.text, source: f.sources[f.shmFix.source]! });
  switch (platform) {
    case 'docker': return pick(facts('docker'));
    case 'zalando': return pick(facts('zalando'));
    case 'bitnami': return pick(facts('bitnami'));
    case 'cnpg': return pick(facts('cnpg'));
    default: return undefined;
  }
}

function checkManaged(input: CheckInput, add: Add): void {
  const server = input.eff.server;
  if (server.platform !== 'rds' && server.platform !== 'aurora') return;
  const f = facts('managed').rds;
  const stat = f.checks.staticApply;
  const units = f.checks.formulaUnits;
  for (const s of server.settings) {
    const info = input.catalog.lookup(s.name);
    if (!info) continue;
    // {DBInstanceClassMemory/N}: the result is in the parameter's base unit, not bytes
    const unitBytes = info.unit ? toAbsolute(info, 1) : undefined;
    const raw = s.value.raw.replace(/^"|"$/g, '');
    for (const m of raw.matchAll(/\{\s*(DBInstanceClassMemory)\s*\/\s*(\d+)\s*\}/g)) {
      if (!units.variables.includes(m[1]!) || unitBytes === undefined || !/B$/.test(info.unit ?? '')) continue;
      const divisor = Number(m[2]);
      const times = unitBytes / divisor;
      if (times <= 1) continue;
      const ram = server.host.memoryLimitBytes;
      add('PGV056', 'error', s.at, `${s.name} = ${raw}: RDS reads the result in the unit of ${s.name} (${info.unit}), so it asks for ${times >= 1 ? `${Number(times.toFixed(2))}×` : ''} the instance's memory${ram ? ` (${formatBytes(Math.trunc(ram.value / divisor) * unitBytes)} on ${ram.raw})` : ''}: PostgreSQL cannot start with it`, { parameter: s.name, suggestion: `${s.name} = "${raw.replace(m[0], `{DBInstanceClassMemory/${divisor * unitBytes}}`)}"`, help: `divide by ${unitBytes} more to get bytes into ${info.unit}; source: ${f.sources[units.source]}` });
    }
    const method = s.applyMethod?.value ?? stat.default;
    if (method === 'immediate' && stat.contexts.includes(info.context)) {
      add('PGV057', 'error', s.applyMethod?.at ?? s.key, `${s.name} is a static parameter (context ${info.context}) and apply_method is ${s.applyMethod ? '"immediate"' : 'not set (immediate)'}: the RDS API refuses the change ("${stat.message}")`, { parameter: s.name, suggestion: 'apply_method = "pending-reboot"', help: `source: ${f.sources[stat.source]}` });
    }
  }
}

function checkReplication(input: CheckInput, add: Add, winner: Winner): void {
  const server = input.eff.server;
  const instances = server.instances?.value;
  if (server.platform === 'cnpg' && instances !== undefined) {
    const f = facts('cnpg');
    const r = f.checks.replication;
    if (instances >= r.minInstances) {
      const wl = winner('wal_level');
      if (wl && !r.walLevels.includes(wl.value.toLowerCase())) add('PGV058', 'error', where(wl, server.at), `wal_level = '${wl.value}' with ${instances} instances is rejected by the CloudNativePG webhook: replicas need ${r.walLevels.join(' or ')}`, { parameter: 'wal_level', help: `source: ${f.sources[r.source]}` });
      const hints = winner('wal_log_hints');
      if (hints && parseBool(hints.value) === false) add('PGV058', 'error', where(hints, server.at), `wal_log_hints = '${hints.value}' with ${instances} instances is rejected by the CloudNativePG webhook: it must be ${r.walLogHints} (pg_rewind after a failover)`, { parameter: 'wal_log_hints', help: `source: ${f.sources[r.source]}` });
    }
  }
  const replicas = server.replicas;
  if (!replicas || replicas.value <= 0) return;
  const slotFacts = server.platform === 'cnpg' ? { rule: facts('cnpg').checks.slotsPerReplica, sources: facts('cnpg').sources, who: 'CloudNativePG' } : PATRONI_BASED.has(server.platform) ? { rule: facts('patroni').checks.slotsPerReplica, sources: facts('patroni').sources, who: 'Patroni' } : undefined;
  if (!slotFacts || !slotFacts.rule.default) return;
  const slots = input.settings.has('max_replication_slots') ? input.settings.num('max_replication_slots') : undefined;
  if (slots === undefined || slots >= replicas.value) return;
  const s = winner('max_replication_slots');
  add('PGV058', 'warning', where(s, replicas.at), `max_replication_slots = ${slots} but ${slotFacts.who} keeps a replication slot for each of the ${replicas.value} replicas (${slotFacts.rule.switch}, on by default): the replicas past ${slots} run without one and can lose the WAL they need`, { parameter: 'max_replication_slots', suggestion: `max_replication_slots = ${replicas.value + 2}`, help: `source: ${slotFacts.sources[slotFacts.rule.source]}` });
}

function checkWal(input: CheckInput, add: Add, winner: Winner, absolute: Absolute): void {
  const server = input.eff.server;
  const maxWal = absolute('max_wal_size');
  const minWal = absolute('min_wal_size');
  if (maxWal === undefined) return;
  if (server.platform === 'cnpg') {
    const f = facts('cnpg');
    const rule = f.checks.walSizes;
    const mx = winner('max_wal_size');
    const mn = winner('min_wal_size');
    if (minWal !== undefined && minWal >= maxWal && (mx?.layer === 'user' || mn?.layer === 'user')) {
      add('PGV059', 'error', where(mn ?? mx, server.at), `min_wal_size ${formatBytes(minWal)} is not below max_wal_size ${formatBytes(maxWal)}: rejected by the CloudNativePG webhook ("${rule.message}")`, { parameter: 'min_wal_size', help: `source: ${f.sources[rule.source]}` });
    }
    const wal = server.volumes.wal;
    if (wal) {
      for (const [name, v, s] of [['max_wal_size', maxWal, mx], ['min_wal_size', minWal, mn]] as const) {
        if (v !== undefined && v >= wal.value) add('PGV059', 'error', where(s, wal.at), `${name} ${formatBytes(v)} is not below walStorage.size ${wal.raw}: rejected by the CloudNativePG webhook ("${rule.message}")`, { parameter: name, help: `source: ${f.sources[rule.source]}` });
      }
      return;
    }
  }
  const volume = server.volumes.wal ?? server.volumes.data;
  if (!volume) return;
  const keep = absolute('wal_keep_size') ?? 0;
  const total = maxWal + keep;
  if (total < volume.value) return;
  const kw = winner('wal_keep_size');
  const s = keep > 0 && (kw?.layer !== 'default' || !winner('max_wal_size')) ? kw : winner('max_wal_size');
  add('PGV059', 'warning', where(s, volume.at), `max_wal_size ${formatBytes(maxWal)}${keep > 0 ? ` + wal_keep_size ${formatBytes(keep)}` : ''} = ${formatBytes(total)} of WAL can be kept, and the ${server.volumes.wal ? 'WAL' : 'data'} volume is ${volume.raw}: the volume fills and PostgreSQL stops (PANIC: could not write to file "pg_wal/…": No space left on device)`, { parameter: s?.name ?? 'max_wal_size', help: `keep max_wal_size + wal_keep_size well below the volume (${volume.at.path ?? 'volume'} at ${volume.at.line}:${volume.at.column})` });
}

function checkFlags(input: CheckInput, add: Add): void {
  const server = input.eff.server;
  const { version, host } = input.flags;
  const stated = server.pgVersion;
  if (version !== undefined && stated && stated.major !== version) {
    add('PGV060', 'warning', stated.at, `--pg-version ${version} disagrees with the document, which runs PostgreSQL ${stated.major} (${stated.from}: ${stated.raw}): checked against ${version}`, { help: 'drop --pg-version to check against the document' });
  }
  const doc = input.documentHost;
  const h = server.host;
  const pairs: Array<[keyof Partial<Host>, string, Position | undefined, (n: number) => string]> = [
    ['ramBytes', '--ram', (h.memoryLimitBytes ?? h.memoryRequestBytes)?.at, formatBytes],
    ['cores', '--cores', (h.cpuLimit ?? h.cpuRequest)?.at, String],
    ['replicas', '--replicas', server.replicas?.at, String],
  ];
  for (const [field, flag, at, fmt] of pairs) {
    const given = host?.[field];
    const own = doc[field];
    if (typeof given === 'number' && typeof own === 'number' && given !== own && at) {
      add('PGV060', 'info', at, `${flag} ${fmt(given)} disagrees with the document's ${fmt(own)}: checked with ${fmt(given)}`);
    }
  }
}
