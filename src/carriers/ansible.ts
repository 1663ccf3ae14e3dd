/**
 * Ansible variables (group_vars, host_vars, role defaults):
 * - autobase (vitabaks/autobase): `postgresql_parameters` go to Patroni's dynamic configuration,
 *   `local_postgresql_parameters` to its local one; lists of { option, value };
 * - geerlingguy.postgresql: `postgresql_global_config_options`, written into postgresql.conf as
 *   `option = 'value'` by lineinfile (`state: absent` removes the line).
 * PyYAML reads the file; Jinja expressions (`{{ ansible_memtotal_mb * 0.25 }}`) are computed on
 * the target host at run time and are reported as not evaluated.
 */
import { docPosition, newServer, versionFromNumber, withTemplateNote } from './common.js';
import type { CarrierSetting, Scope, ServerModel } from './model.js';
import { get, items, position, resolveScalar, str, type YamlDoc } from './yaml.js';

export function isAutobase(yd: YamlDoc): boolean {
  return Boolean(get(yd, yd.root, 'postgresql_parameters') || get(yd, yd.root, 'local_postgresql_parameters'));
}

export function isGeerlingguy(yd: YamlDoc): boolean {
  return Boolean(get(yd, yd.root, 'postgresql_global_config_options'));
}

function optionList(yd: YamlDoc, node: unknown, section: string, scope: Scope, server: ServerModel): CarrierSetting[] {
  const out: CarrierSetting[] = [];
  items(yd, node).forEach((item, i) => {
    const p = `${section}[${i}]`;
    const optNode = get(yd, item, 'option');
    const name = str(yd, optNode);
    if (!name) {
      server.notes.push({ message: `${p} has no option name; ignored`, at: position(yd, item, p) });
      return;
    }
    if (str(yd, get(yd, item, 'state')) === 'absent') {
      server.notes.push({ message: `${p}: ${name} has state: absent (its line is removed from postgresql.conf)`, at: position(yd, item, p) });
      return;
    }
    const valueNode = get(yd, item, 'value');
    const value = withTemplateNote(resolveScalar(yd, valueNode, 'python'));
    out.push({ name, value, layer: 'user', section, scope, key: position(yd, optNode, `${p}.option`), at: position(yd, valueNode ?? item, `${p}.value`) });
  });
  return out;
}

export function readAutobase(yd: YamlDoc): ServerModel {
  const name = str(yd, get(yd, yd.root, 'patroni_cluster_name')) ?? 'autobase';
  const server = newServer({ carrier: 'ansible-autobase', platform: 'patroni', name, kind: 'autobase variables', at: docPosition(yd) });
  server.settings.push(...optionList(yd, get(yd, yd.root, 'postgresql_parameters'), 'postgresql_parameters', 'patroni-dcs', server));
  server.settings.push(...optionList(yd, get(yd, yd.root, 'local_postgresql_parameters'), 'local_postgresql_parameters', 'patroni-local', server));
  server.pgVersion = versionFromNumber(yd, get(yd, yd.root, 'postgresql_version'), 'postgresql_version', 'postgresql_version');
  return server;
}

export function readGeerlingguy(yd: YamlDoc): ServerModel {
  const server = newServer({ carrier: 'ansible-geerlingguy', platform: 'postgresql', name: 'postgresql', kind: 'geerlingguy.postgresql variables', at: docPosition(yd) });
  server.settings.push(...optionList(yd, get(yd, yd.root, 'postgresql_global_config_options'), 'postgresql_global_config_options', 'map', server));
  server.pgVersion = versionFromNumber(yd, get(yd, yd.root, 'postgresql_version'), 'postgresql_version', 'postgresql_version');
  // lineinfile's regexp ^#?{{ option }}.+$ matches by prefix: one option can overwrite another's line
  const names = server.settings.map((s) => s.name);
  for (const s of server.settings) {
    const other = names.find((n) => n !== s.name && n.startsWith(s.name));
    if (other) server.notes.push({ message: `${s.name}: the role's regexp ^#?${s.name}.+$ also matches the line of ${other}; one overwrites the other (geerlingguy/ansible-role-postgresql#120)`, at: s.key });
  }
  return server;
}
