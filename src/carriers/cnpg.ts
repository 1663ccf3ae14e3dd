/**
 * CloudNativePG: a `Cluster` (postgresql.cnpg.io/v1) and the cnpg `cluster` Helm chart's values,
 * which hold the same fields under `cluster:`.
 */
import { facts } from './facts.js';
import { docName, docPosition, k8sResources, mapSettings, newServer, statedBytes, statedCount, versionFromImage, versionFromNumber } from './common.js';
import type { ServerModel } from './model.js';
import { get, items, position, str, type YamlDoc } from './yaml.js';

export function isCnpgCluster(yd: YamlDoc): boolean {
  const api = str(yd, get(yd, yd.root, 'apiVersion')) ?? '';
  return yd.kind === 'Cluster' && api.startsWith('postgresql.cnpg.io/');
}

/** Read the fields a Cluster spec and the chart's `cluster:` share. */
function readClusterSpec(yd: YamlDoc, spec: unknown, prefix: string, server: ServerModel): void {
  const notes = server.notes;
  server.settings.push(...mapSettings(yd, get(yd, spec, 'postgresql', 'parameters'), `${prefix}.postgresql.parameters`, 'map', 'k8s', notes));
  const preload = get(yd, spec, 'postgresql', 'shared_preload_libraries');
  if (preload) {
    const names = items(yd, preload).map((i) => str(yd, i)).filter((s): s is string => Boolean(s));
    if (names.length) server.preloadLibraries = { names, at: position(yd, preload, `${prefix}.postgresql.shared_preload_libraries`) };
  }
  const alter = str(yd, get(yd, spec, 'postgresql', 'enableAlterSystem'));
  if (alter !== undefined) server.switches.enableAlterSystem = alter === 'true';
  const instancesNode = get(yd, spec, 'instances');
  const instances = statedCount(yd, instancesNode, `${prefix}.instances`, notes);
  if (instances) {
    server.instances = instances;
    server.replicas = { ...instances, value: Math.max(0, instances.value - 1), note: `${prefix}.instances ${instances.value}, primary included` };
  }
  server.host = k8sResources(yd, get(yd, spec, 'resources'), `${prefix}.resources`, notes);
  const data = statedBytes(yd, get(yd, spec, 'storage', 'size'), `${prefix}.storage.size`, notes);
  if (data) server.volumes.data = data;
  const shmNode = get(yd, spec, 'ephemeralVolumesSizeLimit', 'shm');
  const shm = statedBytes(yd, shmNode, `${prefix}.ephemeralVolumesSizeLimit.shm`, notes);
  server.shm = shm
    ? { kind: 'sized', bytes: shm.value, at: shm.at, raw: shm.raw, memoryBacked: true }
    : { kind: 'memory-unbounded', note: 'CloudNativePG mounts a memory-backed emptyDir at /dev/shm; without ephemeralVolumesSizeLimit.shm it is bounded only by the pod memory limit, and counts against it' };
  const replica = str(yd, get(yd, spec, 'replica', 'enabled'));
  if (replica === 'true') server.switches.replicaCluster = true;
}

export function readCnpgCluster(yd: YamlDoc): ServerModel {
  const name = docName(yd, 'cluster');
  const server = newServer({ carrier: 'cnpg', platform: 'cnpg', name, kind: 'Cluster', at: docPosition(yd) });
  const spec = get(yd, yd.root, 'spec');
  readClusterSpec(yd, spec, 'spec', server);
  if (!server.instances) server.replicas = { value: 0, raw: '', at: server.at, note: 'spec.instances defaults to 1' };
  server.pgVersion = versionFromImage(yd, get(yd, spec, 'imageName'), 'spec.imageName') ?? versionFromNumber(yd, get(yd, spec, 'imageCatalogRef', 'major'), 'spec.imageCatalogRef.major', 'image catalog major');
  if (!server.pgVersion) {
    const major = facts('cnpg').defaultImageMajor;
    server.pgVersion = { major, raw: '', at: server.at, from: `CloudNativePG's default image (PostgreSQL ${major} in the operator release the facts were taken from)` };
  }
  const wal = statedBytes(yd, get(yd, spec, 'walStorage', 'size'), 'spec.walStorage.size', server.notes);
  if (wal) server.volumes.wal = wal;
  const validation = str(yd, get(yd, yd.root, 'metadata', 'annotations', 'cnpg.io/validation'));
  if (validation === 'disabled') server.switches.validationDisabled = true;
  return server;
}

/** The cnpg `cluster` chart: `type`, `version.postgresql`, `cluster.*`. */
export function isCnpgChartValues(yd: YamlDoc): boolean {
  const cluster = get(yd, yd.root, 'cluster');
  return Boolean(cluster && (get(yd, cluster, 'postgresql') || get(yd, cluster, 'instances')) && (get(yd, yd.root, 'type') || get(yd, yd.root, 'mode') || get(yd, yd.root, 'version')));
}

export function readCnpgChartValues(yd: YamlDoc): ServerModel {
  const name = str(yd, get(yd, yd.root, 'fullnameOverride')) || str(yd, get(yd, yd.root, 'nameOverride')) || 'cluster';
  const server = newServer({ carrier: 'helm-cnpg', platform: 'cnpg', name, kind: 'cnpg cluster chart values', at: docPosition(yd) });
  const cluster = get(yd, yd.root, 'cluster');
  readClusterSpec(yd, cluster, 'cluster', server);
  const walEnabled = str(yd, get(yd, cluster, 'walStorage', 'enabled'));
  if (walEnabled === 'true') {
    const wal = statedBytes(yd, get(yd, cluster, 'walStorage', 'size'), 'cluster.walStorage.size', server.notes);
    if (wal) server.volumes.wal = wal;
  }
  const image = str(yd, get(yd, cluster, 'imageName'));
  server.pgVersion =
    (image ? versionFromImage(yd, get(yd, cluster, 'imageName'), 'cluster.imageName') : undefined) ??
    versionFromNumber(yd, get(yd, yd.root, 'version', 'postgresql'), 'version.postgresql', 'chart value version.postgresql');
  return server;
}
