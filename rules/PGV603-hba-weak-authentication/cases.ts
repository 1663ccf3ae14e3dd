import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;
const conf = '# postgresql.conf unchanged\n';

export default {
  valid: [
    { name: 'scram over TLS from a private range', conf, hba: 'local all all peer\nhostssl all all 10.0.0.0/8 scram-sha-256\n' },
    { name: 'trust on local lines is not judged', conf, hba: 'local all all trust\n', host: { ramBytes: 16 * GB, cores: 4 } },
    { name: 'scram from anywhere', conf, hba: 'hostssl all all 0.0.0.0/0 scram-sha-256\nhostssl all all ::/0 scram-sha-256\n' },
    { name: 'md5 from a private range before 18', conf, hba: 'host all all 192.168.0.0/16 md5\n', versions: [13, 14, 15, 16, 17] },
    { name: 'reject lines and comments', conf, hba: '# host all all 0.0.0.0/0 trust\nhostnossl all all 0.0.0.0/0 reject\nhostssl all all all cert\n' },
    { name: 'an empty file', conf, hba: '' },
    { name: 'a line the server cannot load is PGV605, not judged here', conf, hba: 'host all all 10.0.0.0/33 trust\n' },
    { name: 'md5 on a local line on 18', conf, hba: 'local all all md5\n', versions: [18] },
  ],
  invalid: [
    { name: 'trust on loopback', conf, hba: 'host all all 127.0.0.1/32 trust\n', lines: [1], messageIncludes: '"host all all 127.0.0.1/32 trust" lets anyone who can reach the port in as any user, without a password' },
    { name: 'trust for one user', conf, hba: 'host app appuser 10.0.0.0/8 trust\n', lines: [1], messageIncludes: 'in as appuser, without a password' },
    { name: 'password without TLS', conf, hba: 'local all all peer\nhost all all 10.0.0.0/8 password\n', lines: [2], messageIncludes: 'method "password" sends the password in clear text over the network (this line does not require SSL)' },
    { name: 'md5 from 0.0.0.0/0', conf, hba: 'host all all 0.0.0.0/0 md5\n', lines: [1], messageIncludes: '0.0.0.0/0 with method md5: the whole internet may try passwords, and md5 is weak' },
    { name: 'md5 from ::/0', conf, hba: 'host all all ::/0 md5\n', lines: [1], messageIncludes: '::/0 with method md5' },
    { name: 'md5 from all', conf, hba: 'hostssl all all all md5\n', lines: [1], messageIncludes: 'all with method md5' },
    { name: 'md5 from address and netmask 0.0.0.0 0.0.0.0', conf, hba: 'host all all 0.0.0.0 0.0.0.0 md5\n', lines: [1], messageIncludes: '0.0.0.0 0.0.0.0 with method md5' },
    { name: 'trust from anywhere is one finding', conf, hba: 'host all all 0.0.0.0/0 trust\n', lines: [1], messageIncludes: 'without a password' },
    { name: 'several weak lines', conf, hba: 'host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nhost all all 0.0.0.0/0 md5\n', lines: [1, 2, 3] },
    { name: 'md5 from a private range on 18: deprecated', conf, hba: 'host all all 192.168.0.0/16 md5\n', versions: [18], lines: [1], messageIncludes: 'MD5 passwords are deprecated in PostgreSQL 18' },
    { name: 'a continued line is found at its first line (14+)', conf, hba: 'local all all peer\nhost all all \\\n  10.0.0.0/8 trust\nhost all all 10.0.0.0/8 password\n', versions: [14, 15, 16, 17, 18], lines: [2, 4] },
    { name: 'a weak line in an included file (16+)', conf, hba: 'local all all peer\ninclude extra.conf\n', files: { 'extra.conf': '# extra rules\nhost all all 10.0.0.0/8 trust\n' }, versions: [16, 17, 18], lines: [2] },
  ],
} satisfies RuleCases;
