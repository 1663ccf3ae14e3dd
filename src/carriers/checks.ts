/**
 * Platform checks (issue 16): what the platform between the carrier and the
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
 * - PGV057: a static parameter applied `immediate` (refused by the RDS API); on Cloud SQL and
 *   Azure, a note that applying it restarts the server;
 * - PGV058: replication settings against the replica count in the document;
 * - PGV059: WAL sizes against the declared volumes (outside CloudNativePG's webhook rule: only
 *   sizes the document sets, or a wal_keep_size that alone does not fit);
 * - PGV060: a flag that disagrees with the document.
 *
 * The platform facts (and each fact's source) come from platforms/*.json; PostgreSQL's own
 * facts (units, contexts, defaults) from pgvet's catalog of the major; the shared memory from the
 * simulator. The rules' metadata and messages live in rules/PGV050-…/rule.ts … PGV060 (registered
 * like every rule, for `pgvet rules`, `explain`, .pgvetrc.json and SARIF); they run here, on the
 * carrier model, not on a postgresql.conf.
 */
import type { Host } from '../host/types.js';
import type { Catalog } from '../catalog/catalog.js';
import type { PgMajor } from '../catalog/types.js';
import { approxBytes, formatBytes } from '../format.js';
import { libraryList } from '../catalog/lists.js';
import { parseBool, toAbsolute } from '../catalog/values.js';
import type { Finding, Rule, Severity } from '../engine/types.js';
import type { Estimate } from '../simulate/index.js';
import type { SettingReader } from '../resolve/reader.js';
import { bytesOf } from './common.js';
import type { Effective, EffectiveSetting } from './effective.js';
import { platformName } from './effective.js';
import { facts } from './facts.js';
import type { PlatformId, Position } from './model.js';
import PGV050 from '../../rules/PGV050-platform-refuses-setting/rule.js';
import PGV051 from '../../rules/PGV051-platform-replaces-setting/rule.js';
import PGV052 from '../../rules/PGV052-carrier-value-not-evaluated/rule.js';
import PGV053 from '../../rules/PGV053-carrier-value-retyped/rule.js';
import PGV054 from '../../rules/PGV054-shared-memory-over-container-memory/rule.js';
import PGV055 from '../../rules/PGV055-dev-shm-too-small/rule.js';
import PGV056 from '../../rules/PGV056-managed-formula-unit/rule.js';
import PGV057 from '../../rules/PGV057-static-parameter-applied-immediately/rule.js';
import PGV058 from '../../rules/PGV058-replication-settings-for-replicas/rule.js';
import PGV059 from '../../rules/PGV059-wal-size-over-volume/rule.js';
import PGV060 from '../../rules/PGV060-document-flag-conflict/rule.js';

/** The platform rules, registered in rules/ (metadata and messages); they run here, on the carrier model. */
const PLATFORM: Rule[] = [PGV050, PGV051, PGV052, PGV053, PGV054, PGV055, PGV056, PGV057, PGV058, PGV059, PGV060] as Rule[];
export const PLATFORM_RULES: readonly Rule[] = PLATFORM;
export const PLATFORM_RULE_IDS: ReadonlySet<string> = new Set(PLATFORM.map((r) => r.meta.id));
const BY_ID = new Map(PLATFORM.map((r) => [r.meta.id, r]));

/** A platform finding: the rendered finding with its message id and values. */
export interface PlatformFinding extends Finding {
  messageId: string;
  data: Record<string, string | number>;
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

export function checkPlatform(input: CheckInput): PlatformFinding[] {
  const { eff, catalog, settings } = input;
  const server = eff.server;
  const out: PlatformFinding[] = [];
  const platform = platformName(server.platform);
  const add: Add = (ruleId, messageId, data, severity, at, extra = {}) => {
    const rule = BY_ID.get(ruleId)!;
    const message = rule.meta.messages[messageId]!(data);
    out.push({ ruleId, name: rule.meta.name, severity, message, file: at.file, line: at.line, column: at.column, messageId, data, ...extra });
  };
  const winner = (name: string): EffectiveSetting | undefined => eff.settings.find((s) => s.name.toLowerCase() === name);
  /** A memory setting in bytes as PostgreSQL reads it, or undefined where the version lacks it. */
  const absolute = (name: string): number | undefined => (settings.has(name) ? settings.bytes(name) : undefined);

  // what the platform does with the user's values
  for (const n of eff.notApplied) {
    const at = (n.on === 'value' ? (n.at ?? n.key) : (n.key ?? n.at)) ?? server.at;
    const shown = n.value === null ? n.raw : `'${n.value}'`;
    switch (n.fate) {
      case 'rejected':
        add('PGV050', 'rejected', { name: n.name, value: shown, why: n.why }, 'error', at, { parameter: n.name, ...(n.source ? { help: `source: ${n.source}` } : {}) });
        break;
      case 'unevaluated':
        add('PGV052', 'unevaluated', { name: n.name, raw: n.raw, why: n.why }, 'info', at, { parameter: n.name, help: 'render the carrier first (helm template … | pgvet lint -, terraform plan, ansible-playbook --check) or give the literal value' });
        break;
      case 'overridden': {
        const forced = / own value /.test(n.why);
        add('PGV051', 'overridden', { name: n.name, value: shown, section: n.section, why: n.why }, forced ? 'warning' : 'info', at, { parameter: n.name });
        break;
      }
      default:
        add('PGV051', 'replaced', { name: n.name, value: shown, why: n.why }, 'warning', at, { parameter: n.name, ...(n.source ? { help: `source: ${n.source}` } : {}) });
    }
  }

  // values the carrier retypes on the way (a CRD that wants strings refuses them instead: PGV050)
  const refused = new Set(eff.notApplied.filter((n) => n.fate === 'rejected').map((n) => `${n.at?.line}:${n.at?.column}`));
  for (const s of server.settings) {
    const note = s.value.note;
    if (!note || !/^YAML (1\.1 boolean|null: Python|integer|float)/.test(note) || refused.has(`${s.at.line}:${s.at.column}`)) continue;
    if (s.value.text === s.value.raw) continue;
    add('PGV053', 'retyped', { name: s.name, raw: s.value.raw, type: s.value.type, platform, text: String(s.value.text), note }, 'warning', s.at, { parameter: s.name, suggestion: `${s.name}: "${s.value.raw}"` });
  }

  // a user list that replaces the platform's default preload list
  const preload = winner('shared_preload_libraries');
  const platformList = defaultPreload(server.platform);
  if (preload && preload.layer === 'user' && platformList) {
    const mine = new Set(libraryList(preload.value) ?? []);
    const lost = (libraryList(platformList.list) ?? []).filter((x) => !mine.has(x));
    if (lost.length) add('PGV051', 'preloadReplaced', { platform, list: platformList.list, lost: lost.join(', ') }, 'warning', where(preload, server.at), { parameter: 'shared_preload_libraries', suggestion: `shared_preload_libraries: "${[...lost, ...mine].join(',')}"`, help: `source: ${platformList.source}` });
  }

  checkMemory(input, add, winner, absolute);
  checkShm(input, add, winner, absolute);
  checkManaged(input, add);
  checkReplication(input, add, winner);
  checkWal(input, add, winner, absolute);
  checkFlags(input, add);
  return out;
}

/** The platform's own shared_preload_libraries that a user list replaces (not adds to), with its source. */
function defaultPreload(platform: PlatformId): { list: string; source: string } | undefined {
  switch (platform) {
    case 'zalando': {
      const f = facts('zalando');
      return { list: f.spiloLocalDefaults.shared_preload_libraries!, source: f.sources.spiloLocal! };
    }
    case 'stackgres': {
      const f = facts('stackgres');
      return { list: f.defaultsByMajor['13']!.shared_preload_libraries!, source: f.sources.defaults13! };
    }
    case 'rds':
    case 'aurora': {
      const f = facts('managed').rds;
      return { list: f.preloadDefault.list, source: f.sources[f.preloadDefault.source]! };
    }
    default:
      return undefined;
  }
}

type Add = (ruleId: string, messageId: string, data: Record<string, string | number>, severity: Severity, at: Position, extra?: { parameter?: string; suggestion?: string; help?: string }) => void;
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
      add('PGV054', 'request', { value: sb.value, webhook: rule.message, bytes: formatBytes(webhookBytes), unitless: unitless ? rule.unitlessAs : '', request: h.memoryRequestBytes.raw, requestAt: `${h.memoryRequestBytes.at.line}:${h.memoryRequestBytes.at.column}` }, 'error', where(sb, server.at), { parameter: 'shared_buffers', help: `raise spec.resources.requests.memory, request hugepages, or lower shared_buffers; source: ${f.sources[rule.source]}` });
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
    add('PGV054', 'limit', { shared: approxBytes(shared), sharedBuffers: absolute('shared_buffers') !== undefined ? formatBytes(absolute('shared_buffers')!) : '', percent: Math.round((shared / limit.value) * 100), limit: limit.raw }, 'warning', where(sb, limit.at), { parameter: 'shared_buffers', help: `lower shared_buffers or raise the memory limit (${limit.at.path ?? 'memory limit'} at ${limit.at.line}:${limit.at.column})` });
  } else if (shm && shared + shm.bytes > limit.value) {
    add('PGV054', 'shm', { shared: approxBytes(shared), shm: shm.raw, limit: limit.raw }, 'warning', shm.at, { parameter: 'shared_buffers' });
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
    'small',
    { size, need: formatBytes(Math.round(need)), concurrent, pool, perGather, workMem: formatBytes(workMem), hashMult },
    'warning',
    at,
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
  if (server.platform === 'cloudsql' || server.platform === 'azure') {
    // a parameter PostgreSQL reads only at start: the service restarts the server to apply it
    const f = server.platform === 'cloudsql' ? facts('managed').cloudsql : facts('managed').azure;
    const refused = new Set(input.eff.notApplied.filter((n) => n.fate === 'rejected').map((n) => n.name));
    for (const s of server.settings) {
      const info = input.catalog.lookup(s.name);
      if (!info || refused.has(s.name) || !f.restart.contexts.includes(info.context)) continue;
      add('PGV057', 'restart', { name: s.name, context: info.context, what: f.restart.what }, 'info', s.key, { parameter: s.name, help: `source: ${f.sources[f.restart.source]}` });
    }
    return;
  }
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
      add('PGV056', 'formula', { name: s.name, value: raw, unit: info.unit!, times: Number(times.toFixed(2)), onClass: ram ? `${formatBytes(Math.trunc(ram.value / divisor) * unitBytes)} on ${ram.raw}` : '' }, 'error', s.at, { parameter: s.name, suggestion: `${s.name} = "${raw.replace(m[0], `{DBInstanceClassMemory/${divisor * unitBytes}}`)}"`, help: `divide by ${unitBytes} more to get bytes into ${info.unit}; source: ${f.sources[units.source]}` });
    }
    const method = s.applyMethod?.value ?? stat.default;
    if (method === 'immediate' && stat.contexts.includes(info.context)) {
      add('PGV057', 'immediate', { name: s.name, context: info.context, method: s.applyMethod ? '"immediate"' : 'not set (immediate)', apiMessage: stat.message }, 'error', s.applyMethod?.at ?? s.key, { parameter: s.name, suggestion: 'apply_method = "pending-reboot"', help: `source: ${f.sources[stat.source]}` });
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
      if (wl && !r.walLevels.includes(wl.value.toLowerCase())) add('PGV058', 'walLevel', { value: wl.value, instances, levels: r.walLevels.join(' or ') }, 'error', where(wl, server.at), { parameter: 'wal_level', help: `source: ${f.sources[r.source]}` });
      const hints = winner('wal_log_hints');
      if (hints && parseBool(hints.value) === false) add('PGV058', 'walLogHints', { value: hints.value, instances, required: r.walLogHints }, 'error', where(hints, server.at), { parameter: 'wal_log_hints', help: `source: ${f.sources[r.source]}` });
    }
  }
  const replicas = server.replicas;
  if (!replicas || replicas.value <= 0) return;
  const slotFacts = server.platform === 'cnpg' ? { rule: facts('cnpg').checks.slotsPerReplica, sources: facts('cnpg').sources, who: 'CloudNativePG' } : PATRONI_BASED.has(server.platform) ? { rule: facts('patroni').checks.slotsPerReplica, sources: facts('patroni').sources, who: 'Patroni' } : undefined;
  if (!slotFacts || !slotFacts.rule.default) return;
  const slots = input.settings.has('max_replication_slots') ? input.settings.num('max_replication_slots') : undefined;
  if (slots === undefined || slots >= replicas.value) return;
  const s = winner('max_replication_slots');
  add('PGV058', 'slots', { value: slots, platform: slotFacts.who, replicas: replicas.value, switch: slotFacts.rule.switch }, 'warning', where(s, replicas.at), { parameter: 'max_replication_slots', suggestion: `max_replication_slots = ${replicas.value + 2}`, help: `source: ${slotFacts.sources[slotFacts.rule.source]}` });
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
      add('PGV059', 'minNotBelowMax', { min: formatBytes(minWal), max: formatBytes(maxWal), webhook: rule.message }, 'error', where(mn ?? mx, server.at), { parameter: 'min_wal_size', help: `source: ${f.sources[rule.source]}` });
    }
    const wal = server.volumes.wal;
    if (wal) {
      for (const [name, v, s] of [['max_wal_size', maxWal, mx], ['min_wal_size', minWal, mn]] as const) {
        if (v !== undefined && v >= wal.value) add('PGV059', 'walStorage', { name, size: formatBytes(v), volume: wal.raw, webhook: rule.message }, 'error', where(s, wal.at), { parameter: name, help: `source: ${f.sources[rule.source]}` });
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
  const mx = winner('max_wal_size');
  // max_wal_size is a soft target that checkpoints recycle down to; the defaults (PostgreSQL's or
  // the platform's) on a sample's small volume say nothing about the user's choice. It means
  // something when the document sets a WAL size itself, or when wal_keep_size alone (WAL kept
  // for good, whoever set it) does not fit.
  const userSet = [mx, kw].some((x) => x?.layer === 'user');
  if (!userSet && keep < volume.value) return;
  const s = keep > 0 && (kw?.layer === 'user' || mx?.layer !== 'user' || keep >= volume.value) ? kw : mx;
  add('PGV059', 'volume', { max: formatBytes(maxWal), keep: keep > 0 ? formatBytes(keep) : '', total: formatBytes(total), kind: server.volumes.wal ? 'WAL' : 'data', volume: volume.raw }, 'warning', where(s, volume.at), { parameter: s?.name ?? 'max_wal_size', help: `keep max_wal_size + wal_keep_size well below the volume (${volume.at.path ?? 'volume'} at ${volume.at.line}:${volume.at.column})` });
}

function checkFlags(input: CheckInput, add: Add): void {
  const server = input.eff.server;
  const { version, host } = input.flags;
  const stated = server.pgVersion;
  if (version !== undefined && stated && stated.major !== version) {
    add('PGV060', 'version', { flag: version, stated: stated.major, from: stated.from, raw: stated.raw }, 'warning', stated.at, { help: 'drop --pg-version to check against the document' });
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
      add('PGV060', 'host', { flag, given: fmt(given), own: fmt(own) }, 'info', at);
    }
  }
}
