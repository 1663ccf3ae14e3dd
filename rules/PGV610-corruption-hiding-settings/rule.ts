import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { at } from '../utils/values.js';

/**
 * Developer options that hide corruption or let a stray DDL break the catalog (runtime-config-developer).
 * pg_gather flags zero_damaged_pages; CloudNativePG blocks allow_system_table_mods; the other three
 * hide the same kind of damage (an extension beyond the peers: pg_gather checks zero_damaged_pages only, docs/peer-coverage.md DUR-3).
 */
const SWITCHES = {
  zero_damaged_pages: 'pages with a damaged header are replaced by zeros and their rows vanish without an error',
  ignore_checksum_failure: 'checksum failures are only warned about, and the corrupt page is read and used',
  ignore_invalid_pages: 'WAL replay carries on past references to invalid pages, hiding corruption it should stop at',
  ignore_system_indexes: 'every session reads the catalogs without their indexes: slow, and a catalog index problem goes unnoticed',
  allow_system_table_mods: 'any superuser DDL can change the system catalogs, which can corrupt the database',
} as const;

export default defineRule<'switchOn'>({
  meta: {
    id: 'PGV610',
    name: 'corruption-hiding-settings',
    description: 'zero_damaged_pages and the other developer options that hide corruption (or allow catalog changes) are on server-wide.',
    defaultSeverity: 'warning',
    parameters: Object.keys(SWITCHES),
    messages: {
      switchOn: (d) => `${d.param} = on: ${d.why}; it is a recovery tool for one session, not a server setting`,
    },
  },
  check(ctx) {
    const out: RuleFinding<'switchOn'>[] = [];
    for (const [param, why] of Object.entries(SWITCHES)) {
      if (ctx.settings.bool(param)) out.push({ messageId: 'switchOn', data: { param, why }, ...at(ctx, param), suggestion: `${param} = off`, help: 'remove it from the file; set it only with SET in the session that salvages data, after taking a copy' });
    }
    return out;
  },
});
