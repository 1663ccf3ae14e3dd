/**
 * `tune` and `simulate` on carriers: the document's host and version, and `tune --diff/--write`
 * as byte splices into the manifest's parameter map — every byte but the changed values and the
 * added lines stays the original's (comments, key order, quoting style, line ends).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planCarrierEdit, toolInput } from '../../src/carriers/tool.js';
import { PACKAGE_ROOT } from '../../src/paths.js';

const BIN = path.join(PACKAGE_ROOT, 'bin', 'pgvet.js');
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvet-carrier-tool-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function pgvet(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60000 });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

const ZALANDO = `# the team's cluster
apiVersion: acid.zalan.do/v1
kind: postgresql
metadata:
  name: acid-orders
spec:
  numberOfInstances: 2
  postgresql:
    version: "16"
    parameters:
      max_connections: "10"    # too few, Patroni says
      log_statement: 'ddl'
      work_mem: "4MB"
  resources:
    limits:
      memory: 4Gi
      cpu: "2"
    requests:
      memory: 4Gi
      cpu: "2"
  volume:
    size: 50Gi
`;

function write(name: string, text: string | Buffer): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

test('existing values are replaced in their own quoting style, new ones added after the last entry in the map style; nothing else moves', () => {
  const p = write('orders.yaml', ZALANDO);
  const plan = planCarrierEdit(p, [
    { name: 'max_connections', value: '100' },
    { name: 'log_statement', value: 'mod' },
    { name: 'shared_buffers', value: '1GB' },
    { name: 'effective_cache_size', value: '3GB' },
  ]);
  expect(plan.skipped).toEqual([]);
  expect(Buffer.from(plan.after).toString('utf8')).toBe(
    ZALANDO.replace('max_connections: "10"    #', 'max_connections: "100"    #')
      .replace("log_statement: 'ddl'", "log_statement: 'mod'")
      .replace('      work_mem: "4MB"\n', '      work_mem: "4MB"\n      shared_buffers: "1GB"\n      effective_cache_size: "3GB"\n'),
  );
  expect(Buffer.from(plan.before).toString('utf8')).toBe(ZALANDO);
});

test('a value the platform would not apply is left out, with why (CloudNativePG owns port; Patroni replaces 10)', () => {
  const cnpg = write('cnpg.yaml', 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: db\nspec:\n  instances: 3\n  postgresql:\n    parameters:\n      work_mem: "4MB"\n');
  const plan = planCarrierEdit(cnpg, [{ name: 'port', value: '5433' }, { name: 'work_mem', value: '8MB' }]);
  expect(plan.skipped.map((s) => s.name)).toEqual(['port']);
  expect(plan.skipped[0]!.why).toMatch(/^rejected by the CloudNativePG webhook: "Can't set fixed configuration parameter"/);
  expect(Buffer.from(plan.after).toString('utf8')).toContain('      work_mem: "8MB"\n');
  expect(Buffer.from(plan.after).toString('utf8')).not.toContain('port');
  const z = write('z.yaml', ZALANDO);
  const zp = planCarrierEdit(z, [{ name: 'max_connections', value: '20' }]);
  expect(zp.skipped).toEqual([{ name: 'max_connections', why: 'Patroni logs "postgresql parameter max_connections=20 failed validation, defaulting to 100" and uses 100 (its minimum is 25)' }]);
  expect(Buffer.from(zp.after).equals(Buffer.from(zp.before))).toBe(true);
});

test('CRLF line ends and a byte order mark are kept; a plain value stays plain where the carrier allows it', () => {
  const patroni = 'scope: demo\r\nbootstrap:\r\n  dcs:\r\n    postgresql:\r\n      parameters:\r\n        work_mem: 4MB\r\n        max_connections: 200\r\npostgresql:\r\n  bin_dir: /usr/lib/postgresql/16/bin\r\n';
  const p = write('patroni.yml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(patroni)]));
  const plan = planCarrierEdit(p, [{ name: 'work_mem', value: '16MB' }, { name: 'max_connections', value: '300' }, { name: 'jit', value: 'off' }]);
  expect(plan.skipped).toEqual([]);
  const expected = patroni.replace('work_mem: 4MB', 'work_mem: 16MB').replace('max_connections: 200\r\n', 'max_connections: 300\r\n        jit: "off"\r\n');
  expect(Buffer.from(plan.after).equals(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(expected)]))).toBe(true);
});

describe('carriers without a YAML parameter map: values replaced as tokens, new entries cloned from the last one', () => {
  const text = (plan: { after: Uint8Array }): string => Buffer.from(plan.after).toString('utf8');

  test('Terraform (RDS): values in the base unit, quoting kept; a new static parameter gets pending-reboot, a dynamic one not; an expression is left alone', () => {
    const tf = 'resource "aws_db_parameter_group" "pg" {\n  family = "postgres16"\n\n  # sorts\n  parameter {\n    name  = "work_mem"\n    value = "4096"\n  }\n\n  parameter {\n    name  = "maintenance_work_mem"\n    value = var.mwm\n  }\n}\n';
    const plan = planCarrierEdit(write('rds.tf', tf), [{ name: 'work_mem', value: '8MB' }, { name: 'shared_buffers', value: '4GB' }, { name: 'effective_cache_size', value: '12GB' }, { name: 'maintenance_work_mem', value: '1GB' }]);
    expect(plan.skipped).toEqual([{ name: 'maintenance_work_mem', why: 'maintenance_work_mem at 12:13 is an expression (var.mwm): change what it refers to' }]);
    expect(text(plan)).toBe(
      tf.replace('value = "4096"', 'value = "8192"').replace(
        '    value = var.mwm\n  }\n',
        '    value = var.mwm\n  }\n\n  parameter {\n    name  = "shared_buffers"\n    value = "524288"\n    apply_method = "pending-reboot"\n  }\n\n  parameter {\n    name  = "effective_cache_size"\n    value = "1572864"\n  }\n',
      ),
    );
  });

  test('Terraform (RDS): booleans as 1/0, as RDS parameter groups type them', () => {
    const tf = 'resource "aws_db_parameter_group" "pg" {\n  family = "postgres16"\n  parameter {\n    name  = "log_connections"\n    value = "0"\n  }\n}\n';
    const plan = planCarrierEdit(write('rds-bool.tf', tf), [{ name: 'log_connections', value: 'on' }, { name: 'jit', value: 'off' }]);
    expect(plan.skipped).toEqual([]);
    expect(text(plan)).toBe(tf.replace('value = "0"\n  }\n', 'value = "1"\n  }\n\n  parameter {\n    name  = "jit"\n    value = "0"\n  }\n'));
  });

  test('Terraform (Cloud SQL): a database_flags block per new flag, in kB', () => {
    const tf = 'resource "google_sql_database_instance" "m" {\n  database_version = "POSTGRES_16"\n  settings {\n    tier = "db-custom-4-16384"\n    database_flags {\n      name  = "work_mem"\n      value = "4096"\n    }\n  }\n}\n';
    const plan = planCarrierEdit(write('gcp.tf', tf), [{ name: 'work_mem', value: '16MB' }, { name: 'maintenance_work_mem', value: '1GB' }]);
    expect(plan.skipped).toEqual([]);
    expect(text(plan)).toBe(tf.replace('value = "4096"\n    }\n', 'value = "16384"\n    }\n\n    database_flags {\n      name  = "maintenance_work_mem"\n      value = "1048576"\n    }\n'));
  });

  test('compose: -c values replaced, a ${VAR:-default} keeps its variable, new -c lines in the folded command; exec-form lists get new items', () => {
    const yaml = 'services:\n  db:\n    image: postgres:16\n    command: >\n      postgres\n      -c max_connections=${PG_MAX:-150}\n      -c work_mem=4MB\n    mem_limit: 4g\n';
    const plan = planCarrierEdit(write('compose.yaml', yaml), [{ name: 'max_connections', value: '100' }, { name: 'work_mem', value: '8MB' }, { name: 'shared_buffers', value: '1GB' }]);
    expect(plan.skipped).toEqual([]);
    expect(text(plan)).toBe(yaml.replace('${PG_MAX:-150}', '${PG_MAX:-100}').replace('      -c work_mem=4MB\n', '      -c work_mem=8MB\n      -c shared_buffers=1GB\n'));
    const list = 'services:\n  db:\n    image: postgres:16\n    command: ["postgres", "-c", "work_mem=4MB"]\n';
    const lp = planCarrierEdit(write('compose-list.yaml', list), [{ name: 'work_mem', value: '8MB' }, { name: 'shared_buffers', value: '1GB' }]);
    expect(lp.skipped).toEqual([]);
    expect(text(lp)).toBe('services:\n  db:\n    image: postgres:16\n    command: ["postgres", "-c", "work_mem=8MB", "-c", "shared_buffers=1GB"]\n');
    const block = 'services:\n  db:\n    image: postgres:16\n    command:\n      - postgres\n      - -c\n      - work_mem=4MB\n';
    const bp = planCarrierEdit(write('compose-block.yaml', block), [{ name: 'work_mem', value: '8MB' }, { name: 'shared_buffers', value: '1GB' }]);
    expect(bp.skipped).toEqual([]);
    expect(text(bp)).toBe(block.replace('      - work_mem=4MB\n', '      - work_mem=8MB\n      - -c\n      - shared_buffers=1GB\n'));
  });

  test('docker run: one -c per line keeps the continuations; the last line of the command stays the last', () => {
    const sh = '#!/bin/sh\ndocker run -d \\\n  postgres:16 \\\n  -c work_mem=4MB\n';
    const plan = planCarrierEdit(write('run.sh', sh), [{ name: 'work_mem', value: '8MB' }, { name: 'shared_buffers', value: '1GB' }, { name: 'max_wal_size', value: '4GB' }]);
    expect(plan.skipped).toEqual([]);
    expect(text(plan)).toBe('#!/bin/sh\ndocker run -d \\\n  postgres:16 \\\n  -c work_mem=8MB \\\n  -c shared_buffers=1GB \\\n  -c max_wal_size=4GB\n');
  });

  test('Ansible: the item style is kept (flow or block, quoted or plain); new items go to the cluster-wide list', () => {
    const autobase = 'postgresql_parameters:\n  - { option: "work_mem", value: "4MB" }\nlocal_postgresql_parameters:\n  - { option: "max_wal_senders", value: "5" }\n';
    const plan = planCarrierEdit(write('autobase.yml', autobase), [{ name: 'work_mem', value: '8MB' }, { name: 'max_wal_size', value: '4GB' }], { carrier: 'ansible-autobase' });
    expect(plan.skipped).toEqual([]);
    expect(text(plan)).toBe(autobase.replace('value: "4MB" }\n', 'value: "8MB" }\n  - { option: "max_wal_size", value: "4GB" }\n'));
    const geerling = 'postgresql_global_config_options:\n  - option: work_mem\n    value: 4MB\n';
    const gp = planCarrierEdit(write('geerling.yml', geerling), [{ name: 'work_mem', value: '8MB' }, { name: 'max_wal_size', value: '4GB' }], { carrier: 'ansible-geerlingguy' });
    expect(gp.skipped).toEqual([]);
    expect(text(gp)).toBe('postgresql_global_config_options:\n  - option: work_mem\n    value: 8MB\n  - option: max_wal_size\n    value: 4GB\n');
  });

  test("Bitnami: the embedded conf text is edited in place (its own quotes kept), new lines at its indentation; a value needing quotes there is left out, with why", () => {
    const values = "primary:\n  extendedConfiguration: |-\n    max_connections = 300\n    work_mem = '8MB'   # per sort\n  resources:\n    limits:\n      memory: 2Gi\n";
    const plan = planCarrierEdit(write('values.yaml', values), [{ name: 'max_connections', value: '100' }, { name: 'work_mem', value: '16MB' }, { name: 'max_wal_size', value: '4GB' }], { carrier: 'helm-bitnami' });
    expect(plan.skipped).toEqual([]);
    expect(text(plan)).toBe("primary:\n  extendedConfiguration: |-\n    max_connections = 100\n    work_mem = '16MB'   # per sort\n    max_wal_size = 4GB\n  resources:\n    limits:\n      memory: 2Gi\n");
    const quoted = planCarrierEdit(write('values2.yaml', values), [{ name: 'log_line_prefix', value: '%m [%p] ' }], { carrier: 'helm-bitnami' });
    expect(quoted.skipped).toEqual([{ name: 'log_line_prefix', why: 'log_line_prefix: %m [%p]  needs quotes inside the embedded text; add it by hand' }]);
  });
});

test('toolInput: the effective configuration, the version and the host the document states', () => {
  const p = write('orders2.yaml', ZALANDO);
  const t = toolInput(p);
  expect(t.major).toBe(16);
  expect(t.host).toEqual({ ramBytes: 4 * 1024 ** 3, cores: 2, replicas: 1, containerLimited: true });
  expect(t.text).toContain("max_connections = '100'\n");
});

describe('the CLI', () => {
  test('tune --write on Terraform and compose: through a backup, the result lints without a platform error; --carrier reads any file name, for tune and simulate', () => {
    const tf = write('write.tf', 'resource "google_sql_database_instance" "m" {\n  database_version = "POSTGRES_16"\n  settings {\n    tier = "db-custom-2-7680"\n    database_flags {\n      name  = "work_mem"\n      value = "4096"\n    }\n  }\n}\n');
    const before = fs.readFileSync(tf, 'utf8');
    const r = pgvet(['tune', tf, '--write', '--yes']);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(`${tf}.bak`, 'utf8')).toBe(before);
    expect(fs.readFileSync(tf, 'utf8')).toMatch(/database_flags \{\n {6}name {2}= "shared_buffers"\n {6}value = "\d+"\n {4}\}/);
    const lint = JSON.parse(pgvet(['lint', tf, '--format', 'json']).stdout) as { findings: Array<{ ruleId: string; severity: string }> };
    expect(lint.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const odd = write('db.txt', 'services:\n  db:\n    image: postgres:16\n    command: postgres -c work_mem=4MB\n    mem_limit: 2g\n    cpus: 2\n');
    const sim = pgvet(['simulate', odd, '--carrier', 'compose']);
    expect(sim.stdout).toMatch(/^.*db\.txt: PostgreSQL 16, primary/);
    const diff = pgvet(['tune', odd, '--carrier', 'compose', '--diff']);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toMatch(/^\+ {4}command: postgres -c work_mem=\S+ -c shared_buffers=\S+/m);
    // without --carrier a .txt file is a postgresql.conf
    expect(pgvet(['simulate', odd]).stdout).not.toMatch(/PostgreSQL 16, primary/);
  });

  test('tune FILE --diff: a unified diff of the manifest, the host from the document (no --ram/--cores)', () => {
    const p = write('diff.yaml', ZALANDO);
    const r = pgvet(['tune', p, '--diff']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(`--- a/${p}\n+++ b/${p}\n@@ `)).toBe(true);
    // (issue 14: shared_buffers is no longer in the diff: the operator's own 1GB, 25% of 4Gi, is inside the band and stays)
    expect(r.stdout).toMatch(/^\+ {6}checkpoint_timeout: "15min"$/m);
    expect(r.stdout).not.toMatch(/^\+ {6}shared_buffers:/m);
    // the file is untouched
    expect(fs.readFileSync(p, 'utf8')).toBe(ZALANDO);
  });

  test('tune FILE --write --yes: written through a backup; the backup holds the original bytes; the result lints without errors', () => {
    const p = write('write.yaml', ZALANDO);
    const r = pgvet(['tune', p, '--write', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*write\.yaml \(backup: .*write\.yaml\.bak\)$/m);
    expect(fs.readFileSync(`${p}.bak`, 'utf8')).toBe(ZALANDO);
    const after = fs.readFileSync(p, 'utf8');
    expect(after).toContain('      max_connections: "');
    expect(after.startsWith('# the team\'s cluster\n')).toBe(true);
    // only lines inside spec.postgresql.parameters changed or were added
    const before = ZALANDO.split('\n');
    const now = after.split('\n');
    expect(now.slice(0, 10)).toEqual(before.slice(0, 10));
    expect(now.slice(-10)).toEqual(before.slice(-10));
    const lint = pgvet(['lint', p, '--format', 'json']);
    expect((JSON.parse(lint.stdout) as { findings: Array<{ severity: string }> }).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('simulate FILE uses the document host and version; --pg-version that disagrees is said', () => {
    const p = write('sim.yaml', ZALANDO);
    const r = pgvet(['simulate', p]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`${p}: PostgreSQL 16, primary, mixed workload, host 4GB RAM, 2 cores, container limits`);
    const flagged = pgvet(['simulate', p, '--pg-version', '17', '--ram', '8GB']);
    expect(flagged.stderr).toContain(`note: --pg-version 17 disagrees with ${p}, which runs PostgreSQL 16: simulated for 17`);
    expect(flagged.stderr).toContain(`note: --ram 8GB disagrees with ${p} (4GB): the flag wins`);
    expect(flagged.stdout.split('\n')[0]).toMatch(/PostgreSQL 17, .*host 8GB RAM/);
  });

  test('simulate FILE: what the platform or PostgreSQL refuses is reported at the manifest line, exit 1', () => {
    const p = write('refused.yaml', 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: db\nspec:\n  instances: 1\n  imageName: ghcr.io/cloudnative-pg/postgresql:17.2\n  postgresql:\n    parameters:\n      port: "5433"\n      work_mem: "4MB"\n  resources:\n    limits:\n      memory: 2Gi\n      cpu: "1"\n');
    const r = pgvet(['simulate', p, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { pgVersion: number; pgVersionSource: string; refusals: Array<{ ruleId: string; file: string; line: number }> };
    expect(report.pgVersion).toBe(17);
    expect(report.pgVersionSource).toBe('document');
    expect(report.refusals).toEqual([expect.objectContaining({ ruleId: 'PGV050', file: p, line: 10 })]);
    expect(pgvet(['simulate', write('fine.yaml', fs.readFileSync(p, 'utf8').replace('      port: "5433"\n', ''))]).code).toBe(0);
  });
});
