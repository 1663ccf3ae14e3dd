import { defineRule } from '../../src/engine/types.js';
import { atRecord, hbaOf } from '../utils/hba.js';

/**
 * Records the server loads while logging that they cannot work: a hostssl line while ssl is off
 * ("hostssl record cannot match because SSL is disabled"), an ldapscheme other than ldap/ldaps
 * (parse_hba_line, parse_hba_auth_opt).
 */
export default defineRule<'unusable'>({
  meta: {
    id: 'PGV606',
    name: 'hba-line-unusable',
    description: 'A pg_hba.conf line the server loads but says cannot work, such as hostssl while ssl is off.',
    defaultSeverity: 'warning',
    parameters: ['ssl'],
    messages: {
      unusable: (d) => `${d.message}${d.hint ? ` (${d.hint})` : ''}`,
    },
  },
  check(ctx) {
    return (hbaOf(ctx)?.records ?? [])
      .filter((r) => r.warning !== undefined)
      .map((r) => {
        const ssl = r.warning!.startsWith('hostssl');
        return {
          messageId: 'unusable' as const,
          data: { message: r.warning!, hint: ssl ? 'ssl = off in this configuration: no client can use this line' : 'LDAP logins through this line will fail' },
          ...atRecord(r),
          help: ssl ? 'set ssl = on (with a certificate) in postgresql.conf, or use host' : 'use ldapscheme=ldap or ldapscheme=ldaps',
        };
      });
  },
});
