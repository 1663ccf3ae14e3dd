import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;

export default {
  valid: [
    { name: 'scram-sha-256', conf: "password_encryption = 'scram-sha-256'\n" },
    { name: 'defaults from 14 (scram-sha-256)', conf: '# nothing set\n', host: { ramBytes: 16 * GB, cores: 4 }, versions: [14, 15, 16, 17, 18] },
    { name: 'scram on a wildcard', conf: "listen_addresses = '*'\nssl = on\npassword_encryption = 'scram-sha-256'\n" },
  ],
  invalid: [
    { name: 'the 13 default md5, at line 0', conf: '# nothing set\n', host: { ramBytes: 16 * GB, cores: 4 }, versions: [13], lines: [0], messageIncludes: 'password_encryption = md5 stores weak MD5 password hashes; use scram-sha-256' },
    { name: 'md5 in 13-17', conf: 'password_encryption = md5\n', versions: [13, 14, 15, 16, 17], lines: [1], messageIncludes: 'password_encryption = md5 stores weak MD5 password hashes; use scram-sha-256' },
    { name: 'md5 in 18: deprecated', conf: 'password_encryption = md5\n', versions: [18], lines: [1], messageIncludes: 'PostgreSQL 18 deprecates MD5 passwords and will remove them' },
    { name: '13: on means md5', conf: 'password_encryption = on\n', versions: [13], lines: [1] },
    { name: 'md5 on a wildcard', conf: "listen_addresses = '*'\npassword_encryption = md5\n", lines: [2], messageIncludes: "password_encryption = md5 on a server listening on '*': MD5 hashes are weak" },
    { name: '13: default md5 on a wildcard', conf: "listen_addresses = '0.0.0.0'\nssl = on\n", versions: [13], lines: [0], messageIncludes: "listening on '0.0.0.0'" },
  ],
} satisfies RuleCases;
