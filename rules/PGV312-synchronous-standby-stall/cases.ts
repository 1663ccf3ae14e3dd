import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'no synchronous standbys', conf: '# nothing set\n' },
    { name: 'ANY 1 of 2 with 2 replicas', conf: "synchronous_standby_names = 'ANY 1 (s1, s2)'\n", host: { replicas: 2 } },
    { name: 'a value the server cannot parse is PGV004, not judged here', conf: "synchronous_standby_names = 'FIRST (s1)'\n" },
    { name: 'synchronous_commit local server-wide', conf: "synchronous_standby_names = 's1'\nsynchronous_commit = local\n", host: { replicas: 1 } },
  ],
  invalid: [
    { name: 'a plain name, replicas unknown', conf: "synchronous_standby_names = 's1'\n", lines: [1], messageIncludes: 'waits for 1 standby,' },
    { name: 'FIRST 2 with 2 replicas', conf: "synchronous_standby_names = 'FIRST 2 (s1, s2)'\nsynchronous_commit = remote_apply\n", host: { replicas: 2 }, lines: [1], messageIncludes: '2 standbys (of 2 replicas)' },
    { name: 'a quoted name with a comma is one standby (the server grammar)', conf: "synchronous_standby_names = '2 (\"a,b\", c)'\n", host: { replicas: 1 }, lines: [1], messageIncludes: 'requires 2 synchronous standbys' },
    { name: 'lower-case any with a number and no spaces', conf: "synchronous_standby_names = 'any 2(s1,s2)'\n", host: { replicas: 2 }, lines: [1], messageIncludes: 'waits for 2 standbys (of 2 replicas)' },
    { name: 'ANY 2 with 1 replica', conf: "synchronous_standby_names = 'ANY 2 (s1, s2, s3)'\n", host: { replicas: 1 }, lines: [1], messageIncludes: 'waits forever' },
  ],
} satisfies RuleCases;
