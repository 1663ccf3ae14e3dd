import { defineRule } from '../../src/engine/types.js';
import { lifecycle, parseServerVersion } from '../../src/catalog/lifecycle.js';

/**
 * `pgvet plan` (connected to a server): a minor release behind the newest known one misses bug and
 * security fixes; postgresql.org: "We always recommend that all users run the latest available
 * minor release". postgres-checkup a002 (P2), check_pgactivity check_minor_version (warning) and
 * pg_gather flag it. Lint runs without a server say nothing.
 */
export default defineRule<'behind' | 'prerelease'>({
  meta: {
    id: 'PGV803',
    name: 'minor-version-behind',
    description: 'pgvet plan: the live server runs an older minor release than the newest known one, or a beta/rc/devel build.',
    defaultSeverity: 'warning',
    messages: {
      behind: (d) => `the server runs PostgreSQL ${d.running}; ${d.latest} is the newest ${d.major}.x release pgvet knows of (as of ${d.checked}): ${d.missed} minor release${Number(d.missed) === 1 ? '' : 's'} of bug and security fixes missing`,
      prerelease: (d) => `the server runs a ${d.kind} build (${d.running}), not a release: not for production`,
    },
  },
  check(ctx) {
    if (!ctx.serverVersion) return [];
    const running = parseServerVersion(ctx.serverVersion);
    if (!running) return [];
    const at = { file: ctx.config.main, line: 0, column: 0 };
    const shown = ctx.serverVersion.trim().split(/\s/)[0]!;
    if (running.prerelease) return [{ messageId: 'prerelease', data: { kind: running.prerelease.replace(/\d+$/, ''), running: shown }, ...at }];
    const table = lifecycle().latestMinors;
    const latest = parseServerVersion(table.versions[String(running.major)] ?? '');
    if (!latest || latest.minor === null || running.minor === null || running.minor >= latest.minor) return [];
    return [{ messageId: 'behind', data: { running: shown, latest: `${latest.major}.${latest.minor}`, major: running.major, checked: table.checkedOn, missed: latest.minor - running.minor }, ...at, suggestion: `upgrade the server binaries to ${latest.major}.${latest.minor}`, help: 'a minor upgrade is a restart with new binaries; no dump or pg_upgrade' }];
  },
});
