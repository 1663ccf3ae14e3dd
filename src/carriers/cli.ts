/**
 * What `pgvet lint` needs from the carriers (kept here so that src/cli only branches):
 * `--show-effective`, and linting a carrier's servers with today's engine. Loaded only when an
 * input is a carrier (src/cli/carriers-link.ts; which inputs are: sniff.ts).
 */
import type { Host } from '../host/types.js';
import type { SkippedRule } from '../engine/lint.js';
import type { PgMajor } from '../catalog/types.js';
import type { Finding, HbaFile } from '../engine/types.js';
import type { RuleSetting } from '../engine/config.js';
import { effectiveConfig } from './effective.js';
import { lintEffective } from './lint.js';
import type { CarrierId } from './model.js';
import { readCarriers } from './read.js';
import { renderEffectiveJson, renderEffectiveText } from './show.js';

/** --max-file-size, handed over from the CLI bundle (this bundle has its own copy of src/io/read.ts). */
export { setMaxFileSize } from '../io/read.js';
/** `tune` and `simulate` on a carrier. */
export { toolInput, planCarrierEdit, type ToolInput, type CarrierEditPlan } from './tool.js';

export function showEffective(files: string[], options: { carrier?: CarrierId; format: string; stdin?: Uint8Array }): string {
  const reads = readCarriers(files, { ...(options.carrier ? { carrier: options.carrier } : {}), ...(options.stdin ? { stdin: options.stdin } : {}) });
  return options.format === 'json' ? renderEffectiveJson(reads) : renderEffectiveText(reads);
}

export interface CarrierLintArgs {
  carrier?: CarrierId;
  /** --pg-version (only when given as a flag; otherwise each server's own). */
  version?: PgMajor;
  fallbackVersion: PgMajor;
  host?: Partial<Host>;
  ruleSettings?: ReadonlyMap<string, RuleSetting>;
  hba?: HbaFile;
  stdin?: Uint8Array;
}

/** Lint every server of a carrier input; findings point into the carrier files. */
export function lintCarrier(file: string, args: CarrierLintArgs): { findings: Finding[]; skipped: SkippedRule[]; files: string[]; version: PgMajor; fromDocument: boolean } {
  const reads = readCarriers([file], { ...(args.carrier ? { carrier: args.carrier } : {}), ...(args.stdin ? { stdin: args.stdin } : {}) });
  const findings: Finding[] = [];
  const skipped: SkippedRule[] = [];
  const files: string[] = [];
  let version: PgMajor | undefined;
  let fromDocument = false;
  const seen = new Set<string>();
  for (const r of reads) {
    if (!files.includes(r.file)) files.push(r.file);
    for (const server of r.servers) {
      const result = lintEffective(effectiveConfig(server), {
        ...(args.version ? { version: args.version } : {}),
        ...(args.host ? { host: args.host } : {}),
        ...(args.ruleSettings ? { ruleSettings: args.ruleSettings } : {}),
        ...(args.hba ? { hba: args.hba } : {}),
      });
      if (version === undefined) {
        version = result.version;
        fromDocument = args.version === undefined && server.pgVersion?.major === result.version;
      }
      skipped.push(...result.skipped);
      for (const f of result.findings) {
        // servers of one document (PGO's instance sets) share its parameters: one finding per place
        const key = `${f.ruleId}\u0000${f.file}\u0000${f.line}\u0000${f.column}\u0000${f.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push(f);
      }
    }
  }
  return { findings, skipped, files, version: version ?? args.version ?? args.fallbackVersion, fromDocument };
}
