/**
 * .pgvetrc.json: found by walking up from the linted file (or named with --config), validated
 * by a precompiled JSON Schema validator (src/engine/generated), one-line errors with the JSON
 * path. Command-line flags override it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { PgMajor } from '../catalog/types.js';
import { InputError } from '../resolve/load.js';
import { readTextFile, reasonOf } from '../io/read.js';
import { validate } from './generated/pgvetrc-validator.js';
import type { Rule, Severity } from './types.js';

export const CONFIG_NAME = '.pgvetrc.json';

export type RuleLevel = Severity | 'off';

export interface RuleSetting {
  level: RuleLevel;
  options?: Record<string, unknown>;
}

export interface PgvetConfig {
  /** The file it came from (undefined: no config). */
  path?: string;
  pgVersion?: PgMajor;
  failOn?: Severity;
  maxWarnings?: number;
  format?: string;
  /** A host file (already resolved against the config's directory) or "auto". */
  host?: string;
  workload?: string;
  /** pgvet tune: parameters to leave as they are (--keep adds to them). */
  tuneKeep?: string[];
  /** By rule id. */
  rules: Map<string, RuleSetting>;
  /** True for files the config's ignore globs match. */
  ignores(file: string): boolean;
}

export const EMPTY_CONFIG: PgvetConfig = { rules: new Map(), ignores: () => false };

interface RawConfig {
  pgVersion?: PgMajor;
  failOn?: Severity;
  maxWarnings?: number;
  format?: string;
  host?: string;
  workload?: string;
  tune?: { keep?: string[] };
  rules?: Record<string, RuleLevel | [RuleLevel] | [RuleLevel, Record<string, unknown>]>;
  ignore?: string[];
}

interface AjvError {
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** The nearest .pgvetrc.json in the directory of `file` or above it. */
export function findConfig(file: string, cache = new Map<string, string | null>()): string | null {
  let dir = path.dirname(path.resolve(file));
  const visited: string[] = [];
  for (;;) {
    const known = cache.get(dir);
    if (known !== undefined) {
      for (const v of visited) cache.set(v, known);
      return known;
    }
    visited.push(dir);
    const candidate = path.join(dir, CONFIG_NAME);
    if (fs.existsSync(candidate)) {
      for (const v of visited) cache.set(v, candidate);
      return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      for (const v of visited) cache.set(v, null);
      return null;
    }
    dir = parent;
  }
}

function jsonPath(instancePath: string): string {
  return '$' + instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p.replace(/~1/g, '/').replace(/~0/g, '~')}`)).join('');
}

export function loadConfigFile(file: string, rules: readonly Rule[]): PgvetConfig {
  let text: string;
  try {
    text = readTextFile(file);
  } catch (err) {
    throw new InputError(file, `cannot read ${file}: ${reasonOf(err)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : undefined;
    throw new InputError(file, `${file}${line ? `:${line}` : ''}: invalid JSON: ${(err as Error).message}`);
  }
  if (!validate(raw)) {
    const e = ((validate as unknown as { errors: AjvError[] }).errors ?? [])[0];
    const where = jsonPath(e?.instancePath ?? '');
    const extra = e?.params?.additionalProperty ? ` ("${String(e.params.additionalProperty)}")` : e?.params?.allowedValues ? ` (one of ${(e.params.allowedValues as unknown[]).join(', ')})` : '';
    throw new InputError(file, `${file}: ${where} ${e?.message ?? 'is invalid'}${extra}`);
  }
  const cfg = raw as RawConfig;
  const byKey = new Map<string, Rule>();
  for (const r of rules) {
    byKey.set(r.meta.id.toUpperCase(), r);
    byKey.set(r.meta.name.toLowerCase(), r);
  }
  const ruleSettings = new Map<string, RuleSetting>();
  for (const [key, value] of Object.entries(cfg.rules ?? {})) {
    const rule = byKey.get(key.toUpperCase()) ?? byKey.get(key.toLowerCase());
    if (!rule) throw new InputError(file, `${file}: $.rules.${key}: no rule has this id or name (see pgvet rules)`);
    const [level, options] = Array.isArray(value) ? value : [value, undefined];
    if (options !== undefined && Object.keys(options).length > 0 && !rule.meta.options) {
      throw new InputError(file, `${file}: $.rules.${key}[1]: ${rule.meta.id} takes no options`);
    }
    const problem = options && rule.meta.options ? rule.meta.options(options) : null;
    if (problem) throw new InputError(file, `${file}: $.rules.${key}[1]${problem}`);
    ruleSettings.set(rule.meta.id, { level, ...(options ? { options } : {}) });
  }
  const dir = path.dirname(path.resolve(file));
  // picomatch loads only when there are globs (it is a measurable part of a cold start otherwise)
  const picomatch = cfg.ignore?.length ? (createRequire(import.meta.url)('picomatch') as typeof import('picomatch')) : undefined;
  const matchers = (cfg.ignore ?? []).map((g, i) => {
    try {
      return picomatch!(g, { dot: true });
    } catch (err) {
      // picomatch refuses a pattern over 65,536 characters (and other malformed ones) by throwing
      throw new InputError(file, `${file}: /ignore/${i}: not a usable glob (${g.length > 60 ? `${g.length} characters` : JSON.stringify(g)}): ${(err as Error).message.split('\n')[0]}`);
    }
  });
  return {
    path: file,
    ...(cfg.pgVersion !== undefined ? { pgVersion: cfg.pgVersion } : {}),
    ...(cfg.failOn !== undefined ? { failOn: cfg.failOn } : {}),
    ...(cfg.maxWarnings !== undefined ? { maxWarnings: cfg.maxWarnings } : {}),
    ...(cfg.format !== undefined ? { format: cfg.format } : {}),
    ...(cfg.host !== undefined ? { host: cfg.host === 'auto' ? 'auto' : path.resolve(path.dirname(path.resolve(file)), cfg.host) } : {}),
    ...(cfg.workload !== undefined ? { workload: cfg.workload } : {}),
    ...(cfg.tune?.keep ? { tuneKeep: cfg.tune.keep } : {}),
    rules: ruleSettings,
    ignores(target) {
      if (matchers.length === 0) return false;
      const rel = path.relative(dir, path.resolve(target)).split(path.sep).join('/');
      return matchers.some((m) => m(rel));
    },
  };
}
