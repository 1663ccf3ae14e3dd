import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { atRecord, hbaOf } from '../utils/hba.js';

/**
 * pg_hba.conf records the server cannot load (parse_hba_line, tokenize_auth_file in hba.c): at
 * start the postmaster logs each one with its file and line and stops with `FATAL: could not
 * load pg_hba.conf`; on reload it keeps the old rules and the edit silently does nothing.
 */
type Msg = 'invalid' | 'noEntries';

export default defineRule<Msg>({
  meta: {
    id: 'PGV605',
    name: 'hba-invalid-line',
    description: 'A pg_hba.conf line the server cannot load (or a file with no entries): the server refuses to start, and a reload keeps the old rules.',
    defaultSeverity: 'error',
    messages: {
      invalid: (d) => `${d.message}: the server cannot load this pg_hba.conf line and refuses to start (could not load pg_hba.conf)`,
      noEntries: (d) => `configuration file "${d.file}" contains no entries: the server refuses to start without at least one pg_hba.conf rule`,
    },
  },
  check(ctx) {
    const hba = hbaOf(ctx);
    if (!hba) return [];
    const out: RuleFinding<Msg>[] = [];
    for (const r of hba.records) {
      if (r.error === undefined) continue;
      // include_dir gathers one message per file it could not open
      for (const message of r.error.split('\n')) out.push({ messageId: 'invalid', data: { message, raw: r.raw }, ...atRecord(r), help: 'see the pg_hba.conf documentation: TYPE DATABASE USER [ADDRESS] METHOD [OPTIONS]' });
    }
    if (hba.noEntries) out.push({ messageId: 'noEntries', data: { file: ctx.hba!.path }, file: { displayPath: ctx.hba!.path }, line: 0, column: 0, help: 'add at least one rule, e.g. local all all peer' });
    return out;
  },
});
