import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

export default {
  valid: [
    { name: '25% of RAM', conf: 'shared_buffers = 4GB\n', host: { ramBytes: 16 * GB } },
    { name: 'exactly one eighth of RAM', conf: 'shared_buffers = 2GB\n', host: { ramBytes: 16 * GB } },
    { name: 'above 40% is PGV102, not this rule', conf: 'shared_buffers = 12GB\n', host: { ramBytes: 16 * GB } },
    { name: 'hosts below 1GB are not judged (the manual: a smaller share there)', conf: 'shared_buffers = 16MB\n', host: { ramBytes: 1023 * MB } },
    { name: 'stock 128MB on a 1GB host is 12.5% (15+ compiled-in default)', conf: '# nothing set\n', host: { ramBytes: 1 * GB }, versions: [15, 16, 17, 18] },
    { name: '32GB on a 256GB host is 12.5%', conf: 'shared_buffers = 32GB\n', host: { ramBytes: 256 * GB } },
  ],
  invalid: [
    { name: 'the stock 128MB on 16GB', conf: 'shared_buffers = 128MB\n', host: { ramBytes: 16 * GB }, lines: [1], messageIncludes: "shared_buffers is 128MB: far below PostgreSQL's guidance of 25% of the RAM (4GB) (pgvet's guidance for this host: 4GB)" },
    { name: 'just below one eighth', conf: 'shared_buffers = 2047MB\n', host: { ramBytes: 16 * GB }, lines: [1] },
    { name: 'defaults on 16GB, at line 0', conf: '# nothing set\n', host: { ramBytes: 16 * GB }, lines: [0], messageIncludes: '(pgvet\'s guidance for this host: 4GB)' },
    { name: 'compiled-in 8MB on 13-14 on a 1GB host', conf: '# nothing set\n', host: { ramBytes: 1 * GB }, versions: [13, 14], lines: [0], messageIncludes: 'shared_buffers is 8MB' },
    { name: 'desktop: the target is RAM/8', conf: 'shared_buffers = 128MB\n', host: { ramBytes: 16 * GB, workload: 'desktop' }, lines: [1], messageIncludes: 'this host: 2GB' },
    { name: 'set in an included file: points there', conf: "include 'memory.conf'\n", files: { 'memory.conf': '\nshared_buffers = 256MB\n' }, host: { ramBytes: 64 * GB }, lines: [2] },
  ],
} satisfies RuleCases;
