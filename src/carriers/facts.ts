/**
 * Platform facts: what each operator, chart, image or service adds, forces, refuses or drops,
 * per version, each with the source it was read from (src/carriers/platforms/*.json) — and the
 * host sizes of managed-service instance classes (src/carriers/data/instances.json). Data with
 * provenance, read on first use; code asks these tables and never hard-codes a platform value.
 */
import path from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import { readPackageJson } from '../io/json.js';

export const PLATFORMS_DIR = path.join(PACKAGE_ROOT, 'src', 'carriers', 'platforms');
export const CARRIER_DATA_DIR = path.join(PACKAGE_ROOT, 'src', 'carriers', 'data');

export type Settings = Record<string, string>;

export interface ProtectedParam {
  name: string;
  never?: boolean;
  why?: string;
  use?: string;
  default?: string;
  min?: number;
  unit?: string;
  enum?: string[];
  bool?: boolean;
  mustBeTrue?: boolean;
  sinceMajor?: number;
  untilMajor?: number;
  note?: string;
}

/** A platform that keeps a replication slot per replica, unless switched off. */
export interface SlotsPerReplica {
  default: boolean;
  switch: string;
  source: string;
}

export interface PatroniFacts {
  sources: Record<string, string>;
  protected: ProtectedParam[];
  checks: { slotsPerReplica: SlotsPerReplica };
  rules: Record<string, string>;
}

/** What to change in the carrier when /dev/shm is too small, and the source that says so. */
export interface ShmFix {
  text: string;
  source: string;
}

export interface CnpgFacts {
  sources: Record<string, string>;
  shmFix: ShmFix;
  defaultImageMajor: number;
  defaults: Settings;
  mandatory: Settings;
  mandatorySince: Record<string, { sinceMajor: number; value: string; switch: string; switchValue: string }>;
  fixed: Record<string, 'fixed' | 'blocked'>;
  fieldsInstead: Record<string, string>;
  managedExtensions: Record<string, string>;
  nameRegex: string;
  checks: {
    sharedBuffersRequest: { message: string; unitlessAs: string; hugepagesCover: boolean; source: string };
    walSizes: { message: string; volume: string; source: string };
    replication: { minInstances: number; walLevels: string[]; walLogHints: string; source: string };
    slotsPerReplica: SlotsPerReplica;
  };
  rules: Record<string, string>;
}

export interface ZalandoFacts {
  sources: Record<string, string>;
  shmFix: ShmFix;
  localParameters: string[];
  operatorDefaults: { cpuRequest: string; memoryRequest: string; cpuLimit: string; memoryLimit: string; minCpuLimit: string; minMemoryLimit: string; enableShmVolume: boolean };
  spiloDcsDefaults: Settings;
  spiloLocalDefaults: Settings;
  rules: Record<string, string>;
}

export interface PgoFacts {
  sources: Record<string, string>;
  defaults: Settings;
  mandatory: Settings;
  mandatoryLists: Settings;
  cel: Array<{ names?: string[]; prefixes?: string[]; except?: string[]; allowed?: string[]; message: string }>;
  maxConfigParameters: number;
  rules: Record<string, string>;
}

export interface StackgresFacts {
  sources: Record<string, string>;
  blocklist: string[];
  defaultsByMajor: Record<string, Settings & { extends?: string }>;
  operatorSets: Settings;
  rules: Record<string, string>;
}

export interface DockerFacts {
  sources: Record<string, string>;
  shmFix: ShmFix;
  defaults: Settings;
  shmDefaultBytes: number;
  latestMajor: number;
  images: string[];
  rules: Record<string, string>;
}

export interface BitnamiFacts {
  sources: Record<string, string>;
  shmFix: ShmFix;
  presets: Record<string, { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } }>;
  chartDefaults: { resourcesPreset: string; shmVolumeEnabled: boolean; persistenceSize: string; readReplicaCount: number; sharedPreloadLibraries: string };
  defaults: Settings;
  rules: Record<string, string>;
}

export interface ManagedFacts {
  rds: {
    sources: Record<string, string>;
    familyDefaults: Settings;
    checks: {
      staticApply: { contexts: string[]; default: string; message: string; source: string };
      formulaUnits: { variables: string[]; source: string };
    };
    /** The default parameter group's shared_preload_libraries (a custom list replaces it). */
    preloadDefault: { list: string; source: string };
    rules: Record<string, string>;
  };
  cloudsql: {
    sources: Record<string, string>;
    /** Names Cloud SQL does not take as database flags. */
    notFlags: Record<string, { why: string; source: string }>;
    /** Libraries and the cloudsql.enable_* flag that loads each. */
    libraryFlags: Record<string, { flag: string; source: string }>;
    restart: ManagedRestart;
    rules: Record<string, string>;
  };
  azure: {
    sources: Record<string, string>;
    /** allowedValues the service checks (the API refuses a value outside them). */
    ranges: Record<string, { min: number; max: number; source: string }>;
    restart: ManagedRestart;
    rules: Record<string, string>;
  };
}

/** A managed service restarts the server to apply a parameter of these contexts. */
export interface ManagedRestart {
  contexts: string[];
  what: string;
  source: string;
}

export interface InstanceFacts {
  rds: { source: string; classes: Record<string, { vcpu: number; memoryGiB: number; line: number }> };
  azure: { source: string; skus: Record<string, { vcpu: number; memoryMiB: number; tier: string }> };
  cloudsql: { source: string; customTier: string };
}

interface FactFiles {
  patroni: PatroniFacts;
  cnpg: CnpgFacts;
  zalando: ZalandoFacts;
  pgo: PgoFacts;
  stackgres: StackgresFacts;
  docker: DockerFacts;
  bitnami: BitnamiFacts;
  managed: ManagedFacts;
}

const cache = new Map<string, unknown>();

export function facts<K extends keyof FactFiles>(name: K): FactFiles[K] {
  let f = cache.get(name) as FactFiles[K] | undefined;
  if (!f) {
    f = readPackageJson<FactFiles[K]>(path.join(PLATFORMS_DIR, `${name}.json`));
    cache.set(name, f);
  }
  return f;
}

export function instanceFacts(): InstanceFacts {
  let f = cache.get('instances') as InstanceFacts | undefined;
  if (!f) {
    f = readPackageJson<InstanceFacts>(path.join(CARRIER_DATA_DIR, 'instances.json'));
    cache.set('instances', f);
  }
  return f;
}

/** StackGres' defaults for a major: the pg13 file for 13, the pg14 file for 14 and later. */
export function stackgresDefaults(major: number): Settings {
  const byMajor = facts('stackgres').defaultsByMajor;
  const key = major <= 13 ? '13' : '14';
  const own = { ...(byMajor[key] ?? {}) };
  const base = own.extends ? { ...(byMajor[own.extends] ?? {}) } : {};
  delete own.extends;
  delete base.extends;
  return { ...base, ...own } as Settings;
}
