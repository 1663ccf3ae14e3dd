import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { CHECKS } from '../../src/guidance/checks.js';
import { approxBytes, formatBytes, percent } from '../../src/format.js';
import { at } from '../utils/values.js';

/**
 * WAL the server keeps against the volume that holds pg_wal (--wal-volume): CloudNativePG rejects
 * max_wal_size ≥ the WAL volume (validateWalSizeConfiguration); timescaledb-tune sizes max_wal_size to
 * 60% of --wal-disk-size (pkg/pgtune/wal.go walMaxDiskPct). pg_wal can exceed max_wal_size (it is a
 * soft limit), and wal_keep_size is kept on top of it.
 */
export default defineRule<'overVolume' | 'overShare'>({
  meta: {
    id: 'PGV308',
    name: 'wal-size-vs-volume',
    description: 'max_wal_size (with wal_keep_size) does not fit the volume that holds pg_wal: a disk-full outage under load.',
    defaultSeverity: 'warning',
    parameters: ['max_wal_size', 'wal_keep_size', 'min_wal_size'],
    messages: {
      overVolume: (d) => `max_wal_size = ${d.maxWal} is at least the ${d.volume} WAL volume: under a write burst pg_wal fills the volume and the server stops (PANIC: could not write to file)`,
      overShare: (d) => `max_wal_size = ${d.maxWal} + wal_keep_size = ${d.keep} is ${d.pct} of the ${d.volume} WAL volume: max_wal_size is a soft limit that pg_wal exceeds under load or a slow archiver; keep the two within 60%`,
    },
  },
  check(ctx) {
    // only with --wal-volume; without it the rule is silent (not in the summary's host note: few hosts state it)
    const volume = ctx.host.walVolumeBytes;
    if (volume === undefined) return [];
    const maxWal = ctx.settings.bytes('max_wal_size');
    const keep = Math.max(0, ctx.settings.bytes('wal_keep_size'));
    const out: RuleFinding<'overVolume' | 'overShare'>[] = [];
    const fit = formatBytes(Math.max(64 * 1024 * 1024, Math.floor((volume * CHECKS.walVolumeShare - keep) / (1024 * 1024)) * 1024 * 1024));
    if (maxWal >= volume) out.push({ messageId: 'overVolume', data: { maxWal: formatBytes(maxWal), volume: approxBytes(volume) }, ...at(ctx, 'max_wal_size'), suggestion: `max_wal_size = ${fit}` });
    else if (maxWal + keep > volume * CHECKS.walVolumeShare) out.push({ messageId: 'overShare', data: { maxWal: formatBytes(maxWal), keep: formatBytes(keep), pct: percent(maxWal + keep, volume), volume: approxBytes(volume) }, ...at(ctx, keep > 0 ? 'wal_keep_size' : 'max_wal_size'), suggestion: `max_wal_size = ${fit}` });
    return out;
  },
});
