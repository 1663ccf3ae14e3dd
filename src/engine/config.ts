/**
 * .pgvetrc.json: found by walking up from the linted file (or named with --config), validated
 * by a precompiled JSON Schema validator (src/engine/generated), one-line errors with the JSON
 * path. Command-line flags override it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { PgMajor } from '../catalog/types.js';
import { PACKAGE_ROOT } from '../paths.js';
import { readJsonFile, readPackageJson } from '../io/json.js';
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

/** Where the schema is, for naming allowed fields and values in an error (the validator is precompiled from it). */
export const PGVETRC_SCHEMA_PATH = path.join(PACKAGE_ROOT, 'src', 'engine', 'pgvetrc.schema.json');

export function loadConfigFile(file: string, rules: readonly Rule[]): PgvetConfig {
  const json = readJsonFile<RawConfig>(file, { what: 'config file', schema: { validator: () => validate, schema: () => readPackageJson<object>(PGVETRC_SCHEMA_PATH) } });
  const cfg = json.data;
  const byKey = new Map<string, Rule>();
  for (const r of rules) {
    byKey.set(r.meta.id.toUpperCase(), r);
    byKey.set(r.meta.name.toLowerCase(), r);
  }
  const ruleSettings = new Map<string, RuleSetting>();
  for (const [key, value] of Object.entries(cfg.rules ?? {})) {
    const rule = byKey.get(key.toUpperCase()) ?? byKey.get(key.toLowerCase());
    if (!rule) throw json.error(['rules', key], 'no rule has this id or name (see pgvet rules)');
    const [level, options] = Array.isArray(value) ? value : [value, undefined];
    if (options !== undefined && Object.keys(options).length > 0 && !rule.meta.options) {
      throw json.error(['rules', key, 1], `${rule.meta.id} takes no options`);
    }
    const problem = options && rule.meta.options ? rule.meta.options(options) : null;
    if (problem) {
      // a rule's options check says `.name: what is wrong`
      const m = /^\.([^:]+): (.*)$/s.exec(problem);
      throw m ? json.error(['rules', key, 1, m[1]!], m[2]!) : json.error(['rules', key, 1], problem.replace(/^:\s*/, ''));
    }
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
      throw json.error(['ignore', i], `not a usable glob (${g.length > 60 ? `${g.length} characters` : JSON.stringify(g)}): ${(err as Error).message.split('\n')[0]}`);
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
