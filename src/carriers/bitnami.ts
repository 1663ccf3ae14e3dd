/**
 * Bitnami's postgresql chart values: configuration as postgresql.conf text
 * (`primary.extendedConfiguration`, appended as conf.d/override.conf; `primary.configuration`,
 * replacing the whole file), or, in older charts, maps (`postgresqlExtendedConf`,
 * `postgresqlConfiguration`: camelCase keys the chart turns into snake_case `key=value` lines).
 * The text is parsed with pgvet's own lossless parser; each line maps back to the values file.
 */
import { facts } from './facts.js';
import { bytesOf, coresOf, docPosition, k8sResources, majorFromImage, newServer, statedBytes, statedCount } from './common.js';
import type { CarrierSetting, ConfText, HostSpec, ServerModel } from './model.js';
import { deref, entries, get, position, rawText, scalarText, str, type YamlDoc } from './yaml.js';
import { parseConf } from '../parse/parser.js';
import { isScalar } from 'yaml';

export function isBitnamiValues(yd: YamlDoc): boolean {
  const primary = get(yd, yd.root, 'primary');
  return (
    !get(yd, yd.root, 'kind') &&
    Boolean(
      (primary && (get(yd, primary, 'extendedConfiguration') !== null || get(yd, primary, 'configuration') !== null || get(yd, primary, 'resourcesPreset') !== null)) ||
        get(yd, yd.root, 'postgresqlExtendedConf') ||
        get(yd, yd.root, 'postgresqlConfiguration') ||
        get(yd, yd.root, 'postgresqlSharedPreloadLibraries'),
    )
  );
}

/** Conf text in a YAML scalar, with a map from each of its lines to the values file. */
export function embeddedConf(yd: YamlDoc, node: unknown, section: string): ConfText | undefined {
  const n = deref(yd, node);
  if (!isScalar(n)) return undefined;
  const text = scalarText(n);
  if (text.trim() === '') return undefined;
  const at = position(yd, node, section);
  const lineMap: NonNullable<ConfText['lineMap']> = [];
  const lineCount = text.split('\n').length;
  if (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') {
    // content starts on the line after the indicator, at the block's indentation
    const raw = rawText(yd, node);
    const rawLines = raw.split('\n');
    const contentLines = rawLines.slice(1);
    const indent = Math.min(...contentLines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
    let src = 1;
    for (let i = 0; i < lineCount; i++) {
      // literal blocks keep lines one to one (folded ones too for conf text: each setting is on its own more-indented-free line)
      lineMap.push({ line: at.line + src, columnOffset: Number.isFinite(indent) ? indent : 0, exact: n.type === 'BLOCK_LITERAL' });
      src++;
    }
  } else {
    for (let i = 0; i < lineCount; i++) lineMap.push({ line: at.line, columnOffset: at.column - 1, exact: lineCount === 1 && n.type === 'PLAIN' });
  }
  const parsed = parseConf(new TextEncoder().encode(text));
  const settings: CarrierSetting[] = parsed.entries
    .filter((e) => e.kind === 'setting')
    .map((e) => {
      const m = lineMap[e.line - 1] ?? { line: at.line, columnOffset: 0, exact: false };
      const key = { file: yd.source.displayPath, line: m.line, column: m.exact ? e.column + m.columnOffset : at.column, path: section };
      return {
        name: e.name,
        value: { text: e.value, raw: e.rawValue, type: 'string' as const, quoted: e.quoted },
        layer: 'user' as const,
        section,
        scope: 'map' as const,
        key,
        at: { ...key, column: m.exact ? e.valueColumn + m.columnOffset : at.column },
      };
    });
  return { section, kind: 'embedded', text, lineMap, at, settings };
}

/** The old charts' maps: camelCase keys become snake_case `key=value` lines (Helm's snakecase). */
function mapConf(yd: YamlDoc, node: unknown, section: string): ConfText | undefined {
  const list = entries(yd, node);
  if (list.length === 0) return undefined;
  const lines: string[] = [];
  const lineMap: NonNullable<ConfText['lineMap']> = [];
  for (const e of list) {
    const name = e.key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();
    const value = str(yd, e.value) ?? '';
    lines.push(`${name}=${value}`);
    const at = position(yd, e.value ?? e.keyNode);
    lineMap.push({ line: at.line, columnOffset: 0, exact: false });
  }
  const text = `${lines.join('\n')}\n`;
  const at = position(yd, node, section);
  const parsed = parseConf(new TextEncoder().encode(text));
  const settings: CarrierSetting[] = parsed.entries.map((e) => {
    const src = list[e.line - 1]!;
    return {
      name: e.name,
      value: { text: e.value, raw: e.rawValue, type: 'string' as const, quoted: e.quoted },
      layer: 'user' as const,
      section,
      scope: 'map' as const,
      key: position(yd, src.keyNode, `${section}.${src.key}`),
      at: position(yd, src.value ?? src.keyNode, `${section}.${src.key}`),
    };
  });
  return { section, kind: 'embedded', text, lineMap, at, settings };
}

function presetHost(yd: YamlDoc, role: unknown, prefix: string, server: ServerModel): HostSpec {
  const f = facts('bitnami');
  const resources = get(yd, role, 'resources');
  const host = k8sResources(yd, resources, `${prefix}.resources`, server.notes);
  if (host.memoryLimitBytes || host.memoryRequestBytes || host.cpuLimit) return host;
  const presetNode = get(yd, role, 'resourcesPreset');
  const preset = str(yd, presetNode) ?? f.chartDefaults.resourcesPreset;
  const p = f.presets[preset];
  if (!p) return host;
  const at = presetNode ? position(yd, presetNode, `${prefix}.resourcesPreset`) : server.at;
  const note = `${prefix}.resourcesPreset ${preset} (${f.sources.presets!})`;
  return {
    memoryLimitBytes: { value: bytesOf(p.limits.memory)!, raw: p.limits.memory, at, note },
    memoryRequestBytes: { value: bytesOf(p.requests.memory)!, raw: p.requests.memory, at, note },
    cpuLimit: { value: coresOf(p.limits.cpu)!, raw: p.limits.cpu, at, note },
    cpuRequest: { value: coresOf(p.requests.cpu)!, raw: p.requests.cpu, at, note },
    defaulted: [`resources from the "${preset}" preset`],
  };
}

export function readBitnamiValues(yd: YamlDoc): ServerModel[] {
  const f = facts('bitnami');
  const root = yd.root;
  const architecture = str(yd, get(yd, root, 'architecture')) ?? 'standalone';
  const replicaCountNode = get(yd, root, 'readReplicas', 'replicaCount');
  const servers: ServerModel[] = [];
  const roles = architecture === 'replication' ? ['primary', 'readReplicas'] : ['primary'];
  for (const role of roles) {
    const node = get(yd, root, role);
    const name = str(yd, get(yd, root, 'fullnameOverride')) || 'postgresql';
    const server = newServer({ carrier: 'helm-bitnami', platform: 'bitnami', name: role === 'primary' ? name : `${name} (read replicas)`, kind: 'bitnami/postgresql values', at: docPosition(yd) });
    const tagNode = get(yd, root, 'image', 'tag');
    const tag = str(yd, tagNode);
    const m = tag ? majorFromImage(`${str(yd, get(yd, root, 'image', 'repository')) ?? 'bitnami/postgresql'}:${tag}`) : undefined;
    if (m && tag) server.pgVersion = { major: m.major, raw: tag, at: position(yd, tagNode, 'image.tag'), from: 'image.tag' };
    const preload = get(yd, root, 'postgresqlSharedPreloadLibraries');
    const preloadText = preload ? str(yd, preload) : f.chartDefaults.sharedPreloadLibraries;
    if (preloadText !== undefined && preloadText !== '') {
      const at = preload ? position(yd, preload, 'postgresqlSharedPreloadLibraries') : server.at;
      server.settings.push({ name: 'shared_preload_libraries', value: { text: preloadText, raw: preload ? rawText(yd, preload) : preloadText, type: 'string', quoted: false, ...(preload ? {} : { note: `the chart's default postgresqlSharedPreloadLibraries (${f.sources.values!})` }) }, layer: preload ? 'user' : 'default', section: 'postgresqlSharedPreloadLibraries', scope: 'map', key: at, at });
    }
    const whole = embeddedConf(yd, get(yd, node, 'configuration'), `${role}.configuration`) ?? (role === 'primary' ? mapConf(yd, get(yd, root, 'postgresqlConfiguration'), 'postgresqlConfiguration') : undefined);
    if (whole) {
      server.confTexts.push(whole);
      server.switches.replacesConfiguration = true;
    }
    const ext = embeddedConf(yd, get(yd, node, 'extendedConfiguration'), `${role}.extendedConfiguration`) ?? (role === 'primary' ? mapConf(yd, get(yd, root, 'postgresqlExtendedConf'), 'postgresqlExtendedConf') : undefined);
    if (ext) server.confTexts.push(ext);
    server.host = presetHost(yd, node, role, server);
    const reps = statedCount(yd, replicaCountNode, 'readReplicas.replicaCount', server.notes);
    if (role === 'primary') {
      server.replicas = architecture === 'replication' ? (reps ?? { value: f.chartDefaults.readReplicaCount, raw: '', at: server.at, note: "the chart's default readReplicas.replicaCount" }) : { value: 0, raw: architecture, at: get(yd, root, 'architecture') ? position(yd, get(yd, root, 'architecture'), 'architecture') : server.at, note: 'architecture standalone' };
    } else {
      server.switches.role = 'replica';
      server.replicas = { value: 0, raw: '', at: server.at, note: 'a read replica feeds no one' };
    }
    const size = statedBytes(yd, get(yd, node, 'persistence', 'size'), `${role}.persistence.size`, server.notes);
    if (size) server.volumes.data = size;
    const shmNode = get(yd, root, 'shmVolume');
    const enabled = str(yd, get(yd, shmNode, 'enabled')) ?? String(f.chartDefaults.shmVolumeEnabled);
    const limit = statedBytes(yd, get(yd, shmNode, 'sizeLimit'), 'shmVolume.sizeLimit', server.notes);
    server.shm =
      enabled === 'false'
        ? { kind: 'docker-default', bytes: facts('docker').shmDefaultBytes, note: "shmVolume.enabled: false leaves the container runtime's 64MB /dev/shm" }
        : limit
          ? { kind: 'sized', bytes: limit.value, at: limit.at, raw: limit.raw, memoryBacked: true }
          : { kind: 'memory-unbounded', note: 'the chart mounts a memory-backed emptyDir at /dev/shm (shmVolume.enabled) without shmVolume.sizeLimit', ...(shmNode ? { at: position(yd, shmNode, 'shmVolume') } : {}) };
    servers.push(server);
  }
  return servers;
}
