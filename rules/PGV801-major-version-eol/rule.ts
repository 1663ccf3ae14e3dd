import { defineRule } from '../../src/engine/types.js';
import { dayNumber, lifecycle, majorLifecycle } from '../../src/catalog/lifecycle.js';
import { NEWEST_MAJOR } from '../../src/catalog/types.js';

/**
 * A major past its final release gets no more security or bug fixes (postgresql.org versioning
 * policy). postgres-checkup a002 rates it P1; pg_gather, postgresqltuner and check_pgactivity flag it.
 */
export default defineRule<'eol'>({
  meta: {
    id: 'PGV801',
    name: 'major-version-eol',
    description: 'The PostgreSQL major version is past its end of life: no more security or bug fixes.',
    defaultSeverity: 'warning',
    messages: {
      eol: (d) => `PostgreSQL ${d.major} reached its end of life on ${d.final} (final minor ${d.lastMinor}): it gets no more security or bug fixes; plan the upgrade to ${d.newest}`,
    },
  },
  check(ctx) {
    const { finalRelease } = majorLifecycle(ctx.version);
    if (dayNumber(ctx.today) <= dayNumber(finalRelease)) return [];
    const lastMinor = lifecycle().latestMinors.versions[String(ctx.version)] ?? `${ctx.version}.x`;
    return [{ messageId: 'eol', data: { major: ctx.version, final: finalRelease, lastMinor, newest: NEWEST_MAJOR }, file: ctx.config.main, line: 0, column: 0, help: `see https://www.postgresql.org/support/versioning/ (checked ${lifecycle().majors.checkedOn})` }];
  },
});
