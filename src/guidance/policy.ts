/**
 * The guidance engine: runs each parameter's policy in order over the *planned* settings (the
 * recommendations made so far, then the current values), and turns its judgement into a
 * recommendation that respects the file's intent:
 *
 * - a value the file chose stays when it is inside every moving edge of its band (tune only
 *   moves values out of the bad band; advice edges are lint's to say, the file's to overrule);
 * - a value the file did not choose (the server default) becomes the policy's target;
 * - a judgement reads only host facts it declares and settings judged before it, so running the
 *   policy on its own recommendations changes nothing (a fixed point; tested as a property).
 */
import { loadCatalog, type Catalog } from '../catalog/catalog.js';
import type { ParamInfo } from '../catalog/types.js';
import { asciiLower, parseValue, unitScale } from '../catalog/values.js';
import { resolveSettings } from '../resolve/settings.js';
import { settingReader, type SettingSource } from '../resolve/reader.js';
import { describeBand, place } from './band.js';
import { formatValue } from '../format.js';
import { simulatedBounds } from '../simulate/index.js';
import type {
  BuildFeatures, CurrentSettings, Guidance, GuidanceInput, GuidanceResult, HostFact, ParamPolicy, PolicyContext, Skipped, Typed, Value,
} from './types.js';

/** Spellings the server accepts for one value of an enum (hidden enum values, bool-like words). */
const SYNONYMS: Record<string, Record<string, string>> = {
  wal_level: { archive: 'replica', hot_standby: 'replica' },
};
const TRUE_WORDS = new Set(['on', 'true', 'yes', '1']);
const FALSE_WORDS = new Set(['off', 'false', 'no', '0']);

/** A value as the band compares it: 'on'/'off' for booleans and bool-like enum words, the canonical enum value. */
export function normalize(param: ParamInfo, value: Value): string | number {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number') return value;
  const v = asciiLower(value);
  const synonym = SYNONYMS[param.name.toLowerCase()]?.[v];
  if (synonym) return synonym;
  if (param.type === 'enum') {
    const listed = (param.enumValues ?? []).map(asciiLower);
    if (listed.includes(v)) return v;
    if (TRUE_WORDS.has(v) && listed.includes('on')) return 'on';
    if (FALSE_WORDS.has(v) && listed.includes('off')) return 'off';
  }
  return v;
}

function contextOf(p: ParamInfo): 'restart' | 'reload' {
  return p.context === 'postmaster' ? 'restart' : 'reload';
}

function sameValue(a: Value, b: Value): boolean {
  return typeof a === 'string' && typeof b === 'string' ? asciiLower(a) === asciiLower(b) : a === b;
}

/** A build feature the file itself shows (a value only such a build accepts). */
function buildFromFile(current: CurrentSettings, declared: BuildFeatures | undefined): BuildFeatures {
  const seen = (name: string, value: string): boolean => {
    const s = current.get(name);
    return s?.source !== undefined && typeof s.value === 'string' && asciiLower(s.value) === value;
  };
  return {
    lz4: declared?.lz4 ?? (seen('wal_compression', 'lz4') || seen('default_toast_compression', 'lz4') ? true : undefined),
    zstd: declared?.zstd ?? (seen('wal_compression', 'zstd') ? true : undefined),
  };
}

export { GuidanceError } from '../errors.js';
import { GuidanceError } from '../errors.js';

export function runPolicies(input: GuidanceInput, policies: (catalog: Catalog) => readonly ParamPolicy[]): GuidanceResult {
  const { version, host, workload } = input;
  const catalog = loadCatalog(version);
  const current: CurrentSettings = input.settings ?? resolveSettings([], catalog).settings;
  const overlay = new Map<string, { value: Value; param: ParamInfo }>();
  let reads = new Set<string>();
  const plannedSource: SettingSource = {
    get(name) {
      const key = name.toLowerCase();
      reads.add(key);
      return overlay.get(key) ?? current.get(key);
    },
  };
  const reader = settingReader(plannedSource);
  const param = (name: string): ParamInfo => {
    const p = catalog.params.get(name);
    if (!p) throw new GuidanceError(`guidance: PostgreSQL ${version} has no parameter ${name}`);
    return p;
  };
  const defaults = new Map<string, Value>();
  const defaultOf = (name: string): Value => {
    let d = defaults.get(name);
    if (d === undefined) {
      const p = param(name);
      const parsed = parseValue(p, p.default ?? '', version);
      d = parsed.ok ? parsed.value : (p.default ?? '');
      defaults.set(name, d);
    }
    return d;
  };
  const bounds = (input.bounds ?? simulatedBounds)(version, host, workload);
  const build = buildFromFile(current, input.build);

  const params: Guidance[] = [];
  const skipped: Skipped[] = [];
  const notes: string[] = [];
  for (const policy of policies(catalog)) {
    const p = catalog.params.get(policy.name);
    if (!p) continue; // not in this version
    const missing = policy.needs.filter((f) => host[f] === undefined);
    if (missing.length) {
      skipped.push({ name: p.name, missing: [...missing] });
      continue;
    }
    const fact = <T>(f: HostFact, v: T | undefined): T => {
      if (!policy.needs.includes(f) || v === undefined) throw new GuidanceError(`guidance: ${policy.name} reads host.${f} without declaring it`);
      return v;
    };
    const ctx: PolicyContext = {
      version, catalog, workload, host, build, bounds,
      walVolumeBytes: input.walVolumeBytes,
      hugePagesReserved: input.hugePagesReserved,
      get ram() { return fact('ramBytes', host.ramBytes); },
      get cores() { return fact('cores', host.cores); },
      get storage() { return fact('storage', host.storage); },
      planned: plannedSource,
      has: (name) => catalog.params.has(name),
      num: (name) => reader.num(name),
      bytes: (name) => reader.bytes(name),
      ms(name) {
        const v = reader.num(name);
        const scale = unitScale(param(name).unit);
        return v < 0 || !scale ? v : v * scale.factor;
      },
      str(name) {
        const s = plannedSource.get(name);
        if (!s) throw new GuidanceError(`guidance: PostgreSQL ${version} has no parameter ${name}`);
        return String(normalize(s.param, s.value));
      },
      bool: (name) => reader.bool(name),
      defaultOf,
      fromBytes(name, bytes) {
        const scale = unitScale(param(name).unit);
        return scale ? Math.floor(bytes / scale.factor) : bytes;
      },
      fromMs(name, ms) {
        const scale = unitScale(param(name).unit);
        return scale ? Math.floor(ms / scale.factor) : ms;
      },
      placeholder: (name) => input.placeholders?.(name.toLowerCase()),
    };
    reads = new Set<string>();
    if (policy.applies && !policy.applies(ctx)) continue;
    const j = policy.judge(ctx);
    const now = current.get(p.name.toLowerCase());
    const raw: Value = now ? now.value : defaultOf(p.name.toLowerCase());
    const chosen = now?.source !== undefined;
    const toBand = (value: Value): number | string => {
      const eff = policy.effective ? policy.effective(ctx, value) : value;
      const n = normalize(p, eff);
      if (policy.scale && typeof n === 'string') {
        const i = policy.scale.indexOf(n);
        return i < 0 ? -1 : i;
      }
      return n;
    };
    const effective = toBand(raw);
    const verdict = place(j.band, effective);
    const insideMoving = place(j.band, effective, 'move').inside;
    const pinned = input.pinned?.has(p.name.toLowerCase()) ?? false;
    const recommendedValue = pinned || j.target === undefined || (chosen && insideMoving) ? raw : j.target;
    const typed = (value: Value): Typed => ({ value, text: formatValue(p, value) });
    overlay.set(p.name.toLowerCase(), { value: recommendedValue, param: p });
    params.push({
      name: p.name,
      area: policy.area,
      nature: policy.nature,
      ...(policy.more ? { more: policy.more } : {}),
      ...(policy.scale ? { scale: policy.scale } : {}),
      context: contextOf(p),
      current: { ...typed(raw), chosen, effective },
      ...(j.target !== undefined ? { target: typed(j.target) } : {}),
      recommended: typed(recommendedValue),
      kept: sameValue(recommendedValue, raw),
      band: j.band,
      bandText: describeBand(j.band, p, policy.scale),
      verdict,
      reason: j.reason,
      formula: j.formula,
      inputs: j.inputs,
      sources: j.sources,
      reads: [...reads].filter((r) => r !== p.name.toLowerCase()).sort(),
    });
    // Notes go with the policy's own value (what tune writes or confirms).
    if (j.notes && j.target !== undefined && sameValue(recommendedValue, j.target)) notes.push(...j.notes);
  }
  return { version, workload, params, byName: new Map(params.map((g) => [g.name.toLowerCase(), g])), skipped, notes };
}
