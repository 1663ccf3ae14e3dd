/** Shared selection of value problems for the validation rules. */
import type { ParamInfo } from '../../src/catalog/types.js';
import type { ValueProblem, ValueProblemKind } from '../../src/catalog/values.js';
import type { ConfigItem } from '../../src/resolve/load.js';
import type { RuleContext } from '../../src/engine/types.js';

export interface ValueProblemAt {
  item: ConfigItem;
  param: ParamInfo | undefined;
  problem: ValueProblem;
}

/** Lines the server would refuse for their value, of the given kinds; build-dependent values are left to PGV014. */
export function valueProblems(ctx: RuleContext, kinds: ValueProblemKind[]): ValueProblemAt[] {
  const out: ValueProblemAt[] = [];
  for (const r of ctx.resolution.items) {
    if (r.status.kind !== 'invalid') continue;
    if (!kinds.includes(r.status.problem.kind)) continue;
    if (r.param && ctx.catalog.buildDependent(r.param.name, r.item.entry.value)) continue;
    out.push({ item: r.item, param: r.param, problem: r.status.problem });
  }
  return out;
}
