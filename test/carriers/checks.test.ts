/**
 * Platform checks (PGV050–PGV060), per carrier, both sides of each rule, at the carrier's own
 * line and column: what the platform refuses, replaces or cannot see, and what the document's
 * host, replicas and volumes say about the settings.
 */
import { effectiveConfig } from '../../src/carriers/effective.js';
import { lintEffective, type CarrierLintOptions } from '../../src/carriers/lint.js';
import type { CarrierId } from '../../src/carriers/model.js';
import { readCarriers } from '../../src/carriers/read.js';
import type { Finding } from '../../src/engine/types.js';

/** The platform findings for a document given on standard input: "line:column ruleId severity". */
function check(text: string, options: CarrierLintOptions & { carrier?: CarrierId } = {}): Finding[] {
  const { carrier, ...rest } = options;
  const servers = readCarriers(['<stdin>'], { stdin: new TextEncoder().encode(text), ...(carrier ? { carrier } : {}) }).flatMap((r) => r.servers);
  expect(servers.length).toBeGreaterThan(0);
  return servers.flatMap((s) => lintEffective(effectiveConfig(s), rest).findings).filter((f) => /^PGV0[56]\d$/.test(f.ruleId));
}
const at = (f: Finding): string => `${f.line}:${f.column} ${f.ruleId} ${f.severity}`;
const ids = (fs: Finding[], rule: string): string[] => fs.filter((f) => f.ruleId === rule).map(at);

const cnpg = (parameters: string, extra = '', instances = 3): string => `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: db
spec:
  instances: ${instances}
  imageName: ghcr.io/cloudnative-pg/postgresql:17.2
  postgresql:
    parameters:
${parameters}
  resources:
    requests:
      memory: 1Gi
    limits:
      memory: 4Gi
  storage:
    size: 20Gi
${extra}`;

describe('CloudNativePG', () => {
  test('a fixed parameter with another value is rejected by the webhook (error at the key); the same value is ignored (warning)', () => {
    const f = check(cnpg('      port: "5433"\n      logging_collector: "on"'));
    expect(ids(f, 'PGV050')).toEqual(['10:7 PGV050 error']);
    expect(f.find((x) => x.ruleId === 'PGV050')!.message).toBe(`port = '5433': rejected by the CloudNativePG webhook: "Can't set fixed configuration parameter" (fixed); use nothing: CloudNativePG always listens on 5432`);
    expect(ids(f, 'PGV051')).toEqual(['11:7 PGV051 warning']);
  });

  test('a number where the CRD wants a string is refused by the API server, at the value', () => {
    expect(ids(check(cnpg('      max_connections: 200')), 'PGV050')).toEqual(['10:24 PGV050 error']);
    expect(ids(check(cnpg('      max_connections: "200"')), 'PGV050')).toEqual([]);
  });

  test("shared_buffers above the memory request: the webhook's exact rule, unit-less read as MB, hugepages cover it", () => {
    const over = check(cnpg('      shared_buffers: "2GB"'));
    expect(ids(over, 'PGV054')).toEqual(['10:23 PGV054 error']);
    expect(over.find((x) => x.ruleId === 'PGV054')!.message).toBe('shared_buffers = \'2GB\' is rejected by the CloudNativePG webhook: "Memory request is lower than PostgreSQL `shared_buffers` value" (2GB > 1Gi at 13:15)');
    expect(ids(check(cnpg('      shared_buffers: "1GB"')), 'PGV054')).toEqual([]);
    // 16384 is 128MB to PostgreSQL (8kB pages) but 16GB to the webhook
    const unitless = check(cnpg('      shared_buffers: "16384"'));
    expect(unitless.find((x) => x.ruleId === 'PGV054')!.message).toContain('(16GB, as the webhook reads a unit-less value in MB; PostgreSQL reads it as 8kB pages > 1Gi at 13:15)');
    expect(ids(check(cnpg('      shared_buffers: "1024"')), 'PGV054')).toEqual([]);
    const huge = cnpg('      shared_buffers: "2GB"').replace('      memory: 1Gi\n', '      memory: 1Gi\n      hugepages-2Mi: 2Gi\n');
    expect(ids(check(huge), 'PGV054')).toEqual([]);
  });

  test('replication: wal_level minimal or wal_log_hints off with more than one instance is rejected; one instance passes', () => {
    const f = check(cnpg('      wal_level: "minimal"\n      max_wal_senders: "0"\n      wal_log_hints: "off"'));
    expect(ids(f, 'PGV058')).toEqual(['10:18 PGV058 error', '12:22 PGV058 error']);
    expect(ids(check(cnpg('      wal_level: "minimal"\n      max_wal_senders: "0"\n      wal_log_hints: "off"', '', 1)), 'PGV058')).toEqual([]);
  });

  test('WAL sizes against walStorage.size: the webhook refuses max_wal_size at or above it', () => {
    const wal = '  walStorage:\n    size: 1Gi\n';
    expect(ids(check(cnpg('      max_wal_size: "2GB"', wal)), 'PGV059')).toEqual(['10:21 PGV059 error']);
    expect(ids(check(cnpg('      max_wal_size: "512MB"', wal)), 'PGV059')).toEqual([]);
    expect(ids(check(cnpg('      max_wal_size: "512MB"\n      min_wal_size: "600MB"', wal)), 'PGV059')).toEqual(['11:21 PGV059 error']);
  });

  test('/dev/shm sized by ephemeralVolumesSizeLimit.shm against the parallel queries', () => {
    const small = check(cnpg('      max_parallel_workers: "4"\n      work_mem: "64MB"', '  ephemeralVolumesSizeLimit:\n    shm: 128Mi\n'));
    expect(ids(small, 'PGV055')).toEqual(['20:10 PGV055 warning']);
    expect(small.find((x) => x.ruleId === 'PGV055')!.message).toMatch(/^\/dev\/shm is 128Mi \(128MB\), and the parallel queries these settings allow need up to 768MB there: 2 at once \(max_parallel_workers 4 \/ 2 per gather\) × a parallel hash of \(2 workers \+ the leader\) × work_mem 64MB × hash_mem_multiplier 2;/);
    expect(ids(check(cnpg('      max_parallel_workers: "4"\n      work_mem: "64MB"', '  ephemeralVolumesSizeLimit:\n    shm: 1Gi\n')), 'PGV055')).toEqual([]);
  });
});

const zalando = (parameters: string, instances = 2): string => `apiVersion: acid.zalan.do/v1
kind: postgresql
metadata:
  name: acid-db
spec:
  numberOfInstances: ${instances}
  postgresql:
    version: "16"
    parameters:
${parameters}
  volume:
    size: 20Gi
`;

describe('Zalando (Spilo, Patroni)', () => {
  test('max_connections "10": Patroni logs a warning and uses 100; 25 passes', () => {
    const f = check(zalando('      max_connections: "10"'));
    expect(ids(f, 'PGV051')).toEqual(['10:24 PGV051 warning']);
    expect(f.find((x) => x.ruleId === 'PGV051')!.message).toBe(`max_connections = '10': Patroni logs "postgresql parameter max_connections=10 failed validation, defaulting to 100" and uses 100 (its minimum is 25)`);
    expect(ids(check(zalando('      max_connections: "25"')), 'PGV051')).toEqual([]);
  });

  test('12.5Mb: Patroni drops a value PostgreSQL would refuse (unit case)', () => {
    const f = check(zalando('      work_mem: "12.5Mb"'));
    expect(ids(f, 'PGV051')).toEqual(['10:17 PGV051 warning']);
    expect(f[0]!.message).toContain('Removing integer parameter=work_mem from the config due to the invalid value=12.5Mb');
    expect(ids(check(zalando('      work_mem: "12MB"')), 'PGV051')).toEqual([]);
  });

  test("shared_preload_libraries replaces Spilo's list: the libraries it loses are named", () => {
    const f = check(zalando('      shared_preload_libraries: "pg_stat_statements,timescaledb"'));
    const lost = f.find((x) => x.ruleId === 'PGV051')!;
    expect(at(lost)).toBe('10:33 PGV051 warning');
    expect(lost.message).toBe("shared_preload_libraries replaces the Zalando operator (Spilo)'s default list (bg_mon,pg_stat_statements,pgextwlist,pg_auth_mon,set_user): bg_mon, pgextwlist, pg_auth_mon, set_user will not be loaded");
    expect(ids(check(zalando('      shared_preload_libraries: "bg_mon,pg_stat_statements,pgextwlist,pg_auth_mon,set_user,timescaledb"')), 'PGV051')).toEqual([]);
  });

  test('replication slots: Patroni keeps one per replica', () => {
    expect(ids(check(zalando('      max_replication_slots: "4"', 6)), 'PGV058')).toEqual(['10:30 PGV058 warning']);
    expect(ids(check(zalando('      max_replication_slots: "5"', 6)), 'PGV058')).toEqual([]);
  });

  test('a number in the map of strings is refused by the API server', () => {
    expect(ids(check(zalando('      max_connections: 200')), 'PGV050')).toEqual(['10:24 PGV050 error']);
  });
});

describe('Patroni', () => {
  const patroni = (dcs: string, local = ''): string => `scope: demo
bootstrap:
  dcs:
    postgresql:
      parameters:
${dcs}
postgresql:
  bin_dir: /usr/lib/postgresql/16/bin
  parameters:
${local}
`;
  test('YAML 1.1 booleans and nulls are passed on as Python writes them', () => {
    const f = check(patroni('        log_connections: on\n        archive_command: ~'));
    expect(ids(f, 'PGV053')).toEqual(['6:26 PGV053 warning', '7:26 PGV053 warning']);
    expect(f.find((x) => x.ruleId === 'PGV053')!.message).toBe('log_connections: on is a YAML bool, so Patroni passes on "True" (YAML 1.1 boolean: passed on as "True"); quote it to pass on what is written');
    expect(ids(check(patroni('        log_connections: "on"\n        archive_command: "/bin/true"')), 'PGV053')).toEqual([]);
  });

  test('a protected parameter in the local section is discarded', () => {
    expect(ids(check(patroni('        work_mem: "8MB"', '    max_connections: "500"')), 'PGV051')).toEqual(['10:5 PGV051 warning']);
  });

  test('a Jinja value is not evaluated: render first', () => {
    const f = check(patroni('        shared_buffers: "{{ ram_mb // 4 }}MB"'));
    expect(ids(f, 'PGV052')).toEqual(['6:25 PGV052 info']);
    expect(f[0]!.help).toMatch(/^render the carrier first/);
  });
});

describe('compose and docker run', () => {
  const compose = (command: string, extra = ''): string => `services:
  db:
    image: postgres:16
    command: ${command}
${extra}`;
  test("Docker's 64MB /dev/shm against the parallel queries; shm_size large enough or no parallelism passes", () => {
    const f = check(compose('postgres -c work_mem=16MB'));
    expect(ids(f, 'PGV055')).toEqual(['2:3 PGV055 warning']);
    expect(f[0]!.message).toMatch(/^\/dev\/shm is Docker's default of 64MB, and the parallel queries these settings allow need up to 384MB there/);
    expect(f[0]!.help).toMatch(/^set shm_size \(compose\) or --shm-size \(docker run\) \(at least 384MB\), or lower max_parallel_workers_per_gather; source: https:\/\/github.com\/docker-library\/docs\//);
    expect(ids(check(compose('postgres -c work_mem=16MB', '    shm_size: 512mb\n')), 'PGV055')).toEqual([]);
    expect(ids(check(compose('postgres -c work_mem=16MB -c max_parallel_workers_per_gather=0')), 'PGV055')).toEqual([]);
    expect(ids(check(compose('postgres -c work_mem=16MB -c dynamic_shared_memory_type=sysv')), 'PGV055')).toEqual([]);
  });

  test("shared memory (the simulator's figure) against mem_limit", () => {
    const f = check(compose('postgres -c shared_buffers=300MB', '    mem_limit: 256m\n'));
    expect(ids(f, 'PGV054')).toEqual(['4:41 PGV054 warning']);
    expect(f.find((x) => x.ruleId === 'PGV054')!.message).toMatch(/^the server's shared memory is 3\d\d(\.\d)?MB \(the simulator's figure: shared_buffers 300MB and the rest of the main segment\), 1\d\d% of the container's memory limit 256m/);
    expect(ids(check(compose('postgres -c shared_buffers=64MB', '    mem_limit: 256m\n')), 'PGV054')).toEqual([]);
  });
});

describe('Terraform: RDS', () => {
  const rds = (params: string): string => `resource "aws_db_parameter_group" "pg" {
  name   = "pg"
  family = "postgres16"
${params}
}

resource "aws_db_instance" "db" {
  instance_class       = "db.r6g.large"
  parameter_group_name = aws_db_parameter_group.pg.name
}
`;
  const param = (name: string, value: string, apply?: string): string => `  parameter {\n    name  = "${name}"\n    value = "${value}"\n${apply ? `    apply_method = "${apply}"\n` : ''}  }`;

  test("{DBInstanceClassMemory/4} on shared_buffers asks for 2048× the memory (the unit is 8kB); /32768 is a quarter", () => {
    const f = check(rds(param('shared_buffers', '{DBInstanceClassMemory/4}', 'pending-reboot')));
    expect(ids(f, 'PGV056')).toEqual(['6:13 PGV056 error']);
    expect(f.find((x) => x.ruleId === 'PGV056')).toMatchObject({
      message: 'shared_buffers = {DBInstanceClassMemory/4}: RDS reads the result in the unit of shared_buffers (8kB), so it asks for 2048× the instance\'s memory (32TB on db.r6g.large): PostgreSQL cannot start with it',
      suggestion: 'shared_buffers = "{DBInstanceClassMemory/32768}"',
    });
    expect(ids(check(rds(param('shared_buffers', '{DBInstanceClassMemory/32768}', 'pending-reboot'))), 'PGV056')).toEqual([]);
    // work_mem is in kB: /1024 is the whole memory per sort, /512 twice it
    expect(ids(check(rds(param('work_mem', '{DBInstanceClassMemory/512}'))), 'PGV056')).toEqual(['6:13 PGV056 error']);
  });

  test('a static parameter applied immediately (explicitly or by default) is refused by the API; pending-reboot passes; a dynamic one passes', () => {
    expect(ids(check(rds(param('max_connections', '500', 'immediate'))), 'PGV057')).toEqual(['7:20 PGV057 error']);
    expect(ids(check(rds(param('max_connections', '500'))), 'PGV057')).toEqual(['5:13 PGV057 error']);
    expect(ids(check(rds(param('max_connections', '500', 'pending-reboot'))), 'PGV057')).toEqual([]);
    expect(ids(check(rds(param('work_mem', '8192', 'immediate'))), 'PGV057')).toEqual([]);
  });

  test('a Terraform expression is not evaluated', () => {
    expect(ids(check(rds('  parameter {\n    name  = "work_mem"\n    value = var.work_mem\n  }')), 'PGV052')).toEqual(['6:13 PGV052 info']);
  });
});

describe('flags against the document', () => {
  test('--pg-version that disagrees with the document: a warning at the version; --ram: a note at the limit', () => {
    const doc = cnpg('      work_mem: "8MB"');
    const f = check(doc, { version: 16, host: { ramBytes: 8 * 1024 ** 3 } });
    expect(ids(f, 'PGV060')).toEqual(['7:14 PGV060 warning', '15:15 PGV060 info']);
    expect(f.find((x) => x.severity === 'warning' && x.ruleId === 'PGV060')!.message).toBe('--pg-version 16 disagrees with the document, which runs PostgreSQL 17 (image tag: ghcr.io/cloudnative-pg/postgresql:17.2): checked against 16');
    expect(ids(check(doc, { version: 17, host: { ramBytes: 4 * 1024 ** 3 } }), 'PGV060')).toEqual([]);
  });
});

describe('PGO', () => {
  test("spec.config.parameters: PGO's CEL rules refuse operator-owned names", () => {
    const doc = `apiVersion: postgres-operator.crunchydata.com/v1beta1
kind: PostgresCluster
metadata:
  name: hippo
spec:
  postgresVersion: 16
  instances:
    - name: a
      replicas: 2
  config:
    parameters:
      port: 5433
      ssl_groups: "X25519"
      work_mem: 8MB
`;
    const f = check(doc);
    expect(ids(f, 'PGV050')).toEqual(['12:7 PGV050 error']);
    expect(f[0]!.message).toBe("port = '5433': rejected by the API server (PGO's CEL rule): change port using .spec.port instead");
  });
});

describe('WAL sizes against the volume (PGV059) outside CloudNativePG', () => {
  test("the defaults on an example's 1Gi volume are not a finding; a size the document sets, or a wal_keep_size that alone does not fit, is", () => {
    // the upstream Zalando, CNPG and PGO examples: 1GB max_wal_size (a soft target) with 1Gi
    expect(ids(check(zalando('      work_mem: "8MB"').replace('size: 20Gi', 'size: 1Gi')), 'PGV059')).toEqual([]);
    const set = check(zalando('      max_wal_size: "2GB"').replace('size: 20Gi', 'size: 1Gi'));
    expect(ids(set, 'PGV059')).toEqual(['10:21 PGV059 warning']);
    expect(set.find((x) => x.ruleId === 'PGV059')).toMatchObject({ messageId: 'volume', data: { max: '2GB', keep: '128MB', total: '2176MB', kind: 'data', volume: '1Gi' } });
    // 1GB on 2Gi fits; the boundary is the volume itself
    expect(ids(check(zalando('      max_wal_size: "1GB"').replace('size: 20Gi', 'size: 2Gi')), 'PGV059')).toEqual([]);
    expect(ids(check(zalando('      max_wal_size: "1920MB"').replace('size: 20Gi', 'size: 2Gi')), 'PGV059')).toEqual(['10:21 PGV059 warning']);
    expect(ids(check(zalando('      wal_keep_size: "2GB"').replace('size: 20Gi', 'size: 1Gi')), 'PGV059')).toEqual(['10:22 PGV059 warning']);
  });
});

describe('shared_preload_libraries per platform', () => {
  test("StackGres: a user list replaces the operator's pg_stat_statements, auto_explain", () => {
    const doc = (libs: string): string => `apiVersion: stackgres.io/v1\nkind: SGPostgresConfig\nmetadata:\n  name: c\nspec:\n  postgresVersion: "16"\n  postgresql.conf:\n    shared_preload_libraries: "${libs}"\n`;
    const f = check(doc('pg_repack'));
    expect(ids(f, 'PGV051')).toEqual(['8:31 PGV051 warning']);
    expect(f.find((x) => x.ruleId === 'PGV051')).toMatchObject({ messageId: 'preloadReplaced', data: { lost: 'pg_stat_statements, auto_explain' } });
    expect(ids(check(doc('pg_stat_statements,auto_explain,pg_repack')), 'PGV051')).toEqual([]);
  });
  test("RDS: a custom group's list replaces the default group's pg_stat_statements", () => {
    const rds = (libs: string): string => `resource "aws_db_parameter_group" "pg" {\n  family = "postgres16"\n  parameter {\n    name  = "shared_preload_libraries"\n    value = "${libs}"\n    apply_method = "pending-reboot"\n  }\n}\n`;
    const f = check(rds('pg_cron'));
    expect(f.find((x) => x.ruleId === 'PGV051')).toMatchObject({ line: 5, messageId: 'preloadReplaced', data: { platform: 'Amazon RDS', lost: 'pg_stat_statements' } });
    expect(ids(check(rds('pg_stat_statements,pg_cron')), 'PGV051')).toEqual([]);
  });
  test('Cloud SQL: shared_preload_libraries is not a flag; the cloudsql.enable_* flags load the libraries', () => {
    const gcp = (name: string, value: string): string => `resource "google_sql_database_instance" "m" {\n  database_version = "POSTGRES_16"\n  settings {\n    tier = "db-custom-2-7680"\n    database_flags {\n      name  = "${name}"\n      value = "${value}"\n    }\n  }\n}\n`;
    const f = check(gcp('shared_preload_libraries', 'pg_cron'));
    expect(ids(f, 'PGV050')).toEqual(['6:15 PGV050 error']);
    expect(f.find((x) => x.ruleId === 'PGV050')!.message).toBe("shared_preload_libraries = 'pg_cron': Cloud SQL does not take shared_preload_libraries as a database flag: it loads a supported library when its cloudsql.enable_* flag is on (pg_cron: cloudsql.enable_pg_cron = on)");
    expect(ids(check(gcp('cloudsql.enable_pg_cron', 'on')), 'PGV050')).toEqual([]);
  });
});

describe('Cloud SQL and Azure flexible server', () => {
  const azure = (name: string, value: string): string => `resource "azurerm_postgresql_flexible_server" "s" {\n  version  = "16"\n  sku_name = "GP_Standard_D4ds_v4"\n}\nresource "azurerm_postgresql_flexible_server_configuration" "c" {\n  name      = "${name}"\n  server_id = azurerm_postgresql_flexible_server.s.id\n  value     = "${value}"\n}\n`;
  test('Azure refuses max_connections outside allowedValues 25-5000, on both sides', () => {
    for (const v of ['24', '5001']) expect(ids(check(azure('max_connections', v)), 'PGV050')).toEqual(['8:15 PGV050 error']);
    for (const v of ['25', '5000']) expect(ids(check(azure('max_connections', v)), 'PGV050')).toEqual([]);
  });
  test('a parameter PostgreSQL reads only at start restarts the server (info); a reloadable one does not', () => {
    const f = check(azure('shared_buffers', '262144'));
    expect(ids(f, 'PGV057')).toEqual(['6:15 PGV057 info']);
    expect(f.find((x) => x.ruleId === 'PGV057')).toMatchObject({ messageId: 'restart', data: { name: 'shared_buffers', context: 'postmaster' } });
    expect(ids(check(azure('work_mem', '65536')), 'PGV057')).toEqual([]);
    const gcp = `resource "google_sql_database_instance" "m" {\n  database_version = "POSTGRES_16"\n  settings {\n    tier = "db-custom-2-7680"\n    database_flags {\n      name  = "max_connections"\n      value = "400"\n    }\n  }\n}\n`;
    expect(ids(check(gcp), 'PGV057')).toEqual(['6:15 PGV057 info']);
    expect(ids(check(gcp.replace('max_connections', 'work_mem')), 'PGV057')).toEqual([]);
  });
});
