import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { atRecord, hbaOf } from '../utils/hba.js';

/**
 * What a pg_hba.conf line needs from the server's build or host, which pgvet cannot see: an
 * authentication method compiled in (gss, ldap, pam; sspi on Windows, bsd on OpenBSD; without it:
 * "invalid authentication method: not supported by this build" and the server refuses to start),
 * hostgssenc (never matches without GSSAPI), RADIUS server names resolved when the file is loaded,
 * an IPv6 zone naming an interface, an absolute include or @file path. SSL is in every packaged
 * build and is not named.
 */
type Msg = 'build' | 'host';

const EVERY_PACKAGE_HAS = new Set(['SSL (--with-ssl=openssl)']);

export default defineRule<Msg>({
  meta: {
    id: 'PGV607',
    name: 'hba-host-dependent',
    description: 'A pg_hba.conf line that needs a build option (gss, ldap, pam, sspi, bsd) or something only the server host has (a resolvable RADIUS server, an interface, a file).',
    defaultSeverity: 'info',
    messages: {
      build: (d) => `this line needs a server built with ${d.build}; a server without it ${d.type ? 'never matches the line' : 'refuses to start (not supported by this build)'}`,
      host: (d) => `${d.what}; else the server refuses to start`,
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    for (const r of hbaOf(ctx)?.records ?? []) {
      if (r.error !== undefined) continue;
      for (const need of r.needsBuild ?? []) {
        if (EVERY_PACKAGE_HAS.has(need.build)) continue;
        out.push({ messageId: 'build', data: { build: need.build, type: need.by === 'type' ? 'yes' : '' }, ...atRecord(r), help: 'packaged builds (PGDG, Debian, Red Hat) include GSSAPI, LDAP and PAM' });
      }
      if (r.hostDependent) out.push({ messageId: 'host', data: { what: r.hostDependent }, ...atRecord(r) });
    }
    return out;
  },
});
