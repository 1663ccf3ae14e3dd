import type { RuleCases } from '../../src/engine/cases.js';

const conf = '# postgresql.conf unchanged\n';
const ok = 'local all all peer\n';
const from16 = [16, 17, 18] as const;
const before16 = [13, 14, 15] as const;

export default {
  valid: [
    { name: 'a typical file', conf, hba: `${ok}host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\nhostssl app app 10.0.0.0/8 scram-sha-256\nhost replication repl 10.0.0.5/32 scram-sha-256\n` },
    { name: 'address and netmask, IPv4 shorthand, hex and octal', conf, hba: `${ok}host all all 10.0.0.0 255.0.0.0 md5\nhost all all 10.1/16 md5\nhost all all 0x0a.0.0.0/8 md5\nhost all all 010.0.0.0/8 md5\n` },
    { name: 'a host name, a suffix, keywords', conf, hba: `${ok}host all all db.example.com md5\nhost all all .example.com md5\nhost all all samehost md5\nhost all all samenet md5\nhost all all all reject\n` },
    { name: 'a dotted name that is not an address is a host name', conf, hba: `${ok}host all all 300.0.0.0 md5\n` },
    { name: 'quoted keywords and names, comments, CRLF', conf, hba: `${ok}"host" "all" "my user" 10.0.0.0/8 "md5" # note\r\nhost all all 10.0.0.0/8 md5\r\n` },
    { name: 'ident on a local line becomes peer; map for ident', conf, hba: 'local all all ident map=os\nhost all all 10.0.0.0/8 ident map=os\n' },
    { name: 'RADIUS with numeric servers and matching lists', conf, hba: `${ok}host all all 10.0.0.0/8 radius radiusservers="10.0.0.1,10.0.0.2" radiussecrets=s radiusports="1812,1813"\n` },
    { name: 'clientcert and clientname on hostssl (14+)', conf: "ssl = on\n", hba: `${ok}hostssl all all 10.0.0.0/8 scram-sha-256 clientcert=verify-ca clientname=DN\n`, versions: [14, 15, 16, 17, 18] },
    { name: 'clientcert=1 on 13', conf: "ssl = on\n", hba: `${ok}hostssl all all 10.0.0.0/8 md5 clientcert=1\n`, versions: [13] },
    { name: 'a slash name is a plain name before 16', conf, hba: `${ok}host all /x( 10.0.0.0/8 md5\n`, versions: [...before16] },
    { name: 'a valid regular expression (16+)', conf, hba: `${ok}host all /^app_[a-z]+$ 10.0.0.0/8 md5\n`, versions: [...from16] },
    { name: 'an @file list', conf, hba: `${ok}host all @admins.txt 10.0.0.0/8 md5\n`, files: { 'admins.txt': 'alice, bob\n# and\ncarol\n' } },
    { name: 'include and include_dir (16+)', conf, hba: `${ok}include extra.conf\ninclude_dir conf.d\ninclude_if_exists missing.conf\n`, files: { 'extra.conf': 'host all all 10.0.0.0/8 md5\n', 'conf.d/10-a.conf': 'host all all 10.1.0.0/16 md5\n', 'conf.d/skip.txt': 'garbage\n' }, versions: [...from16] },
    { name: 'oauth with one validator library (18)', conf: "oauth_validator_libraries = 'v1'\n", hba: `${ok}host all all 10.0.0.0/8 oauth issuer=https://idp.example.com scope=openid\n`, versions: [18] },
    { name: 'a token of 10239 bytes before 16', conf, hba: `${ok}host all ${'u'.repeat(10239)} 10.0.0.0/8 md5\n` },
    { name: 'a build-dependent method is PGV607, not an error', conf, hba: `${ok}host all all 10.0.0.0/8 ldap ldapserver=ldap.example.com ldapbasedn="dc=example,dc=com"\nhost all all 10.0.0.0/8 gss include_realm=0\n` },
  ],
  invalid: [
    { name: 'an unknown connection type', conf, hba: `${ok}hots all all 127.0.0.1/32 trust\n`, lines: [2], messageIncludes: 'invalid connection type "hots": the server cannot load this pg_hba.conf line and refuses to start' },
    { name: 'a CIDR mask out of range', conf, hba: `${ok}host all all 10.0.0.0/33 md5\n`, lines: [2], messageIncludes: 'invalid CIDR mask in address "10.0.0.0/33"' },
    { name: 'an unknown method', conf, hba: `${ok}host all all 10.0.0.0/8 sha1\n`, lines: [2], messageIncludes: 'invalid authentication method "sha1"' },
    { name: 'an address without its netmask takes the method as the mask', conf, hba: `${ok}host all all 10.0.0.0 md5\n`, lines: [2], messageIncludes: 'invalid IP mask "md5"' },
    { name: 'a host name with a CIDR mask', conf, hba: `${ok}host all all db.example.com/24 md5\n`, lines: [2], messageIncludes: 'specifying both host name and CIDR mask is invalid' },
    { name: 'missing fields', conf, hba: `${ok}host all\nlocal all all\nhost all all 10.0.0.0/8\n`, lines: [2, 3, 4] },
    { name: 'lists where one value belongs', conf, hba: `${ok}host,hostssl all all 10.0.0.0/8 md5\nhost all all 10.0.0.0/8,10.1.0.0/16 md5\nhost all all 10.0.0.0/8 md5,trust\n`, lines: [2, 3, 4] },
    { name: 'methods on the wrong connection type', conf, hba: `${ok}host all all 10.0.0.0/8 peer\nhost all all 10.0.0.0/8 cert\nlocal all all gss\n`, lines: [2, 3, 4] },
    { name: 'options', conf, hba: `${ok}host all all 10.0.0.0/8 md5 map=x\nhost all all 10.0.0.0/8 md5 foo=bar\nhost all all 10.0.0.0/8 md5 extra\nhost all all 10.0.0.0/8 md5 clientcert=verify-full\n`, lines: [2, 3, 4, 5] },
    { name: 'a list option split by an unquoted comma', conf, hba: `${ok}host all all 10.0.0.0/8 radius radiusservers=10.0.0.1 radiussecrets=a,b\n`, lines: [2], messageIncludes: 'authentication option not in name=value format: b' },
    { name: 'RADIUS lists that do not fit', conf, hba: `${ok}host all all 10.0.0.0/8 radius radiusservers=10.0.0.1 radiussecrets="a,b"\nhost all all 10.0.0.0/8 radius radiussecrets=s\n`, lines: [2, 3] },
    { name: 'clientname before 14 is unknown', conf: 'ssl = on\n', hba: `${ok}hostssl all all 10.0.0.0/8 md5 clientname=CN\n`, versions: [13], lines: [2], messageIncludes: 'unrecognized authentication option name: "clientname"' },
    { name: 'clientcert=1 from 14', conf: 'ssl = on\n', hba: `${ok}hostssl all all 10.0.0.0/8 md5 clientcert=1\n`, versions: [14, 15, 16, 17, 18], lines: [2], messageIncludes: 'invalid value for clientcert: "1"' },
    { name: 'include records before 16 are unknown types', conf, hba: `${ok}include extra.conf\n`, files: { 'extra.conf': 'host all all 10.0.0.0/8 md5\n' }, versions: [...before16], lines: [2], messageIncludes: 'invalid connection type "include"' },
    { name: 'a missing include (16+)', conf, hba: `${ok}include missing.conf\n`, versions: [...from16], lines: [2], messageIncludes: 'could not open file "missing.conf": No such file or directory' },
    { name: 'a bad line inside an included file (16+) is reported there', conf, hba: `${ok}include extra.conf\n`, files: { 'extra.conf': '\nhost all all 10.0.0.0/8 bogus\n' }, versions: [...from16], lines: [2] },
    { name: 'an invalid regular expression (16+)', conf, hba: `${ok}host /x( all 10.0.0.0/8 md5\n`, versions: [...from16], lines: [2], messageIncludes: 'invalid regular expression "x(": parentheses () not balanced' },
    { name: 'a missing @file', conf, hba: `${ok}host all @missing.txt 10.0.0.0/8 md5\n`, lines: [2] },
    { name: 'an empty @file drops its field', conf, hba: `${ok}host all @empty.txt 10.0.0.0/8 md5\n`, files: { 'empty.txt': '' }, lines: [2], messageIncludes: 'end-of-line before authentication method' },
    { name: 'md5 while db_user_namespace is on (13-16)', conf: 'db_user_namespace = on\n', hba: `${ok}host all all 10.0.0.0/8 md5\n`, versions: [13, 14, 15, 16], lines: [2], messageIncludes: 'MD5 authentication is not supported when "db_user_namespace" is enabled' },
    { name: 'oauth before 18 is unknown', conf, hba: `${ok}host all all 10.0.0.0/8 oauth issuer=x scope=y\n`, versions: [13, 14, 15, 16, 17], lines: [2] },
    { name: 'oauth without oauth_validator_libraries (18)', conf, hba: `${ok}host all all 10.0.0.0/8 oauth issuer=x scope=y\n`, versions: [18], lines: [2], messageIncludes: 'oauth_validator_libraries must be set' },
    { name: 'a token of 10240 bytes before 16', conf, hba: `${ok}host all ${'u'.repeat(10240)} 10.0.0.0/8 md5\n`, versions: [...before16], lines: [2], messageIncludes: 'authentication file token too long' },
    { name: 'a backslash at the end of a line on 13 is a method', conf, hba: `${ok}host all all 10.0.0.0/8 \\\n  md5\n`, versions: [13], lines: [2, 3] },
    { name: 'only comments: no entries', conf, hba: '# nothing but comments\n\n', lines: [0], messageIncludes: 'contains no entries' },
  ],
} satisfies RuleCases;
