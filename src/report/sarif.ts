/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub, GitLab, Azure DevOps).
 * Rules come from rule metadata; a finding with no line (about a default value) still points
 * at its file.
 */
import type { Finding, Rule, Severity } from '../engine/types.js';
import type { LintReport } from './json.js';
import { safeJson, sarifText } from './escape.js';
import { suggestionText } from './suggestion.js';

/** Where rule documentation is published: the rule folders of the repository. */
export const RULE_DOCS_BASE = 'https://github.com/pgvet/pgvet/blob/main/rules';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function ruleHelpUri(rule: Rule): string {
  return `${RULE_DOCS_BASE}/${rule.meta.id}-${rule.meta.name}/README.md`;
}

function toUri(file: string): string {
  // relative paths stay relative (to the run's working directory, %SRCROOT%); no backslashes
  return file.split('\\').map(encodeURIComponent).join('/').replace(/%2F/g, '/');
}

export function renderSarif(report: LintReport, rules: readonly Rule[], version: string): string {
  const index = new Map(rules.map((r, i) => [r.meta.id, i]));
  const result = (f: Finding): object => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) ?? -1,
    level: LEVEL[f.severity],
    // plain text only (no `markdown`), and no embedded links from the file (escape.ts sarifText)
    message: { text: f.help ? `${sarifText(f.message)}\n${f.suggestion ? `fix: ${sarifText(suggestionText(f.suggestion))}` : `help: ${sarifText(f.help)}`}` : sarifText(f.message) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(f.file), ...(f.file.startsWith('/') ? {} : { uriBaseId: '%SRCROOT%' }) },
          ...(f.line > 0 ? { region: { startLine: f.line, ...(f.column > 0 ? { startColumn: f.column } : {}) } } : {}),
        },
      },
    ],
    ...(f.parameter ? { properties: { parameter: f.parameter, ...(f.suggestion ? { suggestion: f.suggestion } : {}) } } : {}),
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pgvet',
            version,
            informationUri: 'https://github.com/pgvet/pgvet',
            rules: rules.map((r) => ({
              id: r.meta.id,
              name: r.meta.name,
              shortDescription: { text: r.meta.description },
              helpUri: ruleHelpUri(r),
              defaultConfiguration: { level: LEVEL[r.meta.defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `file://${process.cwd().replace(/\/?$/, '/')}` } },
        properties: { pgVersion: report.pgVersion },
        // the run's note (host-aware rules that did not run): about the run, not a result
        ...(report.summary.note ? { invocations: [{ executionSuccessful: true, toolExecutionNotifications: [{ level: 'note', message: { text: sarifText(report.summary.note) } }] }] } : {}),
        results: report.findings.map(result),
      },
    ],
  };
  return safeJson(JSON.stringify(sarif, null, 2)) + '\n';
}
