import type { RuleCases } from '../../src/engine/cases.js';

const conf = '# postgresql.conf unchanged\n';
const ok = 'local all all peer\n';

export default {
  valid: [
    { name: 'methods every build has', conf, hba: `${ok}host all all 10.0.0.0/8 scram-sha-256\nhost all all 10.0.0.0/8 reject\nhost all all 10.0.0.0/8 radius radiusservers=10.0.0.1 radiussecrets=s\n` },
    { name: 'SSL is in every packaged build', conf: 'ssl = on\n', hba: `${ok}hostssl all all 10.0.0.0/8 cert\n` },
    { name: 'an invalid gss line is PGV605', conf, hba: `${ok}local all all gss\n` },
  ],
  invalid: [
    { name: 'gss, ldap, pam', conf, hba: `${ok}host all all 10.0.0.0/8 gss\nhost all all 10.0.0.0/8 ldap ldapserver=l ldapprefix="cn="\nhost all all 10.0.0.0/8 pam\n`, lines: [2, 3, 4], messageIncludes: 'this line needs a server built with' },
    { name: 'sspi and bsd', conf, hba: `${ok}host all all 10.0.0.0/8 sspi\nlocal all all bsd\n`, lines: [2, 3], messageIncludes: 'refuses to start (not supported by this build)' },
    { name: 'hostgssenc never matches without GSSAPI', conf, hba: `${ok}hostgssenc all all 10.0.0.0/8 scram-sha-256\n`, lines: [2], messageIncludes: 'GSSAPI (--with-gssapi); a server without it never matches the line' },
    { name: 'a RADIUS server name', conf, hba: `${ok}host all all 10.0.0.0/8 radius radiusservers=radius.example.com radiussecrets=s\n`, lines: [2], messageIncludes: 'the RADIUS server name "radius.example.com" must resolve on the server host' },
    { name: 'an IPv6 zone naming an interface', conf, hba: `${ok}host all all fe80::1%eth0/64 scram-sha-256\n`, lines: [2], messageIncludes: 'interface "eth0"' },
    { name: 'an absolute include that is not here (16+)', conf, hba: `${ok}include /etc/postgresql/hba.d/extra.conf\n`, versions: [16, 17, 18], lines: [2], messageIncludes: 'must exist on the server host' },
    { name: 'an absolute @file that is not here', conf, hba: `${ok}host all @/etc/postgresql/admins 10.0.0.0/8 md5\n`, lines: [2] },
  ],
} satisfies RuleCases;
