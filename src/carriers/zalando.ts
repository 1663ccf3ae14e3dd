/**
 * Zalando postgres-operator: a `postgresql` (acid.zalan.do/v1) running Spilo. The operator routes
 * each parameter either to Patroni's local configuration or to its dynamic configuration
 * (platforms/zalando.json `localParameters`); everything Patroni does applies on top.
 */
import { facts } from './facts.js';
import { bytesOf, coresOf, docName, docPosition, k8sResources, mapSettings, newServer, statedBytes, statedCount, versionFromImage, versionFromNumber } from './common.js';
import type { ServerModel } from './model.js';
import { get, items, position, str, type YamlDoc } from './yaml.js';

export function isZalando(yd: YamlDoc): boolean {
  const api = str(yd, get(yd, yd.root, 'apiVersion')) ?? '';
  return yd.kind === 'postgresql' && api.startsWith('acid.zalan.do/');
}

export function readZalando(yd: YamlDoc): ServerModel {
  const f = facts('zalando');
  const server = newServer({ carrier: 'zalando', platform: 'zalando', name: docName(yd, 'postgresql'), kind: 'postgresql', at: docPosition(yd) });
  const spec = get(yd, yd.root, 'spec');
  const local = new Set(f.localParameters);
  for (const s of mapSettings(yd, get(yd, spec, 'postgresql', 'parameters'), 'spec.postgresql.parameters', 'patroni-dcs', 'k8s', server.notes)) {
    server.settings.push(local.has(s.name) ? { ...s, scope: 'patroni-local' } : s);
  }
  // a common mistake: parameters one level too high are ignored (zalando/postgres-operator#673)
  for (const key of ['max_connections', 'shared_buffers', 'work_mem']) {
    const misplaced = get(yd, spec, 'postgresql', key);
    if (misplaced) server.notes.push({ message: `spec.postgresql.${key} is not read by the operator: parameters belong under spec.postgresql.parameters`, at: position(yd, misplaced, `spec.postgresql.${key}`) });
  }
  server.pgVersion = versionFromNumber(yd, get(yd, spec, 'postgresql', 'version'), 'spec.postgresql.version', 'spec.postgresql.version') ?? versionFromImage(yd, get(yd, spec, 'dockerImage'), 'spec.dockerImage');
  const n = statedCount(yd, get(yd, spec, 'numberOfInstances'), 'spec.numberOfInstances', server.notes);
  if (n) {
    server.instances = n;
    server.replicas = { ...n, value: Math.max(0, n.value - 1), note: `spec.numberOfInstances ${n.value}, primary included` };
  }
  server.host = k8sResources(yd, get(yd, spec, 'resources'), 'spec.resources', server.notes);
  // the operator's defaults when the manifest sets no resources (operator configuration may differ)
  const d = f.operatorDefaults;
  const defaulted: string[] = [];
  if (!server.host.memoryLimitBytes) {
    server.host.memoryLimitBytes = { value: bytesOf(d.memoryLimit)!, raw: d.memoryLimit, at: server.at, note: "the operator's default_memory_limit" };
    defaulted.push(`memory limit ${d.memoryLimit}`);
  }
  if (!server.host.memoryRequestBytes) {
    server.host.memoryRequestBytes = { value: bytesOf(d.memoryRequest)!, raw: d.memoryRequest, at: server.at, note: "the operator's default_memory_request" };
    defaulted.push(`memory request ${d.memoryRequest}`);
  }
  if (!server.host.cpuLimit) {
    server.host.cpuLimit = { value: coresOf(d.cpuLimit)!, raw: d.cpuLimit, at: server.at, note: "the operator's default_cpu_limit" };
    defaulted.push(`cpu limit ${d.cpuLimit}`);
  }
  if (!server.host.cpuRequest) {
    server.host.cpuRequest = { value: coresOf(d.cpuRequest)!, raw: d.cpuRequest, at: server.at, note: "the operator's default_cpu_request" };
    defaulted.push(`cpu request ${d.cpuRequest}`);
  }
  if (defaulted.length) server.host.defaulted = defaulted;
  const volume = statedBytes(yd, get(yd, spec, 'volume', 'size'), 'spec.volume.size', server.notes);
  if (volume) server.volumes.data = volume;
  const shmNode = get(yd, spec, 'enableShmVolume');
  const shm = str(yd, shmNode) ?? String(d.enableShmVolume);
  server.shm =
    shm === 'false'
      ? { kind: 'docker-default', bytes: facts('docker').shmDefaultBytes, note: "enableShmVolume: false leaves the container runtime's 64MB /dev/shm" }
      : { kind: 'memory-unbounded', note: 'the operator mounts a memory-backed emptyDir without a size limit at /dev/shm (enableShmVolume)', ...(shmNode ? { at: position(yd, shmNode, 'spec.enableShmVolume') } : {}) };
  if (items(yd, get(yd, spec, 'streams')).length > 0) server.switches.streams = true;
  return server;
}
