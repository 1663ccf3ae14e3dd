import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { CHECKS } from '../../src/guidance/checks.js';
import { formatBytes } from '../../src/format.js';
import { at, written } from '../utils/values.js';

type Msg = 'compressionOff' | 'copyOnWrite' | 'bgwriterOff' | 'walBuffersSmall' | 'syncMethod';

/** WAL and background-writer settings that waste writes or space (pg_gather, PGTune, check_pgactivity). */
export default defineRule<Msg>({
  meta: {
    id: 'PGV310',
    name: 'wal-write-settings',
    description: 'WAL written bigger or more often than needed: wal_compression off, zero-filled/recycled segments on copy-on-write filesystems, the background writer off, tiny wal_buffers.',
    defaultSeverity: 'info',
    parameters: ['wal_sync_method', 'wal_compression', 'wal_init_zero', 'wal_recycle', 'bgwriter_lru_maxpages', 'wal_buffers'],
    messages: {
      compressionOff: (d) => `wal_compression = off on ${d.cores} cores: the full-page images written after every checkpoint, most of the WAL volume, go uncompressed to disk, standbys and the archive; ${d.method} costs little CPU`,
      copyOnWrite: (d) => `${d.param} = on on ${d.fs}: ${d.why}`,
      bgwriterOff: () => 'bgwriter_lru_maxpages = 0: the background writer never writes dirty buffers ahead of need, so backends write them themselves while serving queries',
      syncMethod: (d) => `wal_sync_method = ${d.method}: on Linux ${d.method} flushes file metadata too (or writes each block synchronously) and is slower than fdatasync, the default, for the same durability`,
      walBuffersSmall: (d) => `wal_buffers = ${d.value}: below 512kB, busy servers wait for WAL writes at every commit; -1 sizes it from shared_buffers (up to 16MB)`,
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    const cores = ctx.host.cores;
    // as written: lz4/zstd a build may lack (PGV014) still means the author chose compression
    const compression = written(ctx, 'wal_compression');
    if (cores !== undefined && cores >= CHECKS.walCompressionCores && /^(off|false|no|0|of)$/.test(compression)) {
      // 15+: lz4/zstd (PGV014: build options); 13–14: on = pglz
      const method = ctx.version >= 15 ? 'lz4' : 'on';
      out.push({ messageId: 'compressionOff', data: { cores, method: ctx.version >= 15 ? 'lz4 (PGDG builds have it)' : 'pglz (on)' }, ...at(ctx, 'wal_compression'), suggestion: `wal_compression = ${method}` });
    }
    const fs = ctx.host.filesystem;
    if (fs === 'zfs' || fs === 'btrfs') {
      if (ctx.settings.bool('wal_init_zero')) out.push({ messageId: 'copyOnWrite', data: { param: 'wal_init_zero', fs, why: 'zero-filling a new segment only writes blocks that copy-on-write will write again elsewhere; creating the file is enough' }, ...at(ctx, 'wal_init_zero'), suggestion: 'wal_init_zero = off' });
      if (ctx.settings.bool('wal_recycle')) out.push({ messageId: 'copyOnWrite', data: { param: 'wal_recycle', fs, why: 'a recycled segment is rewritten to new blocks anyway, and keeping old segments costs space and cache; new files are cheaper' }, ...at(ctx, 'wal_recycle'), suggestion: 'wal_recycle = off' });
    }
    if (ctx.settings.num('bgwriter_lru_maxpages') === 0) out.push({ messageId: 'bgwriterOff', data: {}, ...at(ctx, 'bgwriter_lru_maxpages'), suggestion: 'bgwriter_lru_maxpages = 100' });
    // pgvet's catalogs are Linux servers' (postgresqltuner, pg_gather: fdatasync/open_datasync on Linux)
    const method = ctx.settings.str('wal_sync_method');
    if (method === 'fsync' || method === 'open_sync') out.push({ messageId: 'syncMethod', data: { method }, ...at(ctx, 'wal_sync_method'), suggestion: 'wal_sync_method = fdatasync' });
    const wb = ctx.settings.bytes('wal_buffers');
    if (wb > 0 && wb < CHECKS.walBuffersFloor) out.push({ messageId: 'walBuffersSmall', data: { value: formatBytes(wb) }, ...at(ctx, 'wal_buffers'), suggestion: 'wal_buffers = -1' });
    return out;
  },
});
