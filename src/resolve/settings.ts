/**
 * From the ordered list of setting lines to effective settings, the way the server's
 * ProcessConfigFileInternal does it at startup:
 *
 * 1. name check: a name the version does not know and that has no dot is "unrecognized";
 *    a name with one dot is an extension placeholder (never validated at startup);
 * 2. duplicates: when a known parameter appears again, earlier lines whose name is the
 *    *same string* (case-sensitive!) are marked ignorable and never validated;
 * 3. apply in order: each remaining line is parsed and range-checked, then its check hook
 *    runs against the values applied so far. The server does this twice at startup (a second
 *    pass after finding the data directory), so hooks that compare parameters also see the
 *    final values.
 */
import type { Catalog } from '../catalog/catalog.js';
import { checkHookFor, type HookContext } from '../catalog/checks.js';
import { asSpelled, parseValue, type ValueProblem } from '../catalog/values.js';
import type { HiddenParam, ParamInfo } from '../catalog/types.js';
import type { ConfigItem } from './load.js';

export type ItemStatus =
  | { kind: 'applied'; value: number | string | boolean }
  /** overridden by a later line with the identical spelling: the server never looks at it */
  | { kind: 'ignored'; by: ConfigItem; wouldFail?: ValueProblem }
  | { kind: 'unknown' }
  | { kind: 'placeholder' }
  | { kind: 'not-settable'; message: string }
  | { kind: 'invalid'; problem: ValueProblem }
  /** accepted at this line, but a later line with different case (or an alias) sets it again */
  | { kind: 'superseded'; value: number | string | boolean; by: ConfigItem };

export interface ResolvedItem {
  item: ConfigItem;
  param?: ParamInfo;
  status: ItemStatus;
}

export interface EffectiveSetting {
  param: ParamInfo;
  value: number | string | boolean;
  /** The line that set it, or undefined for the default. */
  source?: ConfigItem;
  /** Every line that set this parameter, in order. */
  lines: ConfigItem[];
}

/**
 * Effective settings. Defaults are computed on first use: a lint reads a handful of them, and
 * parsing all ~400 boot values up front is a measurable part of pgvet's cold start.
 */
export interface SettingsView {
  get(name: string): EffectiveSetting | undefined;
  /** The parameters the files set, in catalog order. */
  values(): IterableIterator<EffectiveSetting>;
}

export interface Resolution {
  items: ResolvedItem[];
  /** Effective settings by lower-case canonical name (every parameter, defaults included). */
  settings: SettingsView;
  /** Extension placeholders (prefix.name) by lower-case name: last value wins. */
  placeholders: Map<string, { value: string; item: ConfigItem }>;
}

/**
 * Hidden parameters (is_superuser, role, seed, session_authorization, default_with_oids,
 * ssl_renegotiation_limit) are validated like the others; their ranges are what the server
 * accepts from a file (probed: see src/catalog/data).
 */
function hiddenParamInfo(hidden: HiddenParam): ParamInfo {
  const numeric = hidden.type === 'integer' || hidden.type === 'real';
  const only = hidden.name === 'ssl_renegotiation_limit' ? 0 : null;
  return {
    name: hidden.name,
    type: hidden.type,
    unit: null,
    min: numeric ? (only ?? (hidden.name === 'seed' ? -1 : null)) : null,
    max: numeric ? (only ?? (hidden.name === 'seed' ? 1 : null)) : null,
    enumValues: null,
    default: hidden.shown,
    context: hidden.context,
    category: 'hidden',
    description: 'not shown by pg_settings',
  };
}

function bootValue(param: ParamInfo, catalog: Catalog): number | string | boolean {
  const parsed = parseValue(param, param.default ?? '', catalog.version);
  if (parsed.ok) return parsed.value;
  return param.type === 'string' ? (param.default ?? '') : 0;
}

/** Statuses without data are shared: a million-line file has a million items. */
const UNKNOWN: ItemStatus = Object.freeze({ kind: 'unknown' });
const PLACEHOLDER: ItemStatus = Object.freeze({ kind: 'placeholder' });
const NOT_YET_PARSED: ItemStatus = Object.freeze({ kind: 'applied', value: '' });

export function resolveSettings(items: ConfigItem[], catalog: Catalog): Resolution {
  // every field from the start: one object shape, no property added later
  const resolved: ResolvedItem[] = items.map((item) => ({ item, param: undefined, status: UNKNOWN }));
  const inFile = new Set<string>();
  const placeholders = new Map<string, { value: string; item: ConfigItem }>();
  const pending = new Map<string, ResolvedItem[]>();

  // Pass 1: names, duplicates.
  resolved.forEach((r) => {
    const name = r.item.entry.name;
    const param = catalog.lookup(name);
    const hidden = param ? undefined : catalog.hiddenParams.get(name.toLowerCase());
    if (param || hidden) {
      const key = (param?.name ?? hidden!.name).toLowerCase();
      r.param = param ?? hiddenParamInfo(hidden!);
      // Earlier lines with the identical spelling that are not yet ignored.
      const sameSpelling = pending.get(name) ?? [];
      if (inFile.has(key)) {
        for (const earlier of sameSpelling) earlier.status = { kind: 'ignored', by: r.item };
        sameSpelling.length = 0;
      }
      sameSpelling.push(r);
      pending.set(name, sameSpelling);
      inFile.add(key);
      r.status = NOT_YET_PARSED;
    } else if (name.includes('.')) {
      r.status = PLACEHOLDER;
      placeholders.set(name.toLowerCase(), { value: r.item.entry.value, item: r.item });
    } else {
      r.status = UNKNOWN;
    }
  });

  // Current values, starting from the boot values (computed when first asked for).
  const current = new Map<string, number | string | boolean>();
  const setByFile = new Set<string>();
  const valueOf = (key: string): number | string | boolean | undefined => {
    const known = current.get(key);
    if (known !== undefined) return known;
    const param = catalog.params.get(key);
    if (!param) return undefined;
    const boot = bootValue(param, catalog);
    current.set(key, boot);
    return boot;
  };
  const ctx: HookContext = { catalog, get: valueOf, setInFile: (name) => current.has(name) && setByFile.has(name), secondPass: false };

  const applyPass = (final: boolean): void => {
    for (const r of resolved) {
      const param = r.param;
      if (!param) continue;
      const status = r.status;
      if (status.kind === 'ignored') {
        if (!final) {
          const check = parseValue(param, r.item.entry.value, catalog.version);
          if (!check.ok) r.status = { kind: 'ignored', by: status.by, wouldFail: check.problem };
        }
        continue;
      }
      if (status.kind !== 'applied' && status.kind !== 'invalid') continue;
      if (final && status.kind === 'invalid') continue;
      if (param.context === 'internal') {
        r.status = { kind: 'not-settable', message: `parameter "${param.name}" cannot be changed` };
        continue;
      }
      const parsed = parseValue(asSpelled(param, r.item.entry.name, catalog.version), r.item.entry.value, catalog.version);
      if (!parsed.ok) {
        r.status = { kind: 'invalid', problem: parsed.problem };
        continue;
      }
      const hook = checkHookFor(param, catalog.version);
      const verdict = hook ? hook(parsed.value, ctx, r.item.entry.value) : null;
      if (verdict) {
        r.status = { kind: 'invalid', problem: verdict };
        continue;
      }
      current.set(param.name.toLowerCase(), parsed.value);
      setByFile.add(param.name.toLowerCase());
      r.status = { kind: 'applied', value: parsed.value };
    }
  };
  applyPass(false);
  ctx.secondPass = true;
  applyPass(true);

  // Effective settings: the last applied line of each parameter wins.
  const inFileSettings = new Map<string, EffectiveSetting>();
  const winner = new Map<string, ResolvedItem>();
  for (const r of resolved) {
    if (!r.param) continue;
    const key = r.param.name.toLowerCase();
    let setting = inFileSettings.get(key);
    if (!setting) {
      setting = { param: r.param, value: valueOf(key) ?? '', lines: [] };
      inFileSettings.set(key, setting);
    }
    setting.lines.push(r.item);
    if (r.status.kind === 'applied') {
      const previous = winner.get(key);
      if (previous && previous.status.kind === 'applied') previous.status = { kind: 'superseded', value: previous.status.value, by: r.item };
      winner.set(key, r);
      setting.source = r.item;
      setting.value = r.status.value;
    }
  }
  const defaults = new Map<string, EffectiveSetting>();
  const settings: SettingsView = {
    get(name) {
      const key = name.toLowerCase();
      const set = inFileSettings.get(key);
      if (set) return set;
      let d = defaults.get(key);
      if (!d) {
        const param = catalog.params.get(key);
        if (!param) return undefined;
        d = { param, value: valueOf(key)!, lines: [] };
        defaults.set(key, d);
      }
      return d;
    },
    values: () => inFileSettings.values(),
  };
  return { items: resolved, settings, placeholders };
}
