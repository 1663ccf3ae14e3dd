/** Lint a case held in memory. */
import type { Host } from '../../src/host/types.js';
import type { PgMajor } from '../../src/catalog/types.js';
import { analyze, type AnalyzeOptions, type Analysis } from '../../src/analyze.js';
import { RULES } from '../../rules/index.js';

export type FileLint = Analysis;

/** The whole pipeline with every rule (what `pgvet lint` runs on one file). */
export function lintFile(path: string, options: Omit<AnalyzeOptions, 'rules'> & { rules?: AnalyzeOptions['rules'] }): Analysis {
  return analyze(path, { rules: RULES, ...options });
}
import { parseHba, type HbaRef } from '../../src/parse/hba.js';
import { CASE_ROOT, memoryReader } from './memfs.js';
import type { FileReader } from '../../src/resolve/load.js';

export interface LintTextOptions {
  host?: Partial<Host>;
  hba?: string;
  today?: string;
  serverVersion?: string;
}

export function lintText(conf: string, version: PgMajor, files: Record<string, string> = {}, options: LintTextOptions = {}): FileLint {
  return lintFile(`${CASE_ROOT}/postgresql.conf`, {
    version,
    reader: memoryReader({ 'postgresql.conf': conf, ...files }),
    cwd: CASE_ROOT,
    ...(options.host ? { host: options.host } : {}),
    ...(options.hba !== undefined ? { hba: memoryHba(options.hba, files) } : {}),
    ...(options.today ? { today: options.today } : {}),
    ...(options.serverVersion ? { serverVersion: options.serverVersion } : {}),
  });
}

/** A case's pg_hba.conf at /case/pg_hba.conf; the case's other files are what it may include. */
export function memoryHba(text: string, files: Record<string, string> = {}): ReturnType<typeof parseHba> {
  const reader: FileReader = memoryReader(files);
  const ref = (p: string): HbaRef => {
    const kind = reader.kind(p);
    if (kind === 'file') return { kind: 'file', text: new TextDecoder().decode(reader.readFile(p)) };
    if (kind === 'dir') return { kind: 'dir', entries: reader.readDir(p).map((name) => ({ name, kind: reader.kind(`${p}/${name}`) === 'dir' ? ('dir' as const) : ('file' as const) })) };
    return { kind: 'missing' };
  };
  return parseHba(text, 'pg_hba.conf', { absPath: `${CASE_ROOT}/pg_hba.conf`, reader: ref });
}

/** `server=17.4` in a README example's fence: the live server's version (PGV803). */
export function serverFromFence(info: string): string | undefined {
  return /server=(\S+)/.exec(info)?.[1];
}

/** `today=YYYY-MM-DD` in a README example's fence (the lifecycle rules). */
export function todayFromFence(info: string): string | undefined {
  return /today=(\d{4}-\d{2}-\d{2})/.exec(info)?.[1];
}

const UNITS: Record<string, number> = { kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

/**
 * Host facts written in a README example's fence: ```conf bad host=ram:16GB,cores:4,storage:ssd
 * (keys: ram, cores, storage, workload, connections, replicas, processLimit).
 */
export function hostFromFence(info: string): Partial<Host> | undefined {
  const m = /host=(\S+)/.exec(info);
  if (!m) return undefined;
  const host: Record<string, unknown> = {};
  for (const pair of m[1]!.split(',')) {
    const [k, v = ''] = pair.split(':');
    if (k === 'ram') {
      const n = /^(\d+(?:\.\d+)?)(kB|MB|GB|TB)$/.exec(v);
      if (!n) throw new Error(`bad ram in fence: ${v}`);
      host.ramBytes = Number(n[1]) * UNITS[n[2]!]!;
    } else if (k === 'walVolume') {
      const n = /^(\d+(?:\.\d+)?)(kB|MB|GB|TB)$/.exec(v);
      if (!n) throw new Error(`bad walVolume in fence: ${v}`);
      host.walVolumeBytes = Number(n[1]) * UNITS[n[2]!]!;
    } else if (k === 'overcommitMemory' || k === 'overcommitRatio') host[k] = Number(v);
    else if (k === 'thp') host.transparentHugePages = { enabled: v };
    else if (k === 'filesystem') host.filesystem = v;
    else if (k === 'cores' || k === 'connections' || k === 'replicas' || k === 'processLimit') host[k] = Number(v);
    else if (k === 'storage' || k === 'workload') host[k] = v;
    else throw new Error(`unknown host key in fence: ${k}`);
  }
  return host as Partial<Host>;
}
