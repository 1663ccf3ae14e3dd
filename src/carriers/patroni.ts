/**
 * A Patroni configuration file: `bootstrap.dcs.postgresql.parameters` (the dynamic configuration,
 * written to the DCS once when the cluster is initialised) below the local
 * `postgresql.parameters`. PyYAML reads it (YAML 1.1) and Patroni writes str() of each value.
 */
import { docPosition, mapSettings, newServer } from './common.js';
import type { ServerModel } from './model.js';
import { entries, get, position, str, type YamlDoc } from './yaml.js';
import { facts } from './facts.js';

export function isPatroni(yd: YamlDoc): boolean {
  const pg = get(yd, yd.root, 'postgresql');
  const dcs = get(yd, yd.root, 'bootstrap', 'dcs');
  return Boolean((pg && (get(yd, pg, 'parameters') || get(yd, pg, 'data_dir') || get(yd, pg, 'listen') || get(yd, pg, 'authentication'))) || dcs) && !get(yd, yd.root, 'kind');
}

export function readPatroni(yd: YamlDoc): ServerModel {
  const name = str(yd, get(yd, yd.root, 'name')) ?? str(yd, get(yd, yd.root, 'scope')) ?? 'patroni';
  const server = newServer({ carrier: 'patroni', platform: 'patroni', name, kind: 'Patroni configuration', at: docPosition(yd) });
  const dcsPg = get(yd, yd.root, 'bootstrap', 'dcs', 'postgresql');
  server.settings.push(...mapSettings(yd, get(yd, dcsPg, 'parameters'), 'bootstrap.dcs.postgresql.parameters', 'patroni-dcs', 'python', server.notes));
  const pg = get(yd, yd.root, 'postgresql');
  server.settings.push(...mapSettings(yd, get(yd, pg, 'parameters'), 'postgresql.parameters', 'patroni-local', 'python', server.notes));
  for (const role of ['parameters_primary', 'parameters_replica', 'parameters_standby_leader']) {
    const node = get(yd, pg, role);
    if (node) server.notes.push({ message: `postgresql.${role} applies to one role only; pgvet shows the primary's postgresql.parameters`, at: position(yd, node, `postgresql.${role}`) });
  }
  // parameters written one level too high are ignored by Patroni (patroni/patroni#943)
  const known = new Set(facts('patroni').protected.map((p) => p.name));
  for (const section of [{ node: pg, path: 'postgresql' }, { node: dcsPg, path: 'bootstrap.dcs.postgresql' }]) {
    for (const e of entries(yd, section.node)) {
      if (known.has(e.key) || /^(shared_buffers|work_mem|maintenance_work_mem|effective_cache_size|wal_buffers|max_wal_size|min_wal_size|checkpoint_timeout|shared_preload_libraries)$/.test(e.key)) {
        server.notes.push({ message: `${section.path}.${e.key} is not read by Patroni: parameters belong under ${section.path}.parameters`, at: position(yd, e.keyNode, `${section.path}.${e.key}`) });
      }
    }
  }
  const binDir = str(yd, get(yd, pg, 'bin_dir'));
  const dataDir = str(yd, get(yd, pg, 'data_dir'));
  for (const [value, key] of [[binDir, 'bin_dir'], [dataDir, 'data_dir']] as const) {
    const m = value ? /(?:postgresql|pgsql|postgres)[-/](\d{2})(?:\/|$)|\/(\d{2})\/(?:main|data|bin)/.exec(value) : null;
    if (m) {
      server.pgVersion = { major: Number(m[1] ?? m[2]), raw: value!, at: position(yd, get(yd, pg, key), `postgresql.${key}`), from: `the path in postgresql.${key}` };
      break;
    }
  }
  if (server.settings.some((x) => x.scope === 'patroni-dcs')) {
    server.notes.push({ message: 'bootstrap.dcs is written to the DCS only when the cluster is initialised; on a running cluster, patronictl show-config has the dynamic configuration' });
  }
  return server;
}
