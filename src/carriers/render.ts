/**
 * The effective configuration as a postgresql.conf the existing pipeline can read, the way the
 * platforms write theirs (`name = 'value'`, quotes and backslashes doubled, as CloudNativePG and
 * Patroni do), with configuration text carried verbatim (Bitnami's extendedConfiguration) and a
 * mounted file included in place. Each generated line knows where it came from in the carrier.
 */
import type { ConfText, Position } from './model.js';
import type { Effective, EffectiveSetting } from './effective.js';

export type LineOrigin =
  | { kind: 'setting'; setting: EffectiveSetting; valueColumn: number }
  | { kind: 'text'; conf: ConfText; line: number }
  | { kind: 'include'; conf: ConfText };

export interface Rendered {
  text: string;
  /** origins[i] is generated line i + 1. */
  origins: LineOrigin[];
}

export function quoteConf(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

export function renderEffective(eff: Effective): Rendered {
  const lines: string[] = [];
  const origins: LineOrigin[] = [];
  const line = (s: EffectiveSetting): void => {
    const prefix = `${s.name} = `;
    lines.push(`${prefix}${quoteConf(s.value)}`);
    origins.push({ kind: 'setting', setting: s, valueColumn: prefix.length + 1 });
  };
  const own = eff.settings.filter((s) => !s.conf);
  for (const s of own) if (!s.commandLine && s.layer !== 'forced') line(s);
  for (const conf of eff.server.confTexts) {
    if (conf.kind === 'file' && conf.path) {
      lines.push(`include ${quoteConf(conf.path)}`);
      origins.push({ kind: 'include', conf });
      continue;
    }
    const textLines = conf.text.replace(/\n$/, '').split('\n');
    textLines.forEach((t, i) => {
      lines.push(t);
      origins.push({ kind: 'text', conf, line: i + 1 });
    });
  }
  for (const s of own) if (s.commandLine || s.layer === 'forced') line(s);
  return { text: lines.length ? `${lines.join('\n')}\n` : '', origins };
}

/** Where a finding at (line, column) of the generated file belongs in the carrier. */
export function originOf(rendered: Rendered, line: number, column: number, fallback: Position): { at: Position; platformValue?: EffectiveSetting } {
  const o = rendered.origins[line - 1];
  if (!o) return { at: fallback };
  if (o.kind === 'setting') {
    const s = o.setting;
    const at = column >= o.valueColumn ? (s.at ?? s.key) : (s.key ?? s.at);
    return at ? { at } : { at: fallback, platformValue: s };
  }
  if (o.kind === 'include') return { at: o.conf.at };
  const m = o.conf.lineMap?.[o.line - 1];
  if (!m) return { at: o.conf.at };
  return { at: { file: o.conf.at.file, line: m.line, column: m.exact ? column + m.columnOffset : o.conf.at.column, ...(o.conf.at.path ? { path: o.conf.at.path } : {}) } };
}
