import { defineRule } from '../../src/engine/types.js';
import { locateSetting } from '../utils/locate.js';
import { wildcardListen } from '../utils/listen.js';

/**
 * md5 password hashes are replayable and weak; SCRAM-SHA-256 is the default since 14, and 18
 * deprecates md5 passwords (release notes 18: md5_password_warnings).
 */
export default defineRule<'md5' | 'md5Exposed'>({
  meta: {
    id: 'PGV602',
    name: 'md5-password-encryption',
    description: 'password_encryption = md5: weak hashes (deprecated in 18), worse on a server listening everywhere.',
    defaultSeverity: 'warning',
    parameters: ['password_encryption', 'listen_addresses'],
    messages: {
      md5: (d) => `password_encryption = md5 stores weak MD5 password hashes${d.deprecated ? '; PostgreSQL 18 deprecates MD5 passwords and will remove them' : ''}; use scram-sha-256`,
      md5Exposed: (d) => `password_encryption = md5 on a server listening on '${d.addr}': MD5 hashes are weak and a captured hash is as good as the password; use scram-sha-256`,
    },
  },
  check(ctx) {
    const enc = ctx.settings.str('password_encryption');
    if (enc !== 'md5' && enc !== 'on' && enc !== 'true' && enc !== 'yes' && enc !== '1') return [];
    const addr = wildcardListen(ctx);
    const at = { ...locateSetting(ctx, 'password_encryption'), parameter: 'password_encryption', suggestion: "password_encryption = 'scram-sha-256'", help: 'existing users must set their password again to get a SCRAM hash' };
    if (addr) return [{ messageId: 'md5Exposed' as const, data: { addr }, ...at }];
    return [{ messageId: 'md5' as const, data: { deprecated: ctx.version >= 18 ? 'yes' : '' }, ...at }];
  },
});
