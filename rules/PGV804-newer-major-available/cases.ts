import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: '17 in 2026 without a described server', conf: '# nothing set\n', versions: [17], today: '2026-12-05' },
    { name: '18 is the newest', conf: '# nothing set\n', host: { storage: 'ssd' }, versions: [18], today: '2026-12-05' },
    { name: 'the day before 18 was released, 17 is the newest', conf: '# nothing set\n', host: { storage: 'ssd' }, versions: [17], today: '2025-09-24' },
  ],
  invalid: [
    { name: '17 on the day 18 was released', conf: '# nothing set\n', host: { storage: 'ssd' }, versions: [17], today: '2025-09-25', lines: [0], messageIncludes: 'PostgreSQL 18 was released on 2025-09-25; this configuration is for 17, 1 major version behind' },
    { name: '13 in December 2026', conf: '# nothing set\n', host: { storage: 'ssd' }, versions: [13], today: '2026-12-05', lines: [0], messageIncludes: '5 major versions behind' },
  ],
} satisfies RuleCases;
