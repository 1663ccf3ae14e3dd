import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'silences a finding on the next line', conf: "# pgvet-disable-next-line PGV015\nlc_messages = 'de_DE.UTF-8'\n" },
    { name: 'by name, skipping blank and comment lines', conf: "# pgvet-disable-next-line host-dependent-value\n\n# the German hosts\nlc_messages = 'de_DE.UTF-8'\n" },
    { name: 'file-wide', conf: "# pgvet-disable-file PGV015\nlc_messages = 'de_DE.UTF-8'\nlc_time = 'de_DE.UTF-8'\n" },
    { name: 'no rule named: every rule, used', conf: '# pgvet-disable-next-line\nwork_mem = 8 MB\n' },
    { name: 'an ordinary comment mentioning pgvet', conf: '# pgvet checks this file in CI\nwork_mem = 8MB\n' },
  ],
  invalid: [
    { name: 'nothing to silence', conf: '# pgvet-disable-next-line PGV002\nwork_mem = 8MB\n', lines: [1] },
    { name: 'unknown rule', conf: '# pgvet-disable-next-line PGV999\nwork_mem = 8MB\n', lines: [1], messageIncludes: 'PGV999' },
    { name: 'one of two rules unused', conf: "# pgvet-disable-next-line PGV015, PGV008\nlc_messages = 'de_DE.UTF-8'\n", lines: [1], messageIncludes: 'PGV008' },
    { name: 'no setting after it', conf: 'work_mem = 8MB\n# pgvet-disable-next-line PGV004\n', lines: [2] },
    { name: 'file-wide, unused', conf: '# pgvet-disable-file PGV010\nwork_mem = 8MB\n', lines: [1] },
  ],
} satisfies RuleCases;
