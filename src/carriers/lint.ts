/**
 * Glue to today's engine (phase 1 of issue 16; the new analyze() pipeline replaces it): lint a
 * server's effective configuration with lintFile, the generated file given as the main file's
 * bytes (includes of a mounted configuration file are read from disk), and every finding moved
 * back to the carrier's own file, line and column. Findings on a value the platform supplies
 * say so.
 */
import type { Host } from '../host/types.js';
import { isPgMajor, loadCatalog } from '../catalog/catalog.js';
import { NEWEST_MAJOR, type PgMajor } from '../catalog/types.js';
import { sortFindings, type SkippedRule } from '../engine/lint.js';
import { analyze, type AnalyzeOptions } from '../analyze.js';
import { RULES } from '../../rules/index.js';
import type { Finding } from '../engine/types.js';
import type { Effective } from './effective.js';
import { platformName } from './effective.js';
import type { ServerModel } from './model.js';
import { originOf, renderEffective } from './render.js';
import { simulate, type Estimate } from '../simulate/index.js';
import { settingReader } from '../resolve/reader.js';
import { checkPlatform } from './checks.js';

/** What the document says about the host, as pgvet's host facts: limits first, else requests. */
export function hostFromModel(server: ServerModel): Partial<Host> {
  const h = server.host;
  const host: Partial<Host> = {};
  const ram = h.memoryLimitBytes ?? h.memoryRequestBytes;
  const cores = h.cpuLimit ?? h.cpuRequest;
  if (ram) host.ramBytes = ram.value;
  if (cores) host.cores = cores.value;
  if (server.replicas) host.replicas = server.replicas.value;
  if (ram && ['cnpg', 'zalando', 'pgo', 'stackgres', 'docker', 'bitnami'].includes(server.platform)) host.containerLimited = true;
  return host;
}

export interface CarrierLintOptions extends Omit<AnalyzeOptions, 'version' | 'mainBytes' | 'host' | 'rules'> {
  /** --pg-version; else the document's major; else the newest. */
  version?: PgMajor;
  /** Host facts from flags: they win over the document's, field by field. */
  host?: Partial<Host>;
}

export interface CarrierLint {
  version: PgMajor;
  host: Partial<Host>;
  findings: Finding[];
  /** Rules skipped for want of host facts (the run's note). */
  skipped: SkippedRule[];
  /** The generated configuration (for --show-effective and tests). */
  text: string;
}

export function lintEffective(eff: Effective, options: CarrierLintOptions = {}): CarrierLint {
  const server = eff.server;
  const stated = server.pgVersion?.major;
  const version: PgMajor = options.version ?? (stated !== undefined && isPgMajor(stated) ? stated : NEWEST_MAJOR);
  const documentHost = hostFromModel(server);
  const host: Partial<Host> = { ...documentHost, ...(options.host ?? {}) };
  const rendered = renderEffective(eff);
  const mainPath = server.at.file;
  const { version: _v, host: _h, ...rest } = options;
  const result = analyze(mainPath, { ...rest, version, rules: RULES, host, mainBytes: new TextEncoder().encode(rendered.text) });
  const findings: Finding[] = result.findings.map((f) => {
    if (f.file !== mainPath) return f;
    if (f.line === 0) return { ...f, line: server.at.line, column: server.at.column };
    const { at, platformValue } = originOf(rendered, f.line, f.column, server.at);
    const message = platformValue ? `${f.message} (set by ${platformName(server.platform)}: ${platformValue.section})` : f.message;
    return { ...f, file: at.file, line: at.line, column: at.column, message };
  });
  let estimate: Estimate | undefined;
  const platform = checkPlatform({
    eff,
    version,
    catalog: loadCatalog(version),
    settings: settingReader(result.resolution.settings),
    estimate: () => (estimate ??= simulate({ settings: result.resolution.settings, version, host: { ...host, source: 'flags' } })),
    flags: { ...(options.version !== undefined ? { version: options.version } : {}), ...(options.host ? { host: options.host } : {}) },
    documentHost,
  });
  for (const f of platform) {
    const setting = options.ruleSettings?.get(f.ruleId);
    if (setting?.level === 'off') continue;
    findings.push(setting ? { ...f, severity: setting.level } : f);
  }
  return { version, host, findings: sortFindings(findings), skipped: result.skipped, text: rendered.text };
}
