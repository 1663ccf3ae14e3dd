/**
 * The effective configuration of a server: what PostgreSQL finally sees once the platform has
 * done its part. Layers are applied in the platform's order (its defaults, the user's sections
 * as the carrier orders them, configuration text, the command line, what the platform forces),
 * and every value the platform refuses, ignores, drops, clamps or replaces is kept with why
 * ("rejected by the CloudNativePG webhook", "Patroni logs a warning and uses 100") and the fact's
 * source. The facts come from platforms/*.json; PostgreSQL's own value rules (to predict what
 * Patroni's validator removes or clamps) from pgvet's catalog of the major version.
 */
import { loadCatalog, isPgMajor, type Catalog } from '../catalog/catalog.js';
import type { PgMajor } from '../catalog/types.js';
import { libraryList } from '../catalog/lists.js';
import { parseBool, parseValue } from '../catalog/values.js';
import { facts, instanceFacts, stackgresDefaults, type ProtectedParam, type Settings } from './facts.js';
import type { CarrierSetting, ConfText, Layer, PlatformId, Position, ServerModel } from './model.js';

export type Fate = 'rejected' | 'ignored' | 'dropped' | 'clamped' | 'replaced' | 'unevaluated' | 'overridden';

export interface EffectiveSetting {
  name: string;
  /** The string PostgreSQL receives. */
  value: string;
  layer: Layer;
  section: string;
  /** Where the carrier sets it (absent for values the platform supplies). */
  key?: Position;
  at?: Position;
  /** The conf text it comes from (rendered verbatim, not as a line). */
  conf?: ConfText;
  /** Passed like a command-line option: wins over the configuration files. */
  commandLine?: boolean;
  /** The fact's source, for platform values. */
  source?: string;
  note?: string;
}

export interface NotApplied {
  name: string;
  /** The value as the carrier holds it (null when not known). */
  value: string | null;
  raw: string;
  section: string;
  key?: Position;
  at?: Position;
  fate: Fate;
  why: string;
  source?: string;
  /** What the platform objects to: the name (point at the key) or the value (point at the value). */
  on: 'name' | 'value';
}

export interface Effective {
  server: ServerModel;
  /** The major version pgvet checks against (13–18), when the document states one. */
  major?: PgMajor;
  /** Winning values by lower-case name, in the order they were applied. */
  settings: EffectiveSetting[];
  notApplied: NotApplied[];
}

const PLATFORM_NAMES: Record<PlatformId, string> = {
  cnpg: 'CloudNativePG',
  zalando: 'the Zalando operator (Spilo)',
  pgo: 'Crunchy PGO',
  stackgres: 'StackGres',
  patroni: 'Patroni',
  docker: 'the postgres image',
  bitnami: 'the Bitnami chart',
  rds: 'Amazon RDS',
  aurora: 'Amazon Aurora',
  cloudsql: 'Cloud SQL',
  azure: 'Azure flexible server',
  postgresql: 'PostgreSQL',
};

export function platformName(p: PlatformId): string {
  return PLATFORM_NAMES[p];
}

const PATRONI_BASED: ReadonlySet<PlatformId> = new Set(['patroni', 'zalando', 'pgo', 'stackgres']);

class Builder {
  private readonly winners = new Map<string, EffectiveSetting>();
  readonly notApplied: NotApplied[] = [];
  constructor(readonly server: ServerModel) {}

  set(s: EffectiveSetting): void {
    const k = s.name.toLowerCase();
    const prev = this.winners.get(k);
    if (prev) {
      this.winners.delete(k);
      if (prev.layer !== 'default' && prev.value !== s.value) {
        this.notApplied.push({ name: prev.name, value: prev.value, raw: prev.value, section: prev.section, ...(prev.key ? { key: prev.key } : {}), ...(prev.at ? { at: prev.at } : {}), fate: 'overridden', on: 'value', why: `overridden by ${s.layer === 'forced' ? `${platformName(this.server.platform)}'s own value` : s.section} (${s.value})`, ...(s.source ? { source: s.source } : {}) });
      }
    }
    this.winners.set(k, s);
  }

  get(name: string): EffectiveSetting | undefined {
    return this.winners.get(name.toLowerCase());
  }

  defaults(values: Settings, section: string, source: string, note?: string): void {
    for (const [name, value] of Object.entries(values)) this.set({ name, value, layer: 'default', section, source, ...(note ? { note } : {}) });
  }

  forced(values: Settings, section: string, source: string): void {
    for (const [name, value] of Object.entries(values)) this.set({ name, value, layer: 'forced', section, source });
  }

  drop(s: CarrierSetting, fate: Fate, why: string, source?: string, on: 'name' | 'value' = fate === 'unevaluated' || fate === 'replaced' || fate === 'clamped' ? 'value' : 'name'): void {
    this.notApplied.push({ name: s.name, value: s.value.text, raw: s.value.raw, section: s.section, key: s.key, at: s.at, fate, why, ...(source ? { source } : {}), on });
  }

  user(s: CarrierSetting, value = s.value.text!, note?: string, conf?: ConfText): void {
    const n = [s.value.note, note].filter(Boolean).join('; ');
    this.set({ name: s.name, value, layer: s.layer, section: s.section, key: s.key, at: s.at, ...(conf ? { conf } : {}), ...(s.scope === 'command-line' ? { commandLine: true } : {}), ...(n ? { note: n } : {}) });
  }

  result(major: PgMajor | undefined): Effective {
    return { server: this.server, ...(major ? { major } : {}), settings: [...this.winners.values()], notApplied: this.notApplied };
  }
}

function catalogFor(major: PgMajor | undefined): Catalog | undefined {
  return major ? loadCatalog(major) : undefined;
}

/** CRDs that declare parameters as a map of strings: the API server refuses anything else. */
function stringOnly(b: Builder, s: CarrierSetting, source: string): boolean {
  if (s.value.type === 'string' || s.value.type === 'null') return true;
  b.drop(s, 'rejected', `the API server refuses the manifest: ${s.section} is a map of strings and ${s.value.raw} is a YAML ${s.value.type} (quote it: "${s.value.raw}")`, source, 'value');
  return false;
}

function patroniProtected(name: string, major: number | undefined): ProtectedParam | undefined {
  return facts('patroni').protected.find(
    (p) => p.name === name.toLowerCase() && (major === undefined || ((p.sinceMajor === undefined || major >= p.sinceMajor) && (p.untilMajor === undefined || major <= p.untilMajor))),
  );
}

/** Patroni's CMDLINE_OPTIONS validators (patroni/postgresql/config.py). */
function patroniValidates(p: ProtectedParam, value: string): boolean {
  if (p.mustBeTrue) return parseBool(value) === true;
  if (p.bool) return parseBool(value) !== null;
  if (p.enum) return p.enum.includes(value.toLowerCase());
  if (p.min !== undefined) {
    const m = /^\s*(-?\d+)\s*([A-Za-z]*)\s*$/.exec(value);
    if (!m) return false;
    let n = Number(m[1]);
    if (p.unit === 'MB') {
      const scale: Record<string, number> = { '': 1 / 1024, kB: 1 / 1024, MB: 1, GB: 1024, TB: 1024 * 1024 };
      // unit-less wal_keep_size is MB
      const f = m[2] === '' ? 1 : scale[m[2]!];
      if (f === undefined) return false;
      n *= f;
    } else if (m[2] !== '') return false;
    return n >= p.min;
  }
  return true;
}

/**
 * Patroni's handling of one user value: protected parameters (local: discarded; dynamic:
 * validated, defaulted on failure), then its runtime validator (unknown names and invalid
 * values removed, numbers out of range clamped). Returns the value to apply, or null.
 */
function patroniGate(b: Builder, s: CarrierSetting, value: string, major: PgMajor | undefined, catalog: Catalog | undefined): { value: string; note?: string; forced?: boolean } | null {
  const f = facts('patroni');
  const p = patroniProtected(s.name, major);
  if (p) {
    if (p.never) {
      b.drop(s, 'ignored', `Patroni sets ${p.name} itself (${p.why}); set ${p.use} instead`, f.sources.process!);
      return null;
    }
    if (s.scope === 'patroni-local') {
      b.drop(s, 'ignored', `Patroni discards ${p.name} from the local postgresql.parameters without a message: it is taken from the dynamic configuration (bootstrap.dcs / patronictl edit-config)`, f.sources.process!);
      return null;
    }
    if (!patroniValidates(p, value)) {
      b.drop(s, 'replaced', `Patroni logs "postgresql parameter ${s.name}=${value} failed validation, defaulting to ${p.default}" and uses ${p.default}${p.min !== undefined ? ` (its minimum is ${p.min}${p.unit ?? ''})` : ''}`, f.sources.cmdline!);
      return { value: p.default!, note: `Patroni's default: ${s.value.raw} failed its validation`, forced: true };
    }
    if (p.name === 'wal_level' && value.toLowerCase() === 'hot_standby') return { value: 'replica', note: 'Patroni writes hot_standby as replica' };
  }
  if (!catalog) return { value };
  const info = catalog.lookup(s.name);
  if (!info) {
    if (s.name.includes('.')) return { value };
    b.drop(s, 'dropped', `Patroni logs "Removing unexpected parameter=${s.name}" and leaves it out: PostgreSQL ${major} has no such parameter`, f.sources.unexpected!);
    return null;
  }
  const parsed = parseValue(info, value, major!);
  if (parsed.ok) return { value };
  if (parsed.problem.kind === 'range' && info.min !== null && info.max !== null) {
    // Patroni clamps to the bound, in the parameter's base unit
    const num = Number(/^-?[\d.]+/.exec(parsed.problem.message)?.[0]);
    const bound = num < info.min ? info.min : info.max;
    b.drop(s, 'clamped', `Patroni logs "Value=${value} of parameter=${s.name} is too ${num < info.min ? 'low, increasing' : 'big, decreasing'} to ${bound}${info.unit ?? ''}" and uses ${bound}`, f.sources.validator!);
    return { value: String(bound), note: `clamped by Patroni from ${value}`, forced: true };
  }
  b.drop(s, 'dropped', `Patroni logs "Removing ${info.type} parameter=${s.name} from the config due to the invalid value=${value}" and leaves it out (${parsed.problem.message})`, f.sources.validator!, 'value');
  return null;
}

/** The libraries CloudNativePG preloads: the user's list, then each managed extension whose parameters are set. */
function cnpgPreload(server: ServerModel, user: CarrierSetting[]): string {
  const f = facts('cnpg');
  const libs: string[] = [...(server.preloadLibraries?.names ?? [])];
  for (const [prefix, lib] of Object.entries(f.managedExtensions)) {
    if (user.some((s) => s.name.startsWith(`${prefix}.`)) && !libs.includes(lib)) libs.push(lib);
  }
  return libs.join(',');
}

function memoryMb(server: ServerModel): number | undefined {
  const b = server.host.memoryLimitBytes?.value;
  return b === undefined ? undefined : b / (1024 * 1024);
}

/** RDS formulas: {Var}, {Var*N}, {Var/N}, {Var*N/M}, and GREATEST/LEAST/SUM of them. */
export function evalRdsFormula(text: string, vars: Record<string, number | undefined>): number | null | undefined {
  const t = text.trim();
  if (!t.includes('{')) return undefined; // not a formula
  const term = (x: string): number | null => {
    const m = /^\{\s*([A-Za-z]+)\s*(?:\*\s*(\d+))?\s*(?:\/\s*(\d+))?\s*\}$/.exec(x.trim());
    if (m) {
      const v = vars[m[1]!];
      if (v === undefined) return null;
      let r = v * (m[2] ? Number(m[2]) : 1);
      if (m[3]) r = Math.trunc(r / Number(m[3]));
      return r;
    }
    return /^\d+$/.test(x.trim()) ? Number(x.trim()) : null;
  };
  const fn = /^(GREATEST|LEAST|SUM)\s*\((.*)\)$/i.exec(t);
  if (fn) {
    const args = fn[2]!.split(',').map(term);
    if (args.some((a) => a === null)) return null;
    const nums = args as number[];
    const name = fn[1]!.toUpperCase();
    return name === 'GREATEST' ? Math.max(...nums) : name === 'LEAST' ? Math.min(...nums) : nums.reduce((x, y) => x + y, 0);
  }
  return term(t);
}

export function effectiveConfig(server: ServerModel): Effective {
  const b = new Builder(server);
  const stated = server.pgVersion?.major;
  const major = stated !== undefined && isPgMajor(stated) ? stated : undefined;
  const catalog = catalogFor(major);
  const platform = server.platform;
  const userMap = server.settings.filter((s) => s.scope !== 'command-line');
  const commandLine = server.settings.filter((s) => s.scope === 'command-line');
  const confSettings = server.confTexts.flatMap((c) => c.settings.map((s) => ({ s, c })));

  // 1. the platform's defaults
  if (PATRONI_BASED.has(platform)) {
    const f = facts('patroni');
    const defaults: Settings = {};
    for (const p of f.protected) {
      if (p.never || p.default === undefined) continue;
      if (major !== undefined && ((p.sinceMajor !== undefined && major < p.sinceMajor) || (p.untilMajor !== undefined && major > p.untilMajor))) continue;
      defaults[p.name] = p.default;
    }
    b.defaults(defaults, "Patroni's defaults (command line)", f.sources.cmdline!);
  }
  switch (platform) {
    case 'cnpg': {
      const f = facts('cnpg');
      b.defaults(f.defaults, "CloudNativePG's defaults", f.sources.defaults!);
      break;
    }
    case 'zalando': {
      const f = facts('zalando');
      b.defaults({ ...f.spiloDcsDefaults, wal_level: 'replica' }, "Spilo's dynamic configuration", f.sources.spiloDcs!, 'Spilo writes wal_level hot_standby, which Patroni turns into replica');
      b.defaults(f.spiloLocalDefaults, "Spilo's local configuration", f.sources.spiloLocal!);
      const mb = memoryMb(server);
      if (mb !== undefined) {
        b.set({ name: 'shared_buffers', value: `${Math.floor(mb / 5)}MB`, layer: 'default', section: "Spilo's formula", source: f.sources.spiloMemory!, note: `memory limit ${Math.round(mb)}MB / 5` });
        b.set({ name: 'max_connections', value: String(Math.min(Math.max(100, Math.floor(mb / 30)), 1000)), layer: 'default', section: "Spilo's formula", source: f.sources.spiloMemory!, note: `min(max(100, ${Math.round(mb)}MB / 30), 1000)` });
      }
      break;
    }
    case 'pgo': {
      const f = facts('pgo');
      const huge = server.host.hugepagesBytes ? 'try' : 'off';
      b.defaults({ ...f.defaults, huge_pages: huge }, "PGO's defaults", f.sources.builtin!);
      break;
    }
    case 'stackgres': {
      const f = facts('stackgres');
      if (major) b.defaults(stackgresDefaults(major), `StackGres' defaults for PostgreSQL ${major}`, major <= 13 ? f.sources.defaults13! : f.sources.defaults14!);
      break;
    }
    case 'docker': {
      const f = facts('docker');
      if (!server.switches.configFile) b.defaults(f.defaults, "the image's postgresql.conf", f.sources.listen!);
      break;
    }
    case 'bitnami': {
      const f = facts('bitnami');
      if (!server.switches.replacesConfiguration) b.defaults(f.defaults, "the image's postgresql.conf", f.sources.values!);
      break;
    }
    case 'rds':
    case 'aurora': {
      const f = facts('managed').rds;
      const vars = rdsVars(server);
      for (const [name, formula] of Object.entries(f.familyDefaults)) {
        const v = evalRdsFormula(formula, vars);
        if (typeof v === 'number') b.set({ name, value: String(v), layer: 'default', section: "the family's default parameter group", source: f.sources.formulas!, note: `${formula} with the class's nominal memory (the real DBInstanceClassMemory is lower)` });
      }
      break;
    }
    default:
      break;
  }

  // 2. the user's values, platform gates first
  const gate = (s: CarrierSetting, conf?: ConfText): void => {
    if (s.value.text === null) {
      b.drop(s, 'unevaluated', s.value.note ?? 'the value is not known here');
      return;
    }
    let value = s.value.text;
    let note: string | undefined;
    switch (platform) {
      case 'cnpg': {
        const f = facts('cnpg');
        if (!stringOnly(b, s, f.sources.crdStrings!)) return;
        if (!new RegExp(f.nameRegex).test(s.name)) {
          b.drop(s, 'rejected', 'rejected by the CloudNativePG webhook: not a valid parameter name', f.sources.webhook!);
          return;
        }
        const fixed = f.fixed[s.name];
        if (fixed) {
          const own = s.name === 'archive_mode' ? 'on' : f.defaults[s.name];
          const instead = f.fieldsInstead[s.name];
          if (value !== own && !server.switches.validationDisabled) b.drop(s, 'rejected', `rejected by the CloudNativePG webhook: "Can't set fixed configuration parameter" (${fixed})${instead ? `; use ${instead}` : ''}`, f.sources.webhook!);
          else b.drop(s, 'ignored', `CloudNativePG ignores fixed parameters in spec.postgresql.parameters and sets its own value${instead ? `; use ${instead}` : ''}`, f.sources.order!);
          return;
        }
        break;
      }
      case 'zalando':
        if (!stringOnly(b, s, facts('zalando').sources.crdStrings!)) return;
        break;
      case 'stackgres': {
        const f = facts('stackgres');
        if (!stringOnly(b, s, f.sources.blocklist!)) return;
        if (f.blocklist.includes(s.name)) {
          if (s.section.startsWith('spec.configurations')) b.drop(s, 'dropped', `StackGres removes blocklisted ${s.name} from the SGCluster override without a message`, f.sources.blocklist!);
          else b.drop(s, 'rejected', `rejected by the StackGres webhook: ${s.name} is blocklisted ("cannot be settled")`, f.sources.blocklistValidator!);
          return;
        }
        if (catalog && !s.name.includes('.') && !catalog.lookup(s.name)) {
          b.drop(s, 'dropped', `StackGres' mutating webhook deletes ${s.name}: PostgreSQL ${major} does not recognise it`, f.sources.blocklistValidator!);
          return;
        }
        break;
      }
      case 'pgo': {
        const f = facts('pgo');
        if (s.section.endsWith('config.parameters')) {
          if (s.value.type === 'bool' || s.value.type === 'float') {
            b.drop(s, 'rejected', `the API server refuses the manifest: ${s.section} takes integers or strings, and ${s.value.raw} is a YAML ${s.value.type}`, f.sources.cel!, 'value');
            return;
          }
          const rule = f.cel.find((r) => (r.names?.includes(s.name) || r.prefixes?.some((p) => s.name.startsWith(p))) && !r.except?.includes(s.name) && !r.allowed?.includes(value));
          if (rule) {
            b.drop(s, 'rejected', `rejected by the API server (PGO's CEL rule): ${rule.message}`, f.sources.cel!, rule.allowed ? 'value' : 'name');
            return;
          }
        }
        break;
      }
      case 'rds':
      case 'aurora': {
        const v = evalRdsFormula(value, rdsVars(server));
        if (v === null) {
          b.drop(s, 'unevaluated', `an RDS formula pgvet cannot evaluate here (the instance class is not known, or the syntax is not a plain formula)`, facts('managed').rds.sources.formulas!);
          return;
        }
        if (typeof v === 'number') {
          note = `${value} with the class's nominal memory (the real DBInstanceClassMemory is lower)`;
          value = String(v);
        }
        break;
      }
      case 'cloudsql': {
        const f = facts('managed').cloudsql;
        const not = f.notFlags[s.name];
        if (not) {
          const flags = (libraryList(value) ?? []).map((lib) => (f.libraryFlags[lib] ? `${lib}: ${f.libraryFlags[lib]!.flag} = on` : `${lib}: no flag known to pgvet`));
          b.drop(s, 'rejected', `${not.why}${flags.length ? ` (${flags.join('; ')})` : ''}`, f.sources[not.source]!);
          return;
        }
        break;
      }
      case 'azure': {
        const f = facts('managed').azure;
        const range = f.ranges[s.name];
        const n = range && /^\s*-?\d+\s*$/.test(value) ? Number(value) : undefined;
        if (range && n !== undefined && (n < range.min || n > range.max)) {
          b.drop(s, 'rejected', `the Azure API refuses it: allowedValues for ${s.name} are ${range.min}-${range.max}`, f.sources[range.source]!, 'value');
          return;
        }
        break;
      }
      default:
        break;
    }
    if (PATRONI_BASED.has(platform)) {
      const r = patroniGate(b, s, value, major, catalog);
      if (!r) return;
      if (r.forced) {
        b.set({ name: s.name, value: r.value, layer: 'forced', section: 'Patroni', key: s.key, at: s.at, source: facts('patroni').sources.cmdline!, ...(r.note ? { note: r.note } : {}) });
        return;
      }
      value = r.value;
      note = r.note;
    }
    b.user(s, value, note, conf);
  };
  for (const s of userMap) gate(s);
  for (const { s, c } of confSettings) gate(s, c);
  for (const s of commandLine) gate(s);

  // 3. what the platform forces
  switch (platform) {
    case 'cnpg': {
      const f = facts('cnpg');
      b.forced(f.mandatory, "CloudNativePG's mandatory settings", f.sources.mandatory!);
      for (const [name, m] of Object.entries(f.mandatorySince)) {
        if (major !== undefined && major >= m.sinceMajor) b.set({ name, value: server.switches[m.switch] === true ? m.switchValue : m.value, layer: 'forced', section: `spec.postgresql.${m.switch}`, source: f.sources.order! });
      }
      const preload = cnpgPreload(server, server.settings);
      if (preload) b.set({ name: 'shared_preload_libraries', value: preload, layer: 'forced', section: 'spec.postgresql.shared_preload_libraries and managed extensions', source: f.sources.managedExtensions!, ...(server.preloadLibraries ? { at: server.preloadLibraries.at, key: server.preloadLibraries.at } : {}) });
      break;
    }
    case 'zalando':
      if (server.switches.streams) b.set({ name: 'wal_level', value: 'logical', layer: 'forced', section: 'spec.streams', source: facts('zalando').sources.routing! });
      break;
    case 'pgo': {
      const f = facts('pgo');
      const preload = b.get('shared_preload_libraries');
      b.forced(f.mandatory, "PGO's mandatory settings", f.sources.builtin!);
      const libs = [f.mandatoryLists.shared_preload_libraries!, ...(preload ? [preload.value] : [])].filter(Boolean).join(',');
      b.set({ name: 'shared_preload_libraries', value: libs, layer: 'forced', section: "PGO's mandatory libraries, then the user's", source: f.sources.order! });
      break;
    }
    case 'stackgres': {
      const f = facts('stackgres');
      b.forced(f.operatorSets, 'StackGres', f.sources.blocklist!);
      break;
    }
    default:
      break;
  }
  if (PATRONI_BASED.has(platform)) {
    // listen_addresses, port, cluster_name and hot_standby come from Patroni, on the command line
    const hs = b.get('hot_standby');
    if (!hs || hs.layer !== 'forced') b.set({ name: 'hot_standby', value: 'on', layer: 'forced', section: 'Patroni', source: facts('patroni').sources.process! });
  }
  return b.result(major);
}

function rdsVars(server: ServerModel): Record<string, number | undefined> {
  return { DBInstanceClassMemory: server.host.memoryLimitBytes?.value, DBInstanceVCPU: server.host.cpuLimit?.value, AllocatedStorage: server.volumes.data?.value, EndPointPort: 5432 };
}

export { instanceFacts };
