import { defineRule } from '../../src/engine/types.js';
import { dayNumber, lifecycle, majorLifecycle, monthsBefore } from '../../src/catalog/lifecycle.js';

/**
 * postgres-checkup a002 rates a major that reaches its final release within a year as P2 ("plan
 * the upgrade"); the window is the `months` option (default 12).
 */
export const DEFAULT_MONTHS = 12;

export default defineRule<'soon'>({
  meta: {
    id: 'PGV802',
    name: 'major-version-eol-soon',
    description: 'The PostgreSQL major version reaches its end of life within a year (the months option): time to plan the upgrade.',
    defaultSeverity: 'info',
    options: (o) => {
      for (const k of Object.keys(o)) if (k !== 'months') return `.${k}: unknown option (months is the only one)`;
      const m = o.months;
      return m === undefined || (typeof m === 'number' && Number.isInteger(m) && m >= 1 && m <= 60) ? null : '.months: must be a whole number of months from 1 to 60';
    },
    messages: {
      soon: (d) => `PostgreSQL ${d.major} reaches its end of life on ${d.final}, ${d.days} days from ${d.today}: plan the upgrade (after that date there are no more security fixes)`,
    },
  },
  check(ctx) {
    const months = typeof ctx.options?.months === 'number' ? ctx.options.months : DEFAULT_MONTHS;
    const { finalRelease } = majorLifecycle(ctx.version);
    const now = dayNumber(ctx.today);
    const end = dayNumber(finalRelease);
    if (now > end || now < dayNumber(monthsBefore(finalRelease, months))) return [];
    return [{ messageId: 'soon', data: { major: ctx.version, final: finalRelease, days: Math.round(end - now), today: ctx.today }, file: ctx.config.main, line: 0, column: 0, help: `see https://www.postgresql.org/support/versioning/ (checked ${lifecycle().majors.checkedOn})` }];
  },
});
