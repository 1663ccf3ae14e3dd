import type { RuleCases } from '../../src/engine/cases.js';

const conf = '# postgresql.conf unchanged\n';

export default {
  valid: [
    { name: 'specific before general', conf, hba: 'hostssl app app 10.1.0.0/16 cert\nhostssl all all 10.0.0.0/8 scram-sha-256\n', },
    { name: 'all does not match physical replication', conf, hba: 'host all all 10.0.0.0/8 scram-sha-256\nhost replication repl 10.0.0.0/8 scram-sha-256\n' },
    { name: 'a group is not compared with a user', conf, hba: 'host all +admins 10.0.0.0/8 scram-sha-256\nhost all alice 10.0.0.0/8 cert\n' },
    { name: 'a hostssl line does not hide host', conf, hba: 'hostssl all all 10.0.0.0/8 scram-sha-256\nhost all all 10.0.0.0/8 reject\n' },
    { name: 'different address families', conf, hba: 'host all all 0.0.0.0/0 reject\nhost all all ::1/128 scram-sha-256\n' },
    { name: 'a quoted "all" is a user named all', conf, hba: 'host all "all" 10.0.0.0/8 reject\nhost all bob 10.0.0.0/8 scram-sha-256\n' },
    { name: 'a hostssl line while ssl is off matches nothing', conf, hba: 'hostssl all all 10.0.0.0/8 scram-sha-256\nhostssl app app 10.1.0.0/16 cert\n' },
    { name: 'a regular expression is compared only with all (16+)', conf, hba: 'host all /^a 10.0.0.0/8 reject\nhost all alice 10.0.0.0/8 scram-sha-256\n', versions: [16, 17, 18] },
  ],
  invalid: [
    { name: 'peer check VAL-7: a wider hostssl line first', conf: 'ssl = on\n', hba: 'hostssl all all 10.0.0.0/8 scram-sha-256\nhostssl app app 10.1.0.0/16 cert\n', lines: [2], messageIncludes: 'this line is never used: line 1 ("hostssl all all 10.0.0.0/8 scram-sha-256") matches every connection it would' },
    { name: 'host hides hostssl and hostnossl', conf, hba: 'host all all 0.0.0.0/0 reject\nhostnossl app app 10.0.0.0/8 scram-sha-256\nhostgssenc app app 10.0.0.0/8 scram-sha-256\n', lines: [2, 3] },
    { name: 'all covers names, lists and sameuser', conf, hba: 'local all all peer\nlocal app,sales alice,bob scram-sha-256\nlocal sameuser all md5\n', lines: [2, 3] },
    { name: 'a duplicate line', conf, hba: 'host app app 10.0.0.0/8 scram-sha-256\nhost app app 10.0.0.0/8 scram-sha-256\n', lines: [2] },
    { name: 'samenet covers samehost; a host name suffix covers the name', conf, hba: 'host all all samenet scram-sha-256\nhost all all samehost md5\nhost all all .example.com scram-sha-256\nhost all all db.example.com md5\n', lines: [2, 4] },
    { name: 'replication under replication', conf, hba: 'host replication all 10.0.0.0/8 scram-sha-256\nhost replication repl 10.1.0.0/16 scram-sha-256\n', lines: [2] },
    { name: 'hostnogssenc hides hostssl', conf: 'ssl = on\n', hba: 'hostnogssenc all all all reject\nhostssl all all 10.0.0.0/8 scram-sha-256\n', lines: [2] },
  ],
} satisfies RuleCases;
