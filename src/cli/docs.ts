/** `pgvet rules` and `pgvet explain`: documentation from rule metadata, rule READMEs and the catalog. */
import { formatValue } from '../format.js';
import fs from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '../catalog/catalog.js';
import { PG_MAJORS } from '../catalog/types.js';
import { parseValue } from '../catalog/values.js';
import { closestNames } from '../engine/suggest.js';
import { RULES_DIR } from '../paths.js';
import { RULES } from '../../rules/index.js';
import { pickVersion, UsageError } from './common.js';
import { printable } from '../report/escape.js';

/** Every rule, or with a version those that apply to it: id, name, default severity, summary. */
export function listRules(version?: number): string {
  const applies = (r: (typeof RULES)[number]): boolean =>
    version === undefined || ((r.meta.versions?.from ?? 0) <= version && version <= (r.meta.versions?.to ?? Infinity));
  const width = Math.max(...RULES.map((r) => r.meta.name.length));
  const rows = RULES.filter(applies).map((r) => `${r.meta.id}  ${r.meta.name.padEnd(width)} ${r.meta.defaultSeverity.padEnd(8)} ${r.meta.description}`);
  return rows.join('\n') + '\n';
}


/** A rule's README, or a parameter's facts for a version (--pg-version, else the newest). */
export function explain(topic: string, pgVersion?: number): string {
  const { version } = pickVersion(pgVersion);
  const rule = RULES.find((r) => r.meta.id.toLowerCase() === topic.toLowerCase() || r.meta.name === topic.toLowerCase());
  if (rule) {
    const folder = `${rule.meta.id}-${rule.meta.name}`;
    return fs.readFileSync(path.join(RULES_DIR, folder, 'README.md'), 'utf8');
  }
  const catalog = loadCatalog(version);
  const param = catalog.lookup(topic);
  if (!param) {
    const removed = catalog.removed(topic);
    if (removed) return `${printable(topic)}: removed in PostgreSQL ${removed.removedIn}. ${removed.advice}.\nsource: ${removed.source}\n`;
    const guess = closestNames(topic, [...catalog.params.values()].map((p) => p.name).concat(RULES.map((r) => r.meta.name)))[0];
    throw new UsageError(`no rule or PostgreSQL ${version} parameter named "${topic}"${guess ? `; did you mean "${guess}"?` : ''}`);
  }
  const since = PG_MAJORS.find((v) => loadCatalog(v).params.has(param.name.toLowerCase()));
  const def = parseValue(param, param.default ?? '', version);
  const lines = [
    `${param.name} (PostgreSQL ${version})`,
    `  ${param.description}`,
    `  type:     ${param.type}${param.unit ? ` (unit: ${param.unit})` : ''}`,
    ...(param.min !== null && param.max !== null ? [`  range:    ${param.min} .. ${param.max}${param.unit ? ` ${param.unit}` : ''}`] : []),
    ...(param.enumValues ? [`  values:   ${param.enumValues.join(', ')}`] : []),
    `  default:  ${param.default === '' ? "''" : param.default}${def.ok && typeof def.value === 'number' && param.unit ? ` (${formatValue(param, def.value)})` : ''}`,
    `  context:  ${param.context}${param.context === 'postmaster' ? ' (changing it needs a restart)' : param.context === 'sighup' ? ' (reload)' : ''}`,
    `  category: ${param.category}`,
    `  since:    ${since === 13 ? '13 or earlier' : String(since)}`,
    `  docs:     https://www.postgresql.org/docs/${version}/runtime-config.html`,
  ];
  return lines.join('\n') + '\n';
}
