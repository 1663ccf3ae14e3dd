/**
 * Building a Host from flags, from a JSON file (validated by host.schema.json) or from this
 * machine (`--host auto`, see auto.ts).
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { PACKAGE_ROOT } from '../paths.js';
import { readJsonFile, readPackageJson } from '../io/json.js';
import { parseCores, parseCount, parseSize } from './units.js';
import { FILESYSTEMS, HostError, STORAGE_KINDS, WORKLOADS, type Filesystem, type Host, type Storage, type ThpMode, type Workload } from './types.js';

export const HOST_SCHEMA_PATH = path.join(PACKAGE_ROOT, 'src', 'host', 'host.schema.json');

export interface HostFlags {
  ram?: string | number;
  cores?: string | number;
  storage?: string;
  workload?: string;
  connections?: string | number;
  replicas?: string | number;
  walVolume?: string | number;
  filesystem?: string;
}

/**
 * The largest host pgvet sizes for. Beyond these a value is a typo or an overflow, not a machine
 * (the largest single systems sold have a few thousand cores and tens of TB of RAM), and the
 * formulas would only be capped at the parameters' maxima anyway. host.schema.json states the same
 * maxima for the numbers in a host file.
 */
export const HOST_LIMITS = {
  ramBytes: 2 ** 50,
  cores: 100_000,
  connections: 100_000_000,
  replicas: 1_000_000,
} as const;

const LIMIT_TEXT: Record<keyof typeof HOST_LIMITS, string> = { ramBytes: '1024TB', cores: '100000', connections: '100000000', replicas: '1000000' };

/** The first field of `host` over HOST_LIMITS, with the phrase that says so. */
function overLimit(host: Host): { field: keyof typeof HOST_LIMITS; why: string } | null {
  for (const field of Object.keys(HOST_LIMITS) as Array<keyof typeof HOST_LIMITS>) {
    const v = host[field];
    if (v !== undefined && v > HOST_LIMITS[field]) return { field, why: `more than ${LIMIT_TEXT[field]}, the largest host pgvet sizes for` };
  }
  return null;
}

const FLAG_OF: Record<keyof typeof HOST_LIMITS, string> = { ramBytes: '--ram', cores: '--cores', connections: '--connections', replicas: '--replicas' };
const FIELD_OF: Record<keyof typeof HOST_LIMITS, string> = { ramBytes: 'ram', cores: 'cores', connections: 'connections', replicas: 'replicas' };

function pickEnum<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new HostError(`invalid ${what} "${value}": must be one of ${allowed.join(', ')}`);
}

/** A Host from --ram --cores --storage --workload --connections --replicas. Throws HostError. */
export function hostFromFlags(flags: HostFlags): Host {
  const host: Host = { source: 'flags' };
  if (flags.ram !== undefined) host.ramBytes = parseSize(flags.ram);
  if (flags.cores !== undefined) host.cores = parseCores(flags.cores);
  if (flags.storage !== undefined) host.storage = pickEnum<Storage>(flags.storage, STORAGE_KINDS, '--storage');
  if (flags.workload !== undefined) host.workload = pickEnum<Workload>(flags.workload, WORKLOADS, '--workload');
  if (flags.connections !== undefined) host.connections = parseCount(flags.connections, '--connections', 1);
  if (flags.replicas !== undefined) host.replicas = parseCount(flags.replicas, '--replicas', 0);
  if (flags.walVolume !== undefined) host.walVolumeBytes = parseSize(flags.walVolume);
  if (flags.filesystem !== undefined) host.filesystem = pickEnum<Filesystem>(flags.filesystem, FILESYSTEMS, '--filesystem');
  const over = overLimit(host);
  if (over) throw new HostError(`invalid ${FLAG_OF[over.field]} "${String(flags[FIELD_OF[over.field] as keyof HostFlags])}": ${over.why}`);
  return host;
}

/** Flags given next to a host file or `auto` override what it says. */
export function mergeHost(base: Host, flags: Host): Host {
  const out: Host = { ...base };
  for (const [k, v] of Object.entries(flags)) {
    if (k === 'source' || v === undefined) continue;
    (out as unknown as Record<string, unknown>)[k] = v;
  }
  return out;
}

let validator: ValidateFunction | undefined;

function validate(): ValidateFunction {
  if (validator) return validator;
  // ajv is CommonJS; loaded on demand so that commands without a host file never pay for it.
  const require = createRequire(import.meta.url);
  const Ajv = require('ajv') as typeof import('ajv').default;
  const ajv = new Ajv({ allErrors: false, strict: true });
  validator = ajv.compile(readPackageJson<object>(HOST_SCHEMA_PATH));
  return validator;
}

/** A Host from a JSON file. Throws InputError(file, one line naming the file, the line and the bad field). */
export function hostFromFile(file: string): Host {
  const json = readJsonFile<unknown>(file, { what: 'host file', schema: { validator: validate, schema: () => readPackageJson<object>(HOST_SCHEMA_PATH) } });
  const data = json.data;
  const d = data as { ram?: string | number; cores?: string | number; storage?: Storage; workload?: Workload; connections?: number; replicas?: number; containerLimited?: boolean; hugePages?: boolean | number; transparentHugePages?: ThpMode; walVolume?: string | number; filesystem?: Filesystem; overcommitMemory?: number; overcommitRatio?: number };
  const host: Host = { source: 'file' };
  try {
    if (d.ram !== undefined) host.ramBytes = parseSize(d.ram);
    if (d.cores !== undefined) host.cores = parseCores(d.cores);
  } catch (err) {
    if (err instanceof HostError) throw json.error([d.ram !== undefined && /size/.test(err.message) ? 'ram' : 'cores'], err.message);
    throw err;
  }
  if (d.storage !== undefined) host.storage = d.storage;
  if (d.workload !== undefined) host.workload = d.workload;
  if (d.connections !== undefined) host.connections = d.connections;
  if (d.replicas !== undefined) host.replicas = d.replicas;
  if (d.containerLimited !== undefined) host.containerLimited = d.containerLimited;
  if (d.hugePages !== undefined) host.hugePages = d.hugePages;
  if (d.transparentHugePages !== undefined) host.transparentHugePages = { enabled: d.transparentHugePages };
  if (d.walVolume !== undefined) {
    try {
      host.walVolumeBytes = parseSize(d.walVolume);
    } catch (err) {
      if (err instanceof HostError) throw json.error(['walVolume'], err.message);
      throw err;
    }
  }
  if (d.filesystem !== undefined) host.filesystem = d.filesystem;
  if (d.overcommitMemory !== undefined) host.overcommitMemory = d.overcommitMemory;
  if (d.overcommitRatio !== undefined) host.overcommitRatio = d.overcommitRatio;
  const over = overLimit(host);
  if (over) throw json.error([FIELD_OF[over.field]], over.why);
  return host;
}
