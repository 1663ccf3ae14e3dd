/**
 * StackGres: `SGPostgresConfig` holds the parameters (`spec."postgresql.conf"`), `SGInstanceProfile`
 * the CPU and memory, `SGCluster` ties them together (and, since 1.16, may override parameters
 * per cluster). pgvet resolves the references within the documents it is given; without an
 * SGCluster, a lone SGPostgresConfig is paired with a lone SGInstanceProfile (and says so).
 */
import { bytesOf, coresOf, docName, docPosition, mapSettings, newServer, statedBytes, statedCount, versionFromNumber } from './common.js';
import type { HostSpec, ServerModel } from './model.js';
import { get, position, str, type YamlDoc } from './yaml.js';

export const STACKGRES_KINDS = ['SGPostgresConfig', 'SGInstanceProfile', 'SGCluster'];

export function isStackgres(yd: YamlDoc): boolean {
  const api = str(yd, get(yd, yd.root, 'apiVersion')) ?? '';
  return api.startsWith('stackgres.io/') && STACKGRES_KINDS.includes(yd.kind ?? '');
}

function profileHost(yd: YamlDoc): HostSpec {
  const spec = get(yd, yd.root, 'spec');
  const host: HostSpec = {};
  const mem = str(yd, get(yd, spec, 'memory'));
  const cpu = str(yd, get(yd, spec, 'cpu'));
  const memBytes = bytesOf(mem);
  const cores = coresOf(cpu);
  // StackGres sets requests and limits of the patroni container from the profile
  if (memBytes !== undefined) host.memoryLimitBytes = { value: memBytes, raw: mem!, at: position(yd, get(yd, spec, 'memory'), 'spec.memory') };
  if (cores !== undefined) host.cpuLimit = { value: cores, raw: cpu!, at: position(yd, get(yd, spec, 'cpu'), 'spec.cpu') };
  const hp = get(yd, spec, 'hugePages');
  const huge = statedBytes(yd, get(yd, hp, 'hugepages-2Mi') ?? get(yd, hp, 'hugepages-1Gi'), 'spec.hugePages', []);
  if (huge) host.hugepagesBytes = huge;
  return host;
}

export function readStackgres(docs: YamlDoc[]): ServerModel[] {
  const configs = docs.filter((d) => d.kind === 'SGPostgresConfig');
  const profiles = docs.filter((d) => d.kind === 'SGInstanceProfile');
  const clusters = docs.filter((d) => d.kind === 'SGCluster');
  const byName = (list: YamlDoc[], name: string | undefined): YamlDoc | undefined => (name ? list.find((d) => docName(d, '') === name) : undefined);
  const servers: ServerModel[] = [];
  const usedConfigs = new Set<YamlDoc>();

  const fromConfig = (server: ServerModel, cfg: YamlDoc): void => {
    const spec = get(cfg, cfg.root, 'spec');
    server.settings.push(...mapSettings(cfg, get(cfg, spec, 'postgresql.conf'), 'spec."postgresql.conf"', 'patroni-dcs', 'k8s', server.notes));
    server.pgVersion ??= versionFromNumber(cfg, get(cfg, spec, 'postgresVersion'), 'spec.postgresVersion', 'SGPostgresConfig spec.postgresVersion');
  };

  for (const cl of clusters) {
    const spec = get(cl, cl.root, 'spec');
    const server = newServer({ carrier: 'stackgres', platform: 'stackgres', name: docName(cl, 'sgcluster'), kind: 'SGCluster', at: docPosition(cl) });
    server.pgVersion = versionFromNumber(cl, get(cl, spec, 'postgres', 'version'), 'spec.postgres.version', 'SGCluster spec.postgres.version');
    const cfgName = str(cl, get(cl, spec, 'configurations', 'sgPostgresConfig'));
    const cfg = byName(configs, cfgName);
    if (cfg) {
      usedConfigs.add(cfg);
      fromConfig(server, cfg);
    } else if (cfgName) server.notes.push({ message: `SGPostgresConfig "${cfgName}" is not among the files given: its parameters are not known here`, at: position(cl, get(cl, spec, 'configurations', 'sgPostgresConfig')) });
    // per-cluster override (1.16+): blocklisted names are dropped here, not refused
    server.settings.push(...mapSettings(cl, get(cl, spec, 'configurations', 'postgres', 'postgresql.conf'), 'spec.configurations.postgres."postgresql.conf"', 'patroni-dcs', 'k8s', server.notes).map((s) => ({ ...s, section: 'spec.configurations.postgres."postgresql.conf"' })));
    const profName = str(cl, get(cl, spec, 'sgInstanceProfile'));
    const prof = byName(profiles, profName);
    if (prof) server.host = profileHost(prof);
    else if (profName) server.notes.push({ message: `SGInstanceProfile "${profName}" is not among the files given: the host is not known here`, at: position(cl, get(cl, spec, 'sgInstanceProfile')) });
    const n = statedCount(cl, get(cl, spec, 'instances'), 'spec.instances', server.notes);
    if (n) {
      server.instances = n;
      server.replicas = { ...n, value: Math.max(0, n.value - 1), note: `spec.instances ${n.value}, primary included` };
    }
    const size = statedBytes(cl, get(cl, spec, 'pods', 'persistentVolume', 'size'), 'spec.pods.persistentVolume.size', server.notes);
    if (size) server.volumes.data = size;
    server.shm = { kind: 'memory-unbounded', note: 'StackGres mounts a memory-backed emptyDir without a size limit at /dev/shm' };
    servers.push(server);
  }
  for (const cfg of configs) {
    if (usedConfigs.has(cfg)) continue;
    const server = newServer({ carrier: 'stackgres', platform: 'stackgres', name: docName(cfg, 'sgpostgresconfig'), kind: 'SGPostgresConfig', at: docPosition(cfg) });
    fromConfig(server, cfg);
    if (clusters.length === 0 && profiles.length === 1) {
      server.host = profileHost(profiles[0]!);
      server.notes.push({ message: `host from the only SGInstanceProfile given ("${docName(profiles[0]!, '')}"), as no SGCluster ties them together`, at: docPosition(profiles[0]!) });
    }
    server.shm = { kind: 'memory-unbounded', note: 'StackGres mounts a memory-backed emptyDir without a size limit at /dev/shm' };
    servers.push(server);
  }
  return servers;
}
