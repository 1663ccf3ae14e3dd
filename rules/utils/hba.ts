/** The pg_hba.conf of a lint run (--hba) as the linted server would read it: its version and settings. */
import { analyzeHba, type HbaAnalysis, type HbaEnv, type HbaRecord } from '../../src/parse/hba-line.js';
import type { FindingFile, RuleContext } from '../../src/engine/types.js';

/** The settings of the linted postgresql.conf that change what pg_hba.conf means. */
export function hbaEnv(ctx: RuleContext): HbaEnv {
  return {
    ssl: ctx.settings.bool('ssl'),
    // db_user_namespace: 13–16; oauth_validator_libraries: 18 on
    dbUserNamespace: ctx.settings.bool('db_user_namespace', false),
    oauthValidatorLibraries: ctx.settings.str('oauth_validator_libraries', ''),
  };
}

/** The records of --hba, or null without one. Computed once per file, version and settings. */
export function hbaOf(ctx: RuleContext): HbaAnalysis | null {
  return ctx.hba ? analyzeHba(ctx.hba, ctx.version, hbaEnv(ctx)) : null;
}

/** Where a finding about an hba record points: that file and line, first column. */
export function atRecord(r: Pick<HbaRecord, 'file' | 'line'>): { file: FindingFile; line: number; column: number } {
  return { file: { displayPath: r.file }, line: r.line, column: 1 };
}
