import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

export default {
  valid: [
    { name: 'try with 4GB of shared_buffers', conf: 'huge_pages = try\nshared_buffers = 4GB\n', host: { ramBytes: 16 * GB } },
    { name: 'off with a small pool (1GB, one eighth of 8GB: in its band)', conf: 'huge_pages = off\nshared_buffers = 1GB\n', host: { ramBytes: 8 * GB } },
    { name: 'try with 16GB on a desktop (shares the host)', conf: 'shared_buffers = 16GB\n', host: { ramBytes: 64 * GB, workload: 'desktop' } },
    { name: 'try with 16GB in a container', conf: 'shared_buffers = 16GB\n', host: { ramBytes: 64 * GB, containerLimited: true } },
    { name: 'on with 16GB', conf: 'huge_pages = on\nshared_buffers = 16GB\n', host: { ramBytes: 64 * GB } },
  ],
  invalid: [
    { name: 'off with 4GB of shared_buffers', conf: 'huge_pages = off\nshared_buffers = 4GB\n', host: { ramBytes: 16 * GB }, lines: [1], messageIncludes: 'huge_pages is off: off with 4GB of shared_buffers' },
    { name: 'try (the default) with 16GB on a dedicated host', conf: 'shared_buffers = 16GB\n', host: { ramBytes: 64 * GB }, lines: [0], messageIncludes: "huge_pages is try: with 16GB of shared_buffers on a dedicated host, \"try\" falls back silently" },
  ],
} satisfies RuleCases;
