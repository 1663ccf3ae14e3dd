/** What `pgvet plan` reads from the live server, in one short read-only session. */
import type { PgClientConfig } from './conninfo.js';

export interface LiveSetting {
  name: string;
  setting: string;
  unit: string | null;
  context: string;
  vartype: string;
  source: string;
  sourcefile: string | null;
  sourceline: number | null;
  pendingRestart: boolean;
  bootVal: string | null;
}

export interface FileSettingRow {
  sourcefile: string | null;
  sourceline: number | null;
  name: string;
  setting: string | null;
  applied: boolean;
  error: string | null;
}

export interface LiveServer {
  versionNum: number;
  version: string;
  standby: boolean;
  configFile: string;
  settings: Map<string, LiveSetting>;
  /** pg_file_settings, or null when this role may not read it. */
  fileSettings: FileSettingRow[] | null;
  /** Values ALTER SYSTEM put in postgresql.auto.conf, by lower-case name (the last one wins). */
  alterSystem: Map<string, { value: string; line: number | null }>;
  clientBackends: number;
  /** SHOW shared_memory_size (15+), in MB. */
  sharedMemoryMB: number | null;
}

interface QueryClient {
  query<R>(sql: string): Promise<{ rows: R[] }>;
  end(): Promise<void>;
}

/** Read everything plan needs; throws the driver's error when the server cannot be reached. */
export async function readLiveServer(config: PgClientConfig): Promise<LiveServer> {
  const pg = (await import('pg')).default;
  const client = new pg.Client(config) as unknown as QueryClient & { connect(): Promise<void> };
  await client.connect();
  try {
    const [info] = (
      await client.query<{ num: string; version: string; standby: boolean; config_file: string }>(
        "SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS version, pg_is_in_recovery() AS standby, current_setting('config_file') AS config_file",
      )
    ).rows;
    const settings = new Map<string, LiveSetting>();
    const rows = (
      await client.query<{ name: string; setting: string; unit: string | null; context: string; vartype: string; source: string; sourcefile: string | null; sourceline: number | null; pending_restart: boolean; boot_val: string | null }>(
        'SELECT name, setting, unit, context, vartype, source, sourcefile, sourceline, pending_restart, boot_val FROM pg_settings',
      )
    ).rows;
    for (const r of rows) {
      settings.set(r.name.toLowerCase(), {
        name: r.name,
        setting: r.setting,
        unit: r.unit,
        context: r.context,
        vartype: r.vartype,
        source: r.source,
        sourcefile: r.sourcefile,
        sourceline: r.sourceline,
        pendingRestart: r.pending_restart,
        bootVal: r.boot_val,
      });
    }
    let fileSettings: FileSettingRow[] | null = null;
    try {
      fileSettings = (await client.query<FileSettingRow>('SELECT sourcefile, sourceline, name, setting, applied, error FROM pg_file_settings ORDER BY seqno')).rows;
    } catch {
      fileSettings = null; // needs superuser or pg_read_all_settings
    }
    const alterSystem = new Map<string, { value: string; line: number | null }>();
    for (const f of fileSettings ?? []) {
      if (f.sourcefile?.endsWith('/postgresql.auto.conf') && f.setting !== null) alterSystem.set(f.name.toLowerCase(), { value: f.setting, line: f.sourceline });
    }
    const [{ n }] = (await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'client backend'")).rows as [{ n: string }];
    const shm = (await client.query<{ mb: string | null }>("SELECT current_setting('shared_memory_size', true) AS mb")).rows[0]?.mb ?? null;
    return {
      versionNum: Number(info!.num),
      version: info!.version,
      standby: info!.standby,
      configFile: info!.config_file,
      settings,
      fileSettings,
      alterSystem,
      clientBackends: Number(n),
      sharedMemoryMB: shm === null || shm === '' ? null : parseInt(shm, 10),
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}
