import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;
const conf = '# postgresql.conf unchanged\n';

export default {
  valid: [
    { name: 'scram over TLS from a private range', conf, hba: 'local all all peer\nhostssl all all 10.0.0.0/8 scram-sha-256\n' },
    { name: 'trust on local lines is not judged', conf, hba: 'local all all trust\n', host: { ramBytes: 16 * GB, cores: 4 } },
    { name: 'scram from anywhere', conf, hba: 'hostssl all all 0.0.0.0/0 scram-sha-256\nhostssl all all ::/0 scram-sha-256\n' },
    { name: 'md5 from a private range', conf, hba: 'host all all 192.168.0.0/16 md5\n' },
    { name: 'reject lines and comments', conf, hba: '# host all all 0.0.0.0/0 trust\nhostnossl all all 0.0.0.0/0 reject\nhost all all all cert\n' },
    { name: 'an empty file', conf, hba: '' },
  ],
  invalid: [
    { name: 'trust on loopback', conf, hba: 'host all all 127.0.0.1/32 trust\n', lines: [0], messageIncludes: 'pg_hba.conf:1: "host all all 127.0.0.1/32 trust" lets anyone who can reach the port in as any user, without a password' },
    { name: 'trust for one user', conf, hba: 'host app appuser 10.0.0.0/8 trust\n', lines: [0], messageIncludes: 'in as appuser, without a password' },
    { name: 'password without TLS', conf, hba: 'local all all peer\nhost all all 10.0.0.0/8 password\n', lines: [0], messageIncludes: 'pg_hba.conf:2: method "password" sends the password in clear text over the network (this line does not require SSL)' },
    { name: 'md5 from 0.0.0.0/0', conf, hba: 'host all all 0.0.0.0/0 md5\n', lines: [0], messageIncludes: '0.0.0.0/0 with method md5: the whole internet may try passwords, and md5 is weak' },
    { name: 'md5 from ::/0', conf, hba: 'host all all ::/0 md5\n', lines: [0], messageIncludes: '::/0 with method md5' },
    { name: 'md5 from all', conf, hba: 'hostssl all all all md5\n', lines: [0], messageIncludes: 'all with method md5' },
    { name: 'md5 from address and netmask 0.0.0.0 0.0.0.0', conf, hba: 'host all all 0.0.0.0 0.0.0.0 md5\n', lines: [0], messageIncludes: '0.0.0.0 0.0.0.0 with method md5' },
    { name: 'trust from anywhere is one finding', conf, hba: 'host all all 0.0.0.0/0 trust\n', lines: [0], messageIncludes: 'without a password' },
    { name: 'several weak lines', conf, hba: 'host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nhost all all 0.0.0.0/0 md5\n', lines: [0, 0, 0] },
  ],
} satisfies RuleCases;
