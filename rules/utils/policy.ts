/**
 * One policy for lint and tune (issue 14): the advisory rules that are not themselves built on the
 * guidance bands (the peer checks of issue 15, the host checks) still speak about parameters the
 * policy judges. Their findings are reconciled with it here, once, so that a suggestion is always
 * what `pgvet tune` would write and lint never advises against tune:
 *
 * - a suggestion for a parameter the policy judges becomes the policy's recommendation, or is
 *   dropped when tune keeps the file's value;
 * - an info finding that suggests a value for such a parameter goes when the policy finds the
 *   current value fine (inside the band, and tune keeps it), or when a guided rule already reports
 *   it on that side of the band (host-math.ts GUIDED);
 * - findings without a suggestion are the rule's own judgement and stay;
 * - warnings stay (a risk the policy does not size, e.g. a freeze age), with the suggestion aligned,
 *   except on the very size or count the policy chooses for this host (lint never warns about what
 *   tune writes; switches stay: a peer check may see what the policy cannot, e.g. standbys named);
 * - a suggestion for a parameter the policy does not set becomes help text: `tune` would not write it.
 *
 * It applies to the peer checks built on src/guidance/checks.ts (issue 15); error rules (what the
 * server refuses), the guided rules and the build/host notes are never touched.
 */
import type { HostField, Rule, RuleContext, RuleFinding, Severity } from '../../src/engine/types.js';

/** The host facts a rule needs (its meta.needs), by rule id. */
export type NeedsOf = (id: string) => readonly HostField[] | undefined;
import { guidanceFor, guidedReports } from './host-math.js';

function suggestedName(s: RuleFinding['suggestion']): string | undefined {
  if (s === undefined) return undefined;
  if (typeof s !== 'string') return s.parameter.toLowerCase();
  const m = /^\s*([A-Za-z_][\w.]*)\s*=/.exec(s);
  return m ? m[1]!.toLowerCase() : undefined;
}

/** The findings of `rule`, reconciled with the guidance policy for this file and host. */
export function reconcile<M extends string>(rule: Rule<M>, needs: NeedsOf, ctx: RuleContext, findings: Iterable<RuleFinding<M>>): Array<RuleFinding<M>> {
  let g: ReturnType<typeof guidanceFor> | null | undefined;
  const policy = (): ReturnType<typeof guidanceFor> | null => {
    if (g === undefined) {
      try {
        g = guidanceFor(ctx);
      } catch {
        g = null; // the policy cannot judge this host (facts missing): the rule's own words stand
      }
    }
    return g;
  };
  const out: Array<RuleFinding<M>> = [];
  for (const f of findings) {
    const name = suggestedName(f.suggestion);
    if (name === undefined) {
      out.push(f); // no value proposed: the rule's own judgement
      continue;
    }
    const p = policy()?.byName.get(name);
    if (!p || !p.target) {
      const { suggestion, ...rest } = f;
      const text = typeof suggestion === 'string' ? suggestion : `${suggestion!.parameter} = ${suggestion!.value}`;
      out.push({ ...rest, help: f.help ? `${f.help} (consider ${text})` : `consider ${text}` } as RuleFinding<M>);
      continue;
    }
    const severity: Severity = f.severity ?? rule.meta.defaultSeverity;
    if (severity === 'info' && p.verdict.inside && p.kept) continue;
    // a guided rule already says it, with the policy's words and value: not twice
    if (severity === 'info' && !p.verdict.inside && guidedReports(p.name, p.verdict.side, (id) => (needs(id) ?? []).every((f) => (f === 'hba' ? ctx.hba !== undefined : ctx.host[f] !== undefined)))) continue;
    if (p.nature !== 'switch' && p.kept && p.current.text === p.target.text) continue;
    const { suggestion: _old, ...rest } = f;
    out.push(p.kept ? (rest as RuleFinding<M>) : { ...rest, suggestion: `${p.name} = ${p.recommended.text}` });
  }
  return out;
}

/** The peer checks of issue 15 (docs/peer-coverage.md): their thresholds are in src/guidance/checks.ts, their suggestions may name a parameter the policy sizes. */
export const PEER_CHECKS: ReadonlySet<string> = new Set([
  'PGV110', 'PGV111', 'PGV112', 'PGV113', 'PGV206', 'PGV207', 'PGV208', 'PGV209',
  'PGV303', 'PGV304', 'PGV305', 'PGV306', 'PGV307', 'PGV308', 'PGV309', 'PGV310', 'PGV311', 'PGV312', 'PGV313',
  'PGV404', 'PGV405', 'PGV406', 'PGV502', 'PGV503', 'PGV610', 'PGV611', 'PGV612',
  'PGV701', 'PGV702', 'PGV703', 'PGV704', 'PGV705', 'PGV804',
]);

/** `rule`, its findings reconciled with the policy when it is one of the peer checks (else as it is). */
export function onPolicy<M extends string>(rule: Rule<M>, needs: NeedsOf): Rule<M> {
  if (!PEER_CHECKS.has(rule.meta.id) || rule.meta.defaultSeverity === 'error' || 'guided' in rule.meta.messages) return rule;
  return { meta: rule.meta, check: (ctx) => reconcile(rule, needs, ctx, rule.check(ctx)) };
}
