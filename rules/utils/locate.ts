/** Where a finding about an effective setting points: the line that set it, else the main file. */
import type { SourceFile } from '../../src/resolve/load.js';
import type { RuleContext } from '../../src/engine/types.js';

export interface Location {
  file: SourceFile;
  line: number;
  column: number;
}

export function locateSetting(ctx: RuleContext, name: string): Location {
  const source = ctx.resolution.settings.get(name.toLowerCase())?.source;
  if (source) return { file: source.file, line: source.entry.line, column: source.entry.column };
  return { file: ctx.config.main, line: 0, column: 0 };
}

export function isSet(ctx: RuleContext, name: string): boolean {
  return ctx.resolution.settings.get(name.toLowerCase())?.source !== undefined;
}
