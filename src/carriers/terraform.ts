/**
 * Terraform for managed PostgreSQL:
 * - AWS: `aws_db_parameter_group` (RDS) and `aws_rds_cluster_parameter_group` (Aurora) with
 *   `parameter { name value apply_method }` blocks; the host from the `aws_db_instance` /
 *   `aws_rds_cluster_instance` that uses the group (instance class → data/instances.json);
 * - Google: `google_sql_database_instance` `settings { tier database_flags { } }`, and the
 *   terraform-google-modules `sql-db//modules/postgresql` module (`database_flags = [{ }]`);
 * - Azure: `azurerm_postgresql_flexible_server_configuration` resources grouped by their
 *   `server_id`, the host from the server's `sku_name`.
 * Values are literals; `var.x` is taken from the variable's default (a tfvars file may differ,
 * and pgvet says so); every other expression is reported as not evaluated. The files of one
 * directory are read together, as Terraform reads a module.
 */
import { instanceFacts } from './facts.js';
import { newServer } from './common.js';
import type { CarrierNote, CarrierSetting, CarrierValue, PlatformId, Position, ServerModel, Stated } from './model.js';
import { attr, blocks, parseHcl, HclError, type HclBlock, type HclBody, type HclExpr } from './hcl.js';
import type { CarrierSource } from './source.js';
import { InputError } from '../resolve/load.js';

interface TfFile {
  source: CarrierSource;
  body: HclBody;
}

interface Located<T> {
  file: TfFile;
  node: T;
}

export function parseTerraform(source: CarrierSource): TfFile {
  try {
    return { source, body: parseHcl(source.text) };
  } catch (err) {
    if (err instanceof HclError) {
      const p = source.lines.pos(err.offset);
      throw new InputError(source.displayPath, `cannot read ${source.displayPath}:${p.line}:${p.column}: ${err.message}`);
    }
    throw err;
  }
}

function pos(file: TfFile, offset: number, p?: string): Position {
  return { file: file.source.displayPath, ...file.source.lines.pos(offset), ...(p ? { path: p } : {}) };
}

function raw(file: TfFile, e: { start: number; end: number }): string {
  return file.source.text.slice(e.start, e.end);
}

class Module {
  readonly variables = new Map<string, Located<HclExpr>>();
  readonly resources: Array<Located<HclBlock>> = [];
  readonly modules: Array<Located<HclBlock>> = [];
  constructor(readonly files: TfFile[]) {
    for (const file of files) {
      for (const v of blocks(file.body, 'variable')) {
        const d = attr(v.body, 'default');
        if (v.labels[0] && d) this.variables.set(v.labels[0], { file, node: d.value });
      }
      for (const r of blocks(file.body, 'resource')) this.resources.push({ file, node: r });
      for (const m of blocks(file.body, 'module')) this.modules.push({ file, node: m });
    }
  }

  ofType(type: string): Array<Located<HclBlock>> {
    return this.resources.filter((r) => r.node.labels[0] === type);
  }

  /** Follow `var.x` to the variable's default (literals only). */
  resolve(file: TfFile, e: HclExpr): { file: TfFile; expr: HclExpr; via?: string } {
    if (e.kind === 'ref' && e.path[0] === 'var' && e.path.length === 2) {
      const v = this.variables.get(e.path[1]!);
      if (v) return { file: v.file, expr: v.node, via: `var.${e.path[1]} (the variable's default; a .tfvars file may set another value)` };
    }
    return { file, expr: e };
  }

  /** A value as the provider passes it on (numbers and booleans become strings). */
  value(file: TfFile, e: HclExpr): CarrierValue {
    const r = this.resolve(file, e);
    const written = raw(file, e);
    const x = r.expr;
    const note = r.via ? { note: `from ${r.via}` } : {};
    if (x.kind === 'literal') {
      if (x.value === null) return { text: null, raw: written, type: 'null', quoted: false, note: 'null: the provider leaves the parameter out' };
      const type = typeof x.value === 'number' ? (Number.isInteger(x.value) ? 'int' : 'float') : typeof x.value === 'boolean' ? 'bool' : 'string';
      return { text: String(x.value), raw: written, type, quoted: typeof x.value === 'string', ...note };
    }
    return { text: null, raw: written, type: 'expression', quoted: false, note: 'a Terraform expression: not evaluated here' };
  }

  str(file: TfFile, e: HclExpr | undefined): string | undefined {
    if (!e) return undefined;
    const v = this.value(file, e);
    return v.text ?? undefined;
  }
}

/** The resource a reference points at: `aws_db_parameter_group.pg.name` → ["aws_db_parameter_group", "pg"]. */
function refTarget(e: HclExpr | undefined): [string, string] | undefined {
  if (e?.kind === 'ref' && e.path.length >= 2) return [e.path[0]!, e.path[1]!];
  return undefined;
}

function countOf(mod: Module, r: Located<HclBlock>): number {
  const c = attr(r.node.body, 'count');
  if (!c) return 1;
  const n = Number(mod.str(r.file, c.value));
  return Number.isInteger(n) && n >= 0 ? n : 1;
}

function majorFrom(text: string | undefined, re: RegExp): number | undefined {
  const m = text ? re.exec(text) : null;
  return m ? Number(m[1]) : undefined;
}

function hostFromRdsClass(server: ServerModel, cls: string, at: Position): void {
  const f = instanceFacts().rds;
  const spec = f.classes[cls];
  const stated: Stated<string> = { value: cls, raw: cls, at };
  if (spec) {
    const note = `${cls}: ${spec.vcpu} vCPU, ${spec.memoryGiB} GiB`;
    server.host.instanceClass = { ...stated, note: `${note} (${f.source})` };
    server.host.memoryLimitBytes = { value: Math.round(spec.memoryGiB * 1024 ** 3), raw: cls, at, note: `${note}; DBInstanceClassMemory is somewhat less` };
    server.host.cpuLimit = { value: spec.vcpu, raw: cls, at, note };
  } else {
    server.host.instanceClass = { ...stated, note: 'not in pgvet\'s table of RDS instance classes: give --ram and --cores' };
    server.notes.push({ message: `instance class ${cls} is not in pgvet's table (data/instances.json): the host is not known`, at });
  }
}

function paramSettings(mod: Module, r: Located<HclBlock>, section: string): CarrierSetting[] {
  const out: CarrierSetting[] = [];
  for (const p of blocks(r.node.body, 'parameter')) {
    const n = attr(p.body, 'name');
    const v = attr(p.body, 'value');
    const name = n ? mod.str(r.file, n.value) : undefined;
    if (!name || !v) continue;
    const am = attr(p.body, 'apply_method');
    const applyMethod = am ? mod.str(r.file, am.value) : undefined;
    const value = mod.value(r.file, v.value);
    out.push({
      name,
      value: { ...value, ...(applyMethod ? { note: [value.note, `apply_method ${applyMethod}`].filter(Boolean).join('; ') } : { note: [value.note, 'apply_method immediate (the default)'].filter(Boolean).join('; ') }) },
      layer: 'user',
      section,
      scope: 'managed-service',
      key: pos(r.file, n!.value.start, `${section}.${name}`),
      at: pos(r.file, v.value.start, `${section}.${name}`),
      ...(applyMethod ? { applyMethod: { value: applyMethod, at: pos(r.file, am!.value.start, `${section}.${name}.apply_method`) } } : {}),
    });
  }
  return out;
}

function readRds(mod: Module, servers: ServerModel[]): void {
  for (const [groupType, platform, instType, linkAttr] of [
    ['aws_db_parameter_group', 'rds', 'aws_db_instance', 'parameter_group_name'],
    ['aws_rds_cluster_parameter_group', 'aurora', 'aws_rds_cluster', 'db_cluster_parameter_group_name'],
  ] as const) {
    for (const g of mod.ofType(groupType)) {
      const label = g.node.labels[1] ?? 'group';
      const addr = `${groupType}.${label}`;
      const server = newServer({ carrier: 'terraform', platform: platform as PlatformId, name: addr, kind: groupType, at: pos(g.file, g.node.start) });
      server.settings = paramSettings(mod, g, addr);
      const fam = attr(g.node.body, 'family');
      const famText = fam ? mod.str(g.file, fam.value) : undefined;
      const major = majorFrom(famText, /postgres(?:ql)?(\d+)/);
      if (major && fam) server.pgVersion = { major, raw: famText!, at: pos(g.file, fam.value.start, `${addr}.family`), from: 'family' };
      const groupName = mod.str(g.file, attr(g.node.body, 'name')?.value);
      // the instance (or cluster) using this group
      const users = mod.ofType(instType).filter((i) => {
        const link = attr(i.node.body, linkAttr);
        if (!link) return false;
        const t = refTarget(link.value);
        return t ? t[0] === groupType && t[1] === label : groupName !== undefined && mod.str(i.file, link.value) === groupName;
      });
      const user = users[0];
      if (user) {
        const userAddr = `${instType}.${user.node.labels[1] ?? ''}`;
        if (platform === 'rds') {
          const cls = attr(user.node.body, 'instance_class');
          const c = cls ? mod.str(user.file, cls.value) : undefined;
          if (c && cls) hostFromRdsClass(server, c, pos(user.file, cls.value.start, `${userAddr}.instance_class`));
          const replicas = mod.ofType('aws_db_instance').filter((i) => refTarget(attr(i.node.body, 'replicate_source_db')?.value)?.[1] === user.node.labels[1]);
          const n = replicas.reduce((acc, r) => acc + countOf(mod, r), 0);
          server.replicas = { value: n, raw: String(n), at: pos(user.file, user.node.start, userAddr), note: n ? `${replicas.map((r) => `aws_db_instance.${r.node.labels[1]}`).join(', ')} (replicate_source_db)` : 'no aws_db_instance replicates it' };
          const storage = attr(user.node.body, 'allocated_storage');
          const gb = storage ? Number(mod.str(user.file, storage.value)) : NaN;
          if (storage && gb > 0) server.volumes.data = { value: gb * 1024 ** 3, raw: `${gb} GiB`, at: pos(user.file, storage.value.start, `${userAddr}.allocated_storage`) };
          const ev = attr(user.node.body, 'engine_version');
          const evText = ev ? mod.str(user.file, ev.value) : undefined;
          const m2 = majorFrom(evText, /^(\d+)/);
          if (!server.pgVersion && m2 && ev) server.pgVersion = { major: m2, raw: evText!, at: pos(user.file, ev.value.start, `${userAddr}.engine_version`), from: 'engine_version' };
        } else {
          const members = mod.ofType('aws_rds_cluster_instance').filter((i) => refTarget(attr(i.node.body, 'cluster_identifier')?.value)?.[1] === user.node.labels[1]);
          const total = members.reduce((acc, r) => acc + countOf(mod, r), 0);
          const first = members[0];
          const cls = first ? attr(first.node.body, 'instance_class') : undefined;
          const c = cls && first ? mod.str(first.file, cls.value) : undefined;
          if (c && cls && first) hostFromRdsClass(server, c, pos(first.file, cls.value.start, `aws_rds_cluster_instance.${first.node.labels[1]}.instance_class`));
          if (total) server.replicas = { value: Math.max(0, total - 1), raw: String(total), at: pos(user.file, user.node.start, userAddr), note: `${total} aws_rds_cluster_instance member(s), the writer included` };
        }
      } else server.notes.push({ message: `no ${instType} in these files uses ${addr}: the instance class (host) is not known`, at: server.at });
      server.shm = { kind: 'none', note: 'a managed service: /dev/shm is not configurable' };
      servers.push(server);
    }
  }
}

function flagSettings(mod: Module, file: TfFile, flags: Array<{ name?: HclExpr; value?: HclExpr; start: number }>, section: string, notes: CarrierNote[]): CarrierSetting[] {
  const out: CarrierSetting[] = [];
  for (const f of flags) {
    const name = f.name ? mod.str(file, f.name) : undefined;
    if (!name || !f.value) {
      notes.push({ message: `${section}: a flag without a literal name or value; ignored`, at: pos(file, f.start, section) });
      continue;
    }
    out.push({ name, value: mod.value(file, f.value), layer: 'user', section, scope: 'managed-service', key: pos(file, f.name!.start, `${section}.${name}`), at: pos(file, f.value.start, `${section}.${name}`) });
  }
  return out;
}

function cloudSqlTier(server: ServerModel, tier: string, at: Position): void {
  const f = instanceFacts().cloudsql;
  const m = new RegExp(f.customTier).exec(tier);
  server.host.instanceClass = { value: tier, raw: tier, at };
  if (m) {
    const note = `${tier}: ${m[1]} vCPU, ${m[2]} MB`;
    server.host.instanceClass.note = `${note} (${f.source})`;
    server.host.memoryLimitBytes = { value: Number(m[2]) * 1024 * 1024, raw: tier, at, note };
    server.host.cpuLimit = { value: Number(m[1]), raw: tier, at, note };
  } else server.notes.push({ message: `tier ${tier} is not a custom tier (db-custom-<vCPUs>-<MB>): the host is not known`, at });
}

function objectItems(e: HclExpr): Array<{ name?: HclExpr; value?: HclExpr; start: number }> {
  if (e.kind !== 'tuple') return [];
  return e.items.filter((i) => i.kind === 'object').map((o) => {
    const obj = o as Extract<HclExpr, { kind: 'object' }>;
    const get = (k: string): HclExpr | undefined => obj.items.find((x) => x.key === k)?.value;
    return { name: get('name'), value: get('value'), start: o.start };
  });
}

function readCloudSql(mod: Module, servers: ServerModel[]): void {
  for (const r of mod.ofType('google_sql_database_instance')) {
    const label = r.node.labels[1] ?? 'instance';
    const addr = `google_sql_database_instance.${label}`;
    const dv = attr(r.node.body, 'database_version');
    const dvText = dv ? mod.str(r.file, dv.value) : undefined;
    if (dvText && !/^POSTGRES/.test(dvText)) continue;
    const server = newServer({ carrier: 'terraform', platform: 'cloudsql', name: addr, kind: 'google_sql_database_instance', at: pos(r.file, r.node.start) });
    const major = majorFrom(dvText, /^POSTGRES_(\d+)/);
    if (major !== undefined && dv) server.pgVersion = { major, raw: dvText!, at: pos(r.file, dv.value.start, `${addr}.database_version`), from: 'database_version' };
    for (const settings of blocks(r.node.body, 'settings')) {
      const tier = attr(settings.body, 'tier');
      const t = tier ? mod.str(r.file, tier.value) : undefined;
      if (t && tier) cloudSqlTier(server, t, pos(r.file, tier.value.start, `${addr}.settings.tier`));
      const flags = blocks(settings.body, 'database_flags').map((b) => ({ name: attr(b.body, 'name')?.value, value: attr(b.body, 'value')?.value, start: b.start }));
      server.settings.push(...flagSettings(mod, r.file, flags, `${addr}.settings.database_flags`, server.notes));
    }
    const replicas = mod.ofType('google_sql_database_instance').filter((i) => refTarget(attr(i.node.body, 'master_instance_name')?.value)?.[1] === label);
    const n = replicas.reduce((acc, x) => acc + countOf(mod, x), 0);
    server.replicas = { value: n, raw: String(n), at: server.at, note: n ? 'google_sql_database_instance resources with master_instance_name' : 'no read replica in these files' };
    if (attr(r.node.body, 'master_instance_name')) server.switches.role = 'replica';
    server.shm = { kind: 'none', note: 'a managed service: /dev/shm is not configurable' };
    servers.push(server);
  }
  // terraform-google-modules/sql-db: module "x" { source = ".../sql-db/google//modules/postgresql" }
  for (const m of mod.modules) {
    const src = mod.str(m.file, attr(m.node.body, 'source')?.value) ?? '';
    if (!/sql-db\/google\/\/modules\/postgresql|modules\/postgresql$/.test(src)) continue;
    const addr = `module.${m.node.labels[0] ?? 'pg'}`;
    const server = newServer({ carrier: 'terraform', platform: 'cloudsql', name: addr, kind: 'terraform-google-modules sql-db postgresql', at: pos(m.file, m.node.start) });
    const dv = attr(m.node.body, 'database_version');
    const dvText = dv ? mod.str(m.file, dv.value) : undefined;
    const major = majorFrom(dvText, /^POSTGRES_(\d+)/);
    if (major !== undefined && dv) server.pgVersion = { major, raw: dvText!, at: pos(m.file, dv.value.start, `${addr}.database_version`), from: 'database_version' };
    const tier = attr(m.node.body, 'tier');
    const t = tier ? mod.str(m.file, tier.value) : undefined;
    if (t && tier) cloudSqlTier(server, t, pos(m.file, tier.value.start, `${addr}.tier`));
    const flags = attr(m.node.body, 'database_flags');
    if (flags) {
      const resolved = mod.resolve(m.file, flags.value);
      server.settings.push(...flagSettings(mod, resolved.file, objectItems(resolved.expr), `${addr}.database_flags`, server.notes));
      if (resolved.expr.kind !== 'tuple') server.notes.push({ message: `${addr}.database_flags is an expression pgvet does not evaluate`, at: pos(m.file, flags.value.start) });
    }
    const rr = attr(m.node.body, 'read_replicas');
    const n = rr && rr.value.kind === 'tuple' ? rr.value.items.length : 0;
    server.replicas = { value: n, raw: String(n), at: rr ? pos(m.file, rr.value.start, `${addr}.read_replicas`) : server.at, note: rr ? `${n} entr${n === 1 ? 'y' : 'ies'} in read_replicas` : 'no read_replicas' };
    server.shm = { kind: 'none', note: 'a managed service: /dev/shm is not configurable' };
    servers.push(server);
  }
}

function readAzure(mod: Module, servers: ServerModel[]): void {
  const byServer = new Map<string, ServerModel>();
  const azureSkus = instanceFacts().azure;
  for (const s of mod.ofType('azurerm_postgresql_flexible_server')) {
    const label = s.node.labels[1] ?? 'server';
    const addr = `azurerm_postgresql_flexible_server.${label}`;
    const server = newServer({ carrier: 'terraform', platform: 'azure', name: addr, kind: 'azurerm_postgresql_flexible_server', at: pos(s.file, s.node.start) });
    const v = attr(s.node.body, 'version');
    const vText = v ? mod.str(s.file, v.value) : undefined;
    if (vText && v && /^\d+$/.test(vText)) server.pgVersion = { major: Number(vText), raw: vText, at: pos(s.file, v.value.start, `${addr}.version`), from: 'version' };
    const sku = attr(s.node.body, 'sku_name');
    const skuText = sku ? mod.str(s.file, sku.value) : undefined;
    if (skuText && sku) {
      const at = pos(s.file, sku.value.start, `${addr}.sku_name`);
      const bare = skuText.replace(/^(B|GP|MO)_/, '');
      const spec = azureSkus.skus[bare];
      server.host.instanceClass = { value: skuText, raw: skuText, at };
      if (spec) {
        const note = `${bare}: ${spec.vcpu} vCores, ${spec.memoryMiB / 1024} GiB`;
        server.host.instanceClass.note = `${note} (${azureSkus.source})`;
        server.host.memoryLimitBytes = { value: spec.memoryMiB * 1024 * 1024, raw: skuText, at, note };
        server.host.cpuLimit = { value: spec.vcpu, raw: skuText, at, note };
      } else server.notes.push({ message: `sku_name ${skuText} is not in pgvet's table (data/instances.json): the host is not known`, at });
    }
    const st = attr(s.node.body, 'storage_mb');
    const mb = st ? Number(mod.str(s.file, st.value)) : NaN;
    if (st && mb > 0) server.volumes.data = { value: mb * 1024 * 1024, raw: `${mb} MB`, at: pos(s.file, st.value.start, `${addr}.storage_mb`) };
    server.shm = { kind: 'none', note: 'a managed service: /dev/shm is not configurable' };
    byServer.set(label, server);
    servers.push(server);
  }
  for (const c of mod.ofType('azurerm_postgresql_flexible_server_configuration')) {
    const label = c.node.labels[1] ?? 'configuration';
    const addr = `azurerm_postgresql_flexible_server_configuration.${label}`;
    const target = refTarget(attr(c.node.body, 'server_id')?.value);
    let server = target && target[0] === 'azurerm_postgresql_flexible_server' ? byServer.get(target[1]) : undefined;
    if (!server) {
      const key = `?${label}`;
      server = byServer.get(key);
      if (!server) {
        server = newServer({ carrier: 'terraform', platform: 'azure', name: 'azurerm_postgresql_flexible_server (not in these files)', kind: 'azurerm_postgresql_flexible_server', at: pos(c.file, c.node.start) });
        server.notes.push({ message: `${addr}: server_id does not name a server in these files: the host and version are not known`, at: server.at });
        byServer.set(key, server);
        servers.push(server);
      }
    }
    const nameAttr = attr(c.node.body, 'name');
    const valueAttr = attr(c.node.body, 'value');
    const forEach = attr(c.node.body, 'for_each');
    const isEach = (e: HclExpr | undefined, k: string): boolean => e?.kind === 'ref' && e.path[0] === 'each' && e.path[1] === k;
    if (forEach && isEach(nameAttr?.value, 'key') && isEach(valueAttr?.value, 'value')) {
      // for_each over a map: one configuration per entry (the map's literal entries)
      const map = mod.resolve(c.file, forEach.value);
      if (map.expr.kind === 'object') {
        for (const item of map.expr.items) {
          server.settings.push({ name: item.key, value: mod.value(map.file, item.value), layer: 'user', section: `${addr}[${item.key}]`, scope: 'managed-service', key: pos(map.file, item.keyStart, `${addr}[${item.key}]`), at: pos(map.file, item.value.start, `${addr}[${item.key}]`) });
        }
        if (map.via) server.notes.push({ message: `${addr}: for_each over ${map.via}`, at: pos(c.file, forEach.value.start) });
        continue;
      }
      server.notes.push({ message: `${addr}: for_each over an expression pgvet does not evaluate`, at: pos(c.file, forEach.value.start) });
      continue;
    }
    const name = nameAttr ? mod.str(c.file, nameAttr.value) : undefined;
    if (!name || !valueAttr) {
      server.notes.push({ message: `${addr}: name or value is not a literal; ignored`, at: pos(c.file, c.node.start) });
      continue;
    }
    server.settings.push({ name, value: mod.value(c.file, valueAttr.value), layer: 'user', section: addr, scope: 'managed-service', key: pos(c.file, nameAttr!.value.start, `${addr}.name`), at: pos(c.file, valueAttr.value.start, `${addr}.value`) });
  }
}

/** The servers of a Terraform module (the .tf files of one directory, or one file). */
export function readTerraform(files: TfFile[]): ServerModel[] {
  const mod = new Module(files);
  const servers: ServerModel[] = [];
  readRds(mod, servers);
  readCloudSql(mod, servers);
  readAzure(mod, servers);
  return servers;
}


export type { TfFile };
export { looksLikeTerraform } from './sniff.js';
