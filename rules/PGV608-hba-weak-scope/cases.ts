import type { RuleCases } from '../../src/engine/cases.js';

const conf = '# postgresql.conf unchanged\n';
const ok = 'local all all peer\n';
const before18 = [13, 14, 15, 16, 17] as const;

export default {
  valid: [
    { name: 'scram from a /24 and loopback', conf, hba: `${ok}host all all 10.1.2.0/24 scram-sha-256\nhost all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n` },
    { name: 'reject from anywhere', conf, hba: `${ok}host all all 0.0.0.0/0 reject\nhost all all all reject\n` },
    { name: 'loopback /8 and samehost', conf, hba: `${ok}host all all 127.0.0.0/8 scram-sha-256\nhost all all samehost scram-sha-256\n` },
    { name: 'lines PGV603 reports', conf, hba: `${ok}host all all 10.0.0.0/8 trust\nhost all all 0.0.0.0/0 md5\n` },
    { name: 'host with scram while ssl is off', conf, hba: `${ok}host all all 10.1.2.0/24 scram-sha-256\n` },
    { name: 'hostssl with ssl on', conf: 'ssl = on\n', hba: `${ok}hostssl all all 10.1.2.0/24 scram-sha-256\n` },
    { name: 'an IPv6 /64', conf, hba: `${ok}host all all 2001:db8::/64 scram-sha-256\n` },
  ],
  invalid: [
    { name: 'md5 from a private /24 (13-17)', conf, hba: `${ok}host all all 10.1.2.0/24 md5\n`, versions: [...before18], lines: [2], messageIncludes: 'host 10.1.2.0/24 md5: md5 is weaker than SCRAM' },
    { name: 'a /8', conf, hba: `${ok}hostssl all all 10.0.0.0/8 scram-sha-256\n`, lines: [2], messageIncludes: 'a network wider than /24 may try to log in' },
    { name: 'a /16 with a netmask', conf, hba: `${ok}host all all 10.20.0.0 255.255.0.0 scram-sha-256\n`, lines: [2] },
    { name: 'every address', conf, hba: `${ok}hostssl all all all scram-sha-256\nhostssl all all ::/0 scram-sha-256\n`, lines: [2, 3], messageIncludes: 'try to log in' },
    { name: 'host with passwords while ssl is on', conf: 'ssl = on\n', hba: `${ok}host all all 10.1.2.0/24 scram-sha-256\n`, lines: [2], messageIncludes: 'ssl is on, but this line also accepts connections without TLS' },
    { name: 'md5 from a /16 is one finding with two reasons (13-17)', conf, hba: `${ok}hostssl all all 10.20.0.0/16 md5\n`, versions: [...before18], lines: [2], messageIncludes: 'md5 is weaker than SCRAM (replayable hashes); a network wider than /24' },
  ],
} satisfies RuleCases;
