import { defineRule } from '../../src/engine/types.js';
import { dayNumber, lifecycle } from '../../src/catalog/lifecycle.js';
import { described } from '../utils/values.js';

/**
 * A newer major has been released (postgres-checkup a002.go: P3 "not the newest major";
 * postgresqltuner). Dates from the hand-kept lifecycle table (src/catalog/data/lifecycle.json, with
 * its source); "today" is SOURCE_DATE_EPOCH or the clock, so CI is reproducible.
 */
export default defineRule<'newer'>({
  meta: {
    id: 'PGV804',
    name: 'newer-major-available',
    description: 'A newer PostgreSQL major version has been released than the one the configuration is for.',
    defaultSeverity: 'info',
    messages: {
      newer: (d) => `PostgreSQL ${d.newest} was released on ${d.released}; this configuration is for ${d.version}, ${d.behind} major version${Number(d.behind) === 1 ? '' : 's'} behind: plan the upgrade (each major brings planner, vacuum and I/O improvements)`,
    },
  },
  check(ctx) {
    if (!described(ctx)) return []; // advice for a described server (PGV801/802 speak of end of life regardless)
    const today = dayNumber(ctx.today);
    const released = Object.entries(lifecycle().majors.versions)
      .filter(([, m]) => dayNumber(m.firstRelease) <= today)
      .map(([v, m]) => ({ major: Number(v), firstRelease: m.firstRelease }))
      .sort((a, b) => b.major - a.major);
    const newest = released[0];
    if (!newest || newest.major <= ctx.version) return [];
    return [{ messageId: 'newer', data: { newest: newest.major, released: newest.firstRelease, version: ctx.version, behind: released.filter((r) => r.major > ctx.version).length }, file: ctx.config.main, line: 0, column: 0 }];
  },
});
