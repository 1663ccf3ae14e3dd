import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;

export default {
  valid: [
    { name: 'defaults on 16GB/4 cores', conf: '# nothing set\n', host: { ramBytes: 16 * GB, cores: 4 } },
    { name: 'defaults on 1 core (the floor of 100)', conf: '# nothing set\n', host: { cores: 1 } },
    { name: 'exactly the pooler floor on 4 cores', conf: 'max_connections = 100\n', host: { cores: 4 } },
    { name: '4 × 64 cores', conf: 'max_connections = 256\n', host: { cores: 64 } },
  ],
  invalid: [
    { name: 'just above the floor on 4 cores: pooler advice', conf: 'max_connections = 101\n', host: { cores: 4 }, lines: [1], messageIncludes: 'max_connections = 101 on 4 cores: each connection is a server process and only ~4 can run at once' },
    { name: 'the upper floor is still pooler advice', conf: 'max_connections = 200\n', host: { cores: 4 }, lines: [1], messageIncludes: 'a pooler (PgBouncer, pgpool) in front and max_connections near 100' },
    { name: 'just above 200 on 4 cores', conf: 'max_connections = 201\n', host: { cores: 4 }, lines: [1], messageIncludes: 'is more than 10× the 4 cores' },
    { name: 'just above 4 × 64 cores', conf: 'max_connections = 257\n', host: { cores: 64 }, lines: [1], messageIncludes: 'near 256' },
    { name: '10 × 64 cores is pooler advice', conf: 'max_connections = 640\n', host: { cores: 64 }, lines: [1], messageIncludes: 'on 64 cores' },
    { name: 'just above 10 × 64 cores', conf: 'max_connections = 641\n', host: { cores: 64 }, lines: [1], messageIncludes: 'lower it to ~256' },
    { name: 'set in an included file', conf: "include 'conn.conf'\n", files: { 'conn.conf': 'max_connections = 500\n' }, host: { cores: 8 }, lines: [1] },
  ],
} satisfies RuleCases;
