import type { RuleCases } from '../../src/engine/cases.js';

const hba = 'local all all peer\nhostssl all all 10.0.0.0/8 scram-sha-256\n';

export default {
  valid: [
    { name: 'hostssl with ssl on', conf: "ssl = on\n", hba },
    { name: 'host lines with ssl off', conf: '# ssl off\n', hba: 'local all all peer\nhost all all 10.0.0.0/8 scram-sha-256\n' },
    { name: 'an invalid hostssl line is PGV605', conf: '# ssl off\n', hba: 'local all all peer\nhostssl all all 10.0.0.0/33 md5\n' },
  ],
  invalid: [
    { name: 'hostssl with ssl off (the default)', conf: '# ssl at its default\n', hba, lines: [2], messageIncludes: 'hostssl record cannot match because SSL is disabled (ssl = off in this configuration' },
    { name: 'hostssl with ssl turned off', conf: 'ssl = off\n', hba: 'local all all peer\nhostssl all all 10.0.0.0/8 scram-sha-256\nhostssl all all ::/0 scram-sha-256\n', lines: [2, 3] },
    { name: 'an invalid ldapscheme is logged, the line loads', conf: 'ssl = on\n', hba: 'local all all peer\nhost all all 10.0.0.0/8 ldap ldapserver=ldap.example.com ldapbasedn="dc=x" ldapscheme=ldapx\n', lines: [2], messageIncludes: 'invalid ldapscheme value: "ldapx"' },
  ],
} satisfies RuleCases;
