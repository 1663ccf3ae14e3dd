/**
 * Crunchy Postgres Operator: a `PostgresCluster` (v1beta1, v1), and the Helm values of charts
 * that render one (Crunchy's own `postgres` chart; bcgov/crunchy-postgres). Parameters go to
 * Patroni's dynamic configuration: `spec.patroni.dynamicConfiguration.postgresql.parameters`
 * below `spec.config.parameters` (PGO 5.8+). One server per instance set (each has its own
 * resources); the replicas are the members of every set but the primary.
 */
import { isMap } from 'yaml';
import { docName, docPosition, k8sResources, mapSettings, newServer, statedBytes, statedCores, statedCount, versionFromNumber } from './common.js';
import type { CarrierSetting, HostSpec, ServerModel, Stated } from './model.js';
import { deref, get, items, position, str, type YamlDoc } from './yaml.js';

export function isPostgresCluster(yd: YamlDoc): boolean {
  const api = str(yd, get(yd, yd.root, 'apiVersion')) ?? '';
  return yd.kind === 'PostgresCluster' && api.startsWith('postgres-operator.crunchydata.com/');
}

function pgoShm(server: ServerModel): void {
  server.shm = { kind: 'memory-unbounded', note: 'PGO mounts a memory-backed emptyDir without a size limit at /dev/shm' };
}

function instanceServers(yd: YamlDoc, base: { name: string; carrier: 'pgo' | 'helm-pgo'; kind: string }, sets: Array<{ name: string; replicas?: Stated<number>; host: HostSpec; data?: Stated<number>; wal?: Stated<number>; at: ReturnType<typeof position> }>, settings: CarrierSetting[], version: ServerModel['pgVersion'], notes: ServerModel['notes']): ServerModel[] {
  const total = sets.reduce((n, s) => n + (s.replicas?.value ?? 1), 0);
  return sets.map((set) => {
    const server = newServer({ carrier: base.carrier, platform: 'pgo', name: sets.length > 1 ? `${base.name}/${set.name}` : base.name, kind: base.kind, at: set.at });
    server.settings = settings;
    if (version) server.pgVersion = version;
    server.host = set.host;
    server.instances = { value: total, raw: String(total), at: set.replicas?.at ?? set.at, note: `${sets.length} instance set(s), ${total} member(s) in all` };
    server.replicas = { value: Math.max(0, total - 1), raw: String(total), at: set.replicas?.at ?? set.at, note: 'every member but the primary' };
    if (set.data) server.volumes.data = set.data;
    if (set.wal) server.volumes.wal = set.wal;
    pgoShm(server);
    server.notes = notes;
    return server;
  });
}

export function readPostgresCluster(yd: YamlDoc): ServerModel[] {
  const notes: ServerModel['notes'] = [];
  const spec = get(yd, yd.root, 'spec');
  const settings = [
    ...mapSettings(yd, get(yd, spec, 'patroni', 'dynamicConfiguration', 'postgresql', 'parameters'), 'spec.patroni.dynamicConfiguration.postgresql.parameters', 'patroni-dcs', 'k8s', notes),
    ...mapSettings(yd, get(yd, spec, 'config', 'parameters'), 'spec.config.parameters', 'patroni-dcs', 'k8s', notes),
  ];
  const version = versionFromNumber(yd, get(yd, spec, 'postgresVersion'), 'spec.postgresVersion', 'spec.postgresVersion');
  const sets = items(yd, get(yd, spec, 'instances')).map((set, i) => {
    const p = `spec.instances[${i}]`;
    const replicas = statedCount(yd, get(yd, set, 'replicas'), `${p}.replicas`, notes);
    const data = statedBytes(yd, get(yd, set, 'dataVolumeClaimSpec', 'resources', 'requests', 'storage'), `${p}.dataVolumeClaimSpec.resources.requests.storage`, notes);
    const wal = statedBytes(yd, get(yd, set, 'walVolumeClaimSpec', 'resources', 'requests', 'storage'), `${p}.walVolumeClaimSpec.resources.requests.storage`, notes);
    return {
      name: str(yd, get(yd, set, 'name')) ?? `set${i}`,
      ...(replicas ? { replicas } : {}),
      host: k8sResources(yd, get(yd, set, 'resources'), `${p}.resources`, notes),
      ...(data ? { data } : {}),
      ...(wal ? { wal } : {}),
      at: position(yd, set, p),
    };
  });
  if (sets.length === 0) sets.push({ name: 'instances', host: {}, at: docPosition(yd) });
  return instanceServers(yd, { name: docName(yd, 'postgrescluster'), carrier: 'pgo', kind: 'PostgresCluster' }, sets, settings, version, notes);
}

/** Helm values of a chart that renders a PostgresCluster: a top-level `postgresVersion`. */
export function isPgoChartValues(yd: YamlDoc): boolean {
  return Boolean(str(yd, get(yd, yd.root, 'postgresVersion'))) && !get(yd, yd.root, 'kind');
}

export function readPgoChartValues(yd: YamlDoc): ServerModel[] {
  const notes: ServerModel['notes'] = [];
  const root = yd.root;
  const settings = [
    // Crunchy's chart passes `patroni` through as spec.patroni
    ...mapSettings(yd, get(yd, root, 'patroni', 'dynamicConfiguration', 'postgresql', 'parameters'), 'patroni.dynamicConfiguration.postgresql.parameters', 'patroni-dcs', 'k8s', notes),
    // bcgov/crunchy-postgres renders patroni.postgresql.parameters into dynamicConfiguration
    ...mapSettings(yd, get(yd, root, 'patroni', 'postgresql', 'parameters'), 'patroni.postgresql.parameters', 'patroni-dcs', 'k8s', notes),
    ...mapSettings(yd, get(yd, root, 'config', 'parameters'), 'config.parameters', 'patroni-dcs', 'k8s', notes),
  ];
  const version = versionFromNumber(yd, get(yd, root, 'postgresVersion'), 'postgresVersion', 'chart value postgresVersion');
  const name = str(yd, get(yd, root, 'name')) || str(yd, get(yd, root, 'fullnameOverride')) || 'postgres';
  const instances = deref(yd, get(yd, root, 'instances'));
  const sets: Parameters<typeof instanceServers>[2] = [];
  const readSet = (set: unknown, p: string, fallbackName: string): void => {
    const replicas = statedCount(yd, get(yd, set, 'replicas'), `${p}.replicas`, notes);
    const host = get(yd, set, 'resources') ? k8sResources(yd, get(yd, set, 'resources'), `${p}.resources`, notes) : k8sResources(yd, set, p, notes);
    const data =
      statedBytes(yd, get(yd, set, 'dataVolumeClaimSpec', 'resources', 'requests', 'storage'), `${p}.dataVolumeClaimSpec.resources.requests.storage`, notes) ??
      statedBytes(yd, get(yd, set, 'dataVolumeClaimSpec', 'storage'), `${p}.dataVolumeClaimSpec.storage`, notes);
    sets.push({ name: str(yd, get(yd, set, 'name')) ?? fallbackName, ...(replicas ? { replicas } : {}), host, ...(data ? { data } : {}), at: position(yd, set, p) });
  };
  if (isMap(instances)) readSet(instances, 'instances', 'instances');
  else if (items(yd, instances).length) items(yd, instances).forEach((s, i) => readSet(s, `instances[${i}]`, `set${i}`));
  else {
    // Crunchy's chart: instanceMemory / instanceCPU / instanceReplicas / instanceSize
    const host: HostSpec = {};
    const mem = statedBytes(yd, get(yd, root, 'instanceMemory'), 'instanceMemory', notes);
    const cpu = statedCores(yd, get(yd, root, 'instanceCPU'), 'instanceCPU', notes);
    if (mem) host.memoryLimitBytes = mem;
    if (cpu) host.cpuLimit = cpu;
    const replicas = statedCount(yd, get(yd, root, 'instanceReplicas'), 'instanceReplicas', notes);
    const data = statedBytes(yd, get(yd, root, 'instanceSize'), 'instanceSize', notes);
    sets.push({ name: str(yd, get(yd, root, 'instanceName')) ?? 'instance1', ...(replicas ? { replicas } : {}), host, ...(data ? { data } : {}), at: docPosition(yd) });
  }
  return instanceServers(yd, { name, carrier: 'helm-pgo', kind: 'PGO chart values' }, sets, settings, version, notes);
}
