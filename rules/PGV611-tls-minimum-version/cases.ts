import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults', conf: '# nothing set\n' },
    { name: 'ssl on, TLSv1.3', conf: "ssl = on\nssl_min_protocol_version = 'TLSv1.3'\n" },
    { name: 'TLSv1 with ssl off', conf: "ssl_min_protocol_version = 'TLSv1'\n" },
  ],
  invalid: [
    { name: 'TLSv1', conf: "ssl = on\nssl_min_protocol_version = 'TLSv1'\n", lines: [2], messageIncludes: 'RFC 8996' },
    { name: 'TLSv1.1', conf: "ssl = on\nssl_min_protocol_version = 'TLSv1.1'\n", lines: [2] },
  ],
} satisfies RuleCases;
