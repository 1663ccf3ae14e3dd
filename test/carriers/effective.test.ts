/**
 * Per carrier: what the reader takes from the document (layers, exact positions, version, host,
 * replicas) and what the platform makes of it (the effective settings, and what is refused,
 * ignored, dropped, clamped or replaced, and why).
 */
import path from 'node:path';
import { effectiveConfig, evalRdsFormula, type Effective } from '../../src/carriers/effective.js';
import type { CarrierId, ServerModel } from '../../src/carriers/model.js';
import { readCarriers, STDIN } from '../../src/carriers/read.js';
import { InputError } from '../../src/resolve/load.js';
import { FIXTURES_DIR } from '../support/paths.js';

function servers(text: string, carrier?: CarrierId): ServerModel[] {
  return readCarriers([STDIN], { stdin: new TextEncoder().encode(text), ...(carrier ? { carrier } : {}) }).flatMap((r) => r.servers);
}
const fixture = (rel: string): ServerModel[] => readCarriers([path.join(FIXTURES_DIR, 'carriers', rel)]).flatMap((r) => r.servers);
const eff = (s: ServerModel): Effective => effectiveConfig(s);
const value = (e: Effective, name: string): string | undefined => e.settings.find((s) => s.name === name)?.value;
const fate = (e: Effective, name: string): string | undefined => e.notApplied.find((n) => n.name === name)?.fate;

describe('CloudNativePG', () => {
  const doc = [
    'apiVersion: postgresql.cnpg.io/v1',
    'kind: Cluster',
    'metadata:',
    '  name: db',
    'spec:',
    '  instances: 2',
    '  imageName: ghcr.io/cloudnative-pg/postgresql:16.4-bookworm',
    '  postgresql:',
    '    parameters:',
    '      work_mem: "8MB"',
    '      max_connections: 200',
    '      pgaudit.log: "all"',
    '      log_destination: "csvlog"',
    '      log_destination_x: "stderr"',
    '      archive_command: "/bin/true"',
    '  resources:',
    '    requests: { memory: 1Gi, cpu: 500m }',
    '',
  ].join('\n');
  const [s] = servers(doc);
  const e = eff(s!);
  test('reads the parameters at their exact positions, the version from the image tag, the replicas', () => {
    const wm = s!.settings.find((x) => x.name === 'work_mem')!;
    expect([wm.key.line, wm.key.column, wm.at.line, wm.at.column, wm.section]).toEqual([10, 7, 10, 17, 'spec.postgresql.parameters']);
    expect(s!.pgVersion).toMatchObject({ major: 16, from: 'image tag', at: { line: 7, column: 14 } });
    expect(s!.replicas?.value).toBe(1);
    expect(s!.host.memoryRequestBytes?.value).toBe(1024 ** 3);
    expect(s!.host.cpuRequest?.value).toBe(0.5);
  });
  test('defaults, user values and mandatory values in that order', () => {
    expect(value(e, 'max_worker_processes')).toBe('32');
    expect(value(e, 'work_mem')).toBe('8MB');
    expect(value(e, 'listen_addresses')).toBe('*');
    expect(e.settings.find((x) => x.name === 'listen_addresses')!.layer).toBe('forced');
    // PG 16: no allow_alter_system; the managed extension's library is added
    expect(value(e, 'allow_alter_system')).toBeUndefined();
    expect(value(e, 'shared_preload_libraries')).toBe('pgaudit');
  });
  test('the webhook and the API server refuse what they refuse', () => {
    expect(e.notApplied.find((n) => n.name === 'max_connections')).toMatchObject({ fate: 'rejected', why: expect.stringMatching(/map of strings and 200 is a YAML int/) });
    // a fixed parameter equal to CNPG's own value passes the webhook and is ignored; another value is refused
    expect(fate(e, 'log_destination')).toBe('ignored');
    expect(e.notApplied.find((n) => n.name === 'archive_command')).toMatchObject({ fate: 'rejected', why: expect.stringMatching(/Can't set fixed configuration parameter/) });
    expect(value(e, 'log_destination_x')).toBe('stderr');
  });
  test('allow_alter_system from 17, from enableAlterSystem', () => {
    const on = eff(servers(doc.replace('16.4-bookworm', '17.2').replace('  postgresql:\n', '  postgresql:\n    enableAlterSystem: true\n'))[0]!);
    expect(value(on, 'allow_alter_system')).toBe('on');
    const off = eff(servers(doc.replace('16.4-bookworm', '17.2'))[0]!);
    expect(value(off, 'allow_alter_system')).toBe('off');
  });
});

describe('Patroni and the platforms built on it', () => {
  const [p] = fixture('patroni/patroni.yml');
  const e = eff(p!);
  test('local and dynamic layers, in Patroni order', () => {
    expect(p!.settings.filter((x) => x.scope === 'patroni-dcs').map((x) => x.name)).toContain('max_connections');
    expect(p!.pgVersion).toMatchObject({ major: 16, from: 'the path in postgresql.bin_dir' });
  });
  test('protected parameters: discarded locally, defaulted when below the minimum in the DCS', () => {
    expect(value(e, 'max_connections')).toBe('100');
    expect(e.notApplied.filter((n) => n.name === 'max_connections').map((n) => n.fate)).toEqual(['replaced', 'ignored']);
    expect(e.notApplied.find((n) => n.name === 'max_connections' && n.fate === 'replaced')!.why).toBe(
      'Patroni logs "postgresql parameter max_connections=10 failed validation, defaulting to 100" and uses 100 (its minimum is 25)',
    );
    expect(value(e, 'max_wal_senders')).toBe('10');
    expect(value(e, 'hot_standby')).toBe('on');
    expect(fate(e, 'port')).toBe('ignored');
  });
  test("Patroni's runtime validator: unknown names and invalid values removed", () => {
    expect(fate(e, 'work_mem')).toBe('dropped');
    expect(fate(e, 'checkpoint_timout')).toBe('dropped');
    expect(value(e, 'work_mem')).toBeUndefined();
    expect(value(e, 'wal_level')).toBe('replica');
    expect(value(e, 'log_connections')).toBe('True');
  });
  test('numbers out of range are clamped to the bound', () => {
    const [s] = servers('scope: x\npostgresql:\n  bin_dir: /usr/lib/postgresql/17/bin\n  parameters:\n    autovacuum_max_workers: 300000\n    work_mem: 1\n');
    const c = eff(s!);
    expect(value(c, 'autovacuum_max_workers')).toBe('262143');
    expect(value(c, 'work_mem')).toBe('64');
    expect(fate(c, 'work_mem')).toBe('clamped');
  });
  test('Zalando routes parameters to the local or dynamic section; Spilo sizes from the limit', () => {
    const [z] = fixture('zalando/geonode-style.yaml');
    expect(z!.settings.map((x) => [x.name, x.scope])).toEqual([
      ['max_connections', 'patroni-dcs'],
      ['work_mem', 'patroni-dcs'],
      ['shared_buffers', 'patroni-local'],
      ['listen_addresses', 'patroni-dcs'],
    ]);
    const ze = eff(z!);
    expect(value(ze, 'max_connections')).toBe('100');
    expect(value(ze, 'wal_level')).toBe('logical');
    expect(z!.shm).toMatchObject({ kind: 'docker-default', bytes: 64 * 1024 * 1024 });
    const [minimal] = servers('apiVersion: acid.zalan.do/v1\nkind: postgresql\nmetadata: {name: m}\nspec:\n  postgresql: {version: "17"}\n  resources: {limits: {memory: 2Gi}}\n');
    expect(value(eff(minimal!), 'shared_buffers')).toBe('409MB');
    expect(value(eff(minimal!), 'max_connections')).toBe('100');
  });
  test('autobase: postgresql_parameters are dynamic, local_postgresql_parameters local; Jinja is not evaluated', () => {
    const [a] = fixture('ansible/autobase-vars.yml');
    const ae = eff(a!);
    expect(fate(ae, 'max_wal_senders')).toBe('ignored');
    expect(fate(ae, 'shared_buffers')).toBe('unevaluated');
    expect(value(ae, 'effective_cache_size')).toBe('12GB');
  });
  test('StackGres: blocklist refused in SGPostgresConfig, dropped in the SGCluster override; host from the profile', () => {
    const [sg] = fixture('stackgres/production.yaml');
    const se = eff(sg!);
    expect(fate(se, 'logging_collector')).toBe('rejected');
    expect(fate(se, 'port')).toBe('dropped');
    expect(value(se, 'maintenance_work_mem')).toBe('2GB');
    expect(sg!.host.memoryLimitBytes?.value).toBe(32 * 1024 ** 3);
    expect(sg!.replicas?.value).toBe(2);
  });
  test('PGO: config.parameters over dynamicConfiguration, CEL rules, one server per instance set', () => {
    const sets = fixture('pgo/postgrescluster.yaml');
    expect(sets.map((x) => [x.name, x.host.memoryLimitBytes?.value, x.replicas?.value])).toEqual([
      ['hippo/large', 8 * 1024 ** 3, 2],
      ['hippo/small', 2 * 1024 ** 3, 2],
    ]);
    const pe = eff(sets[0]!);
    expect(value(pe, 'max_connections')).toBe('300');
    expect(fate(pe, 'port')).toBe('rejected');
    expect(fate(pe, 'ssl_ciphers')).toBe('rejected');
    expect(value(pe, 'wal_level')).toBe('logical');
    expect(value(pe, 'shared_preload_libraries')).toBe('pgaudit');
  });
});

describe('Docker', () => {
  test('compose: command-line values over the mounted file, interpolation defaults, limits, /dev/shm', () => {
    const [db, analytics] = fixture('compose/compose.yaml');
    const e = eff(db!);
    expect(value(e, 'max_connections')).toBe('150');
    expect(value(e, 'shared_buffers')).toBe('1GB');
    expect(e.settings.find((x) => x.name === 'shared_buffers')!.at).toMatchObject({ line: 3, column: 18 });
    expect(fate(e, 'log_min_duration_statement')).toBe('unevaluated');
    expect(db!.host.memoryLimitBytes?.value).toBe(4 * 1024 ** 3);
    expect(db!.shm).toMatchObject({ kind: 'docker-default', bytes: 67108864 });
    expect(analytics!.shm).toMatchObject({ kind: 'sized', bytes: 1024 ** 3 });
    const wm = analytics!.settings.find((x) => x.name === 'work_mem')!;
    expect([wm.at.line, wm.at.column]).toEqual([21, 43]);
  });
  test('docker run: options before the image are docker\'s, after it postgres\'', () => {
    const [r] = fixture('docker/run-postgres.sh');
    expect(r!.settings.map((x) => [x.name, x.value.text, x.at.line, x.at.column])).toEqual([
      ['shared_buffers', '512MB', 7, 21],
      ['max_parallel_workers_per_gather', '4', 8, 38],
      ['max_connections', '200', 9, 6],
    ]);
    expect(r!.host).toMatchObject({ memoryLimitBytes: { value: 2 * 1024 ** 3 }, cpuLimit: { value: 1.5 } });
    expect(r!.notes[0]!.message).toMatch(/--cpu-shares/);
  });
});

describe('Helm values', () => {
  test('Bitnami: extendedConfiguration parsed by pgvet, mapped line by line into the values file', () => {
    const [primary, replica] = fixture('helm/bitnami-values.yaml');
    const conf = primary!.confTexts[0]!;
    expect(conf.settings.map((x) => [x.name, x.at.line, x.at.column])).toEqual([
      ['max_connections', 8, 23],
      ['work_mem', 10, 16],
    ]);
    expect(primary!.replicas?.value).toBe(2);
    expect(replica!.host.memoryLimitBytes?.value).toBe(192 * 1024 * 1024);
  });
  test('the cnpg cluster chart reads cluster.postgresql.parameters', () => {
    const [s] = servers('type: postgresql\nversion:\n  postgresql: "15"\ncluster:\n  instances: 2\n  postgresql:\n    parameters:\n      work_mem: "4MB"\n', 'helm-cnpg');
    expect([s!.platform, s!.pgVersion?.major, s!.replicas?.value, eff(s!).settings.find((x) => x.name === 'work_mem')?.value]).toEqual(['cnpg', 15, 1, '4MB']);
  });
});

describe('Terraform', () => {
  test('RDS: formulas evaluated with the class memory, host from the instance using the group, replicas', () => {
    const [g] = fixture('terraform/rds/main.tf');
    const e = eff(g!);
    // {DBInstanceClassMemory/4} on an 8kB-page parameter: 4GiB pages, 2048 × the RAM
    expect(value(e, 'shared_buffers')).toBe(String((16 * 1024 ** 3) / 4));
    expect(value(e, 'max_connections')).toBe(String(Math.min(Math.trunc((16 * 1024 ** 3) / 9531392), 5000)));
    expect(fate(e, 'work_mem')).toBe('unevaluated');
    expect(g!.replicas?.value).toBe(2);
    expect(g!.pgVersion?.major).toBe(16);
  });
  test('RDS formula syntax', () => {
    expect(evalRdsFormula('{DBInstanceClassMemory/32768}', { DBInstanceClassMemory: 8 * 1024 ** 3 })).toBe(262144);
    expect(evalRdsFormula('{DBInstanceVCPU*2}', { DBInstanceVCPU: 4 })).toBe(8);
    expect(evalRdsFormula('{DBInstanceClassMemory*3/4}', { DBInstanceClassMemory: 10 })).toBe(7);
    expect(evalRdsFormula('GREATEST({DBInstanceClassMemory/9531392},100)', { DBInstanceClassMemory: 1024 ** 3 })).toBe(112);
    expect(evalRdsFormula('{DBInstanceClassMemory/4}', {})).toBeNull();
    expect(evalRdsFormula('GREATEST({log(DBInstanceClassMemory/21474836480)*600},200)', { DBInstanceClassMemory: 1 })).toBeNull();
    expect(evalRdsFormula('128', {})).toBeUndefined();
  });
  test('Azure: for_each over a variable map, positions in variables.tf; SKU → host', () => {
    const [a] = readCarriers([path.join(FIXTURES_DIR, 'carriers', 'terraform', 'azure')]).flatMap((r) => r.servers);
    const wm = a!.settings.find((x) => x.name === 'work_mem')!;
    expect([wm.value.text, path.basename(wm.at.file), wm.at.line, wm.at.column]).toEqual(['2097151', 'variables.tf', 10, 23]);
    expect([a!.host.memoryLimitBytes?.value, a!.host.cpuLimit?.value, a!.pgVersion?.major]).toEqual([16 * 1024 ** 3, 4, 16]);
  });
  test('Cloud SQL: database_flags blocks, custom tier, read replicas', () => {
    const [main, read] = fixture('terraform/cloudsql/main.tf');
    expect(main!.settings.map((x) => [x.name, x.value.text])).toEqual([
      ['max_connections', '400'],
      ['work_mem', '65536'],
      ['cloudsql.enable_pgaudit', 'on'],
    ]);
    expect([main!.host.memoryLimitBytes?.value, main!.replicas?.value, read!.switches.role]).toEqual([16384 * 1024 * 1024, 1, 'replica']);
  });
});

describe('geerlingguy vs autobase', () => {
  test('geerlingguy writes postgresql.conf directly: no Patroni rules, absent lines removed, prefix clashes noted', () => {
    const [g] = fixture('ansible/geerlingguy-vars.yml');
    const e = eff(g!);
    expect(g!.platform).toBe('postgresql');
    expect(value(e, 'ssl')).toBe('False');
    expect(value(e, 'checkpoint_timeout')).toBeUndefined();
    expect(g!.notes.map((n) => n.message).join('\n')).toMatch(/regexp \^#\?ssl\.\+\$ also matches the line of ssl_ca_file/);
  });
});

describe('inputs pgvet refuses', () => {
  test('an unrendered template: render first, exit 2, naming the line', () => {
    expect(() => fixture('helm/unrendered-cluster.yaml')).toThrow(InputError);
    expect(() => fixture('helm/unrendered-cluster.yaml')).toThrow(/unrendered-cluster.yaml:4: an unrendered template .*render it first \(helm template/);
    expect(() => servers('{{- if .Values.enabled }}\nkind: Cluster\n{{- end }}\n')).toThrow(/<stdin>:1: an unrendered template/);
  });
  test('a merge-key bomb stops at the alias limit', () => {
    let s = 'a0: &a0 {x: 1}\n';
    for (let i = 1; i < 40; i++) s += `a${i}: &a${i}\n  <<: [*a${i - 1}, *a${i - 1}]\n`;
    s += 'scope: x\npostgresql:\n  parameters:\n    <<: *a39\n';
    expect(() => servers(s)).toThrow(/more than 10000 YAML alias references followed/);
  });
  test('a file that is no carrier, named explicitly', () => {
    expect(() => servers('just: a map\n')).toThrow(/no PostgreSQL configuration found in <stdin>/);
  });
});
