/**
 * A live-server snapshot: what `pgvet plan` reads from a server (src/plan/live.ts LiveServer)
 * and how it names the connection, as a JSON file, so that a plan can be rendered without a
 * server (the plan golden, test/golden.test.ts). Snapshots are captured from real servers by
 * scripts/capture-live.ts; this module only writes and reads the file format, and says which
 * parts of a snapshot the plan depends on (planRelevant: what the servers test compares).
 *
 * The file: one setting per line (pg_settings order), so that a new server release shows up as
 * a readable diff. Maps of LiveServer become a list (settings) and an object (alterSystem).
 */
import type { FileSettingRow, LiveServer, LiveSetting } from '../../src/plan/live.js';

export interface LiveSnapshot {
  /** How the snapshot was made (the script, the server package) and what was normalised. */
  about: { capturedBy: string; package: string; normalised: string };
  /** How plan names the connection (src/plan/conninfo.ts describe). */
  description: string;
  server: LiveServer;
}

interface SnapshotFile {
  about: LiveSnapshot['about'];
  description: string;
  versionNum: number;
  version: string;
  standby: boolean;
  configFile: string;
  clientBackends: number;
  sharedMemoryMB: number | null;
  alterSystem: Record<string, { value: string; line: number | null }>;
  fileSettings: FileSettingRow[] | null;
  settings: LiveSetting[];
}

/** The snapshot as the committed file's text. */
export function formatSnapshot(s: LiveSnapshot): string {
  const { settings, fileSettings, alterSystem, ...rest } = s.server;
  const head = { about: s.about, description: s.description, ...rest, alterSystem: Object.fromEntries(alterSystem) };
  const list = (rows: readonly object[] | null): string => (rows === null ? 'null' : rows.length === 0 ? '[]' : `[\n${rows.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]`);
  const headText = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${headText},\n  "fileSettings": ${list(fileSettings)},\n  "settings": ${list([...settings.values()])}\n}\n`;
}

/** A snapshot file's text, back as a LiveServer; throws on a file that is not one. */
export function parseSnapshot(text: string, name: string): LiveSnapshot {
  const f = JSON.parse(text) as SnapshotFile;
  if (typeof f.versionNum !== 'number' || !Array.isArray(f.settings) || typeof f.description !== 'string' || typeof f.alterSystem !== 'object') {
    throw new Error(`${name}: not a live-server snapshot (scripts/capture-live.ts writes them)`);
  }
  return {
    about: f.about,
    description: f.description,
    server: {
      versionNum: f.versionNum,
      version: f.version,
      standby: f.standby,
      configFile: f.configFile,
      settings: new Map(f.settings.map((r) => [r.name.toLowerCase(), r])),
      fileSettings: f.fileSettings,
      alterSystem: new Map(Object.entries(f.alterSystem)),
      clientBackends: f.clientBackends,
      sharedMemoryMB: f.sharedMemoryMB,
    },
  };
}

/**
 * What of a snapshot the plan (src/plan/plan.ts) and its report read: everything but the
 * settings of context internal, which plan skips (huge_pages_status and
 * shared_memory_size_in_huge_pages also depend on the machine's huge pages), and the text of
 * `about`. A fresh capture must agree with the committed snapshot on all of it.
 */
export function planRelevant(s: LiveSnapshot): object {
  const { settings, alterSystem, ...rest } = s.server;
  return {
    description: s.description,
    package: s.about.package,
    ...rest,
    alterSystem: Object.fromEntries(alterSystem),
    settings: [...settings.values()].filter((r) => r.context !== 'internal'),
  };
}
