/**
 * WAL and checkpoints: spaced checkpoints (checkpoint_timeout, completion target) with enough WAL
 * between them for the buffer pool (max_wal_size ≈ shared_buffers), compressed full-page images,
 * and archiving that cannot silently fill the disk.
 */
import { anyValue, hazard, holds, moves, oneOf, range } from './band.js';
import { approxBytes as h } from '../format.js';
import { GB, MB } from './format.js';
import type { ParamPolicy, PolicyContext } from './types.js';
import { WORKLOAD_POLICIES } from './workloads.js';

const MIN = 60 * 1000;
/** Share of the WAL volume max_wal_size (+ wal_keep_size) may take (timescaledb-tune, CloudNativePG). */
export const WAL_VOLUME_SHARE = 0.6;
/** Hosts from this much RAM get the long checkpoint_timeout of write-heavy workloads. */
const BIG_HOST = 128 * GB;

export const checkpointCompletionTarget: ParamPolicy = {
  name: 'checkpoint_completion_target',
  area: 'wal',
  nature: 'budget',
  needs: [],
  judge() {
    return {
      target: 0.9,
      band: range(
        [moves(0.7, 'info', 'checkpoint writes bunch up in the first part of the interval (pg_gather suggests 0.9)'), moves(0.5, 'warning', 'checkpoint writes come in bursts: I/O spikes and latency')],
        [moves(0.9, 'info', 'above 0.9 the next checkpoint may start before this one has finished writing')],
      ),
      reason: 'spread checkpoint writes over 90% of the interval (the default from 14)',
      formula: '0.9; fine from 0.7 to 0.9',
      inputs: {},
      sources: ['pg-wal-config', 'postgresqltuner', 'pg-gather'],
    };
  },
};

export const checkpointTimeout: ParamPolicy = {
  name: 'checkpoint_timeout',
  area: 'wal',
  nature: 'capability',
  more: 'up',
  needs: ['ramBytes'],
  judge(c) {
    const ct = WORKLOAD_POLICIES[c.workload].checkpointTimeout;
    const ms = c.ram >= BIG_HOST ? ct.value.big : ct.value.usual;
    const cct = c.num('checkpoint_completion_target');
    const s = (v: number): number => c.fromMs('checkpoint_timeout', v);
    const low = [moves(Math.ceil(s(10000 / Math.max(cct, 0.01))), 'warning', 'checkpoints spread their writes over less than 10 seconds')];
    if (c.ram >= 16 * GB && c.workload !== 'desktop') low.push(moves(s(10 * MIN), 'info', `checkpoints every few minutes on ${h(c.ram)}: each restarts full-page images, which multiplies the WAL`));
    return {
      target: s(ms),
      band: range(low, []),
      reason: ms > 15 * MIN
        ? `${ms / MIN} minutes on a big ${c.workload} host: fewer checkpoints, fewer full-page images (crash recovery may replay up to that much WAL)`
        : ms === 15 * MIN ? '15 minutes: fewer checkpoints and far fewer full-page images; confirm with log_checkpoints that almost all are time-triggered' : `${ms / MIN} minutes (the default): ${ct.note ?? ''}`,
      formula: `${ct.value.usual / MIN}min; ${ct.value.big / MIN}min from 128GB of RAM for ${c.workload}`,
      inputs: { ram: h(c.ram), workload: c.workload },
      sources: [...ct.sources, 'pg-wal-config', 'pg-gather'],
    };
  },
};

/** max_wal_size's target: the workload's floor, raised to shared_buffers (≤ 64GB), within 60% of the WAL volume. */
export function maxWalTarget(c: PolicyContext): number {
  const w = WORKLOAD_POLICIES[c.workload].walSizes.value;
  let t = Math.max(w.max, roundDownGB(Math.min(c.bytes('shared_buffers'), 64 * GB)));
  if (c.walVolumeBytes !== undefined) t = Math.min(t, Math.max(2 * 16 * MB, roundDownMB(c.walVolumeBytes * WAL_VOLUME_SHARE - keepSize(c))));
  return t;
}

const roundDownGB = (b: number): number => (b >= GB ? Math.floor(b / GB) * GB : Math.floor(b / MB) * MB);
const roundDownMB = (b: number): number => Math.floor(b / MB) * MB;
const keepSize = (c: PolicyContext): number => (c.has('wal_keep_size') ? Math.max(0, c.bytes('wal_keep_size')) : 0);

export const maxWalSize: ParamPolicy = {
  name: 'max_wal_size',
  area: 'wal',
  nature: 'capability',
  more: 'up',
  needs: [],
  judge(c) {
    const target = maxWalTarget(c);
    // a warning where the write path is real (2GB of shared_buffers and more); on small servers the
    // stock 1GB is a reasonable start (docs/reference/dba-review.md#small-hosts)
    const bigPool = c.bytes('shared_buffers') >= 2 * GB;
    const mb = (b: number): number => c.fromBytes('max_wal_size', b);
    const rate = (bytes: number): string => `${h(bytes / (1 + c.num('checkpoint_completion_target')) / (c.ms('checkpoint_timeout') / 1000))}/s`;
    const high = c.walVolumeBytes !== undefined
      ? [hazard(mb(Math.max(target, c.walVolumeBytes * WAL_VOLUME_SHARE - keepSize(c))), 'warning', `with wal_keep_size it can fill more than 60% of the ${h(c.walVolumeBytes)} WAL volume`)]
      : [];
    return {
      target: mb(target),
      band: range(
        [moves(mb(target / 2), 'info', `below half of ${h(target)}: checkpoints are forced by WAL volume above ${rate(target / 2)} of WAL`), moves(mb(target / 4), bigPool ? 'warning' : 'info', `WAL-triggered checkpoints already above ${rate(target / 4)} of WAL, each restarting full-page images`)],
        high,
      ),
      reason: `enough WAL between checkpoints for ${h(c.bytes('shared_buffers'))} of shared_buffers: a checkpoint is forced only above ${rate(target)} of WAL${c.walVolumeBytes !== undefined ? `; within 60% of the ${h(c.walVolumeBytes)} WAL volume` : '; check the WAL volume has room (--wal-volume)'}`,
      formula: `max(${h(WORKLOAD_POLICIES[c.workload].walSizes.value.max)} for ${c.workload}, min(shared_buffers, 64GB))${c.walVolumeBytes !== undefined ? ', at most 60% of the WAL volume − wal_keep_size' : ''}; a checkpoint is requested after max_wal_size / (1 + checkpoint_completion_target) of WAL`,
      inputs: { shared_buffers: h(c.bytes('shared_buffers')), workload: c.workload, ...(c.walVolumeBytes !== undefined ? { 'WAL volume': h(c.walVolumeBytes) } : {}) },
      sources: ['pg-resource', 'pg-wal-config', 'pg-xlog-c', 'vondra-checkpoints', 'percona-checkpoints', 'azure-wal', 'pgtune', 'timescaledb-tune', 'cloudnativepg'],
    };
  },
};

export const minWalSize: ParamPolicy = {
  name: 'min_wal_size',
  area: 'wal',
  nature: 'capability',
  more: 'up',
  needs: [],
  judge(c) {
    const w = WORKLOAD_POLICIES[c.workload].walSizes.value;
    const max = c.bytes('max_wal_size');
    const target = Math.max(2 * 16 * MB, roundDownMB(Math.min(8 * GB, (w.min * max) / w.max, max / 2)));
    const mb = (b: number): number => c.fromBytes('min_wal_size', b);
    return {
      target: mb(target),
      band: range([], [hazard(Math.max(mb(target), c.num('max_wal_size')), 'warning', 'at or above max_wal_size: WAL is never recycled down, and checkpoints come as if max_wal_size were smaller', { inclusive: false })]),
      reason: `WAL kept for reuse after checkpoints: the ${c.workload} ratio ${h(w.min)}:${h(w.max)} of max_wal_size, at most 8GB`,
      formula: `max_wal_size × ${h(w.min)} / ${h(w.max)}, at most 8GB; below max_wal_size`,
      inputs: { max_wal_size: h(max), workload: c.workload },
      sources: ['pgtune', 'pg-wal-config', 'cloudnativepg'],
    };
  },
};

export const checkpointWarning: ParamPolicy = {
  name: 'checkpoint_warning',
  area: 'wal',
  nature: 'budget',
  needs: [],
  judge(c) {
    return {
      target: c.fromMs('checkpoint_warning', 30000),
      band: range([moves(1, 'info', 'the server no longer warns when checkpoints come too close together (WAL-triggered)')], []),
      reason: 'logs a warning when WAL forces checkpoints closer than 30 seconds (the default)',
      formula: '30s; 0 turns the warning off',
      inputs: {},
      sources: ['pg-wal', 'postgresqltuner'],
    };
  },
};

export const walCompression: ParamPolicy = {
  name: 'wal_compression',
  area: 'wal',
  nature: 'switch',
  needs: ['cores'],
  judge(c) {
    const enumerated = c.catalog.params.get('wal_compression')!.type === 'enum';
    const lz4 = enumerated && c.build.lz4 === true;
    const zstd = enumerated && !lz4 && c.build.zstd === true;
    const target = lz4 ? 'lz4' : zstd ? 'zstd' : enumerated ? 'on' : true;
    const fine = enumerated ? ['pglz', 'on', 'lz4', 'zstd'] : ['on'];
    const unknown = enumerated && c.build.lz4 === undefined;
    return {
      target,
      band: c.cores >= 4 ? oneOf(fine, 'info', 'full-page images after each checkpoint go to the WAL uncompressed, the bulk of its volume') : anyValue(),
      reason: lz4 || zstd
        ? `compress full-page images with ${target}: cheaper than pglz, and the build has it`
        : unknown
          ? "compress full-page images; 'on' (pglz) works on every build. lz4 is cheaper on 15+ when the server is built with it (PGDG packages and the official images are): check SELECT enumvals FROM pg_settings WHERE name = 'wal_compression', or tell pgvet the build has lz4"
          : 'compress full-page images (pglz: the only method before 15)',
      formula: "lz4 on 15+ when the build has it (zstd if only that), else 'on' (pglz)",
      inputs: { cores: c.cores, lz4: c.build.lz4 === undefined ? 'unknown' : String(c.build.lz4) },
      sources: ['pg-wal', 'pg-release-15', 'pgtune', 'pg-gather'],
    };
  },
};

/** From 16 the archiver refuses archive_command and archive_library together (release notes 16); 15 lets the library win. */
const ARCHIVE_BOTH_REFUSED = 16;

const archiving = (c: PolicyContext): boolean => {
  const mode = c.str('archive_mode');
  return mode === 'on' || mode === 'always';
};

export const archiveMode: ParamPolicy = {
  name: 'archive_mode',
  area: 'wal',
  nature: 'switch',
  needs: [],
  judge() {
    return {
      band: oneOf(['on', 'always'], 'info', 'no WAL archive: no point-in-time recovery, restores go back to the last base backup (fine with snapshot-based backups)', 'advise'),
      reason: 'archiving needs a destination and a command pgvet cannot choose; left as the file has it',
      formula: 'no recommendation',
      inputs: {},
      sources: ['pg-wal', 'pg-gather', 'postgresqltuner'],
    };
  },
};

export const archiveCommand: ParamPolicy = {
  name: 'archive_command',
  area: 'wal',
  nature: 'switch',
  needs: [],
  applies: archiving,
  judge(c) {
    const library = c.has('archive_library') ? c.str('archive_library') : '';
    const command = c.str('archive_command');
    // 16+ refuses both at once (the archiver exits): that is a server refusal, not guidance
    const both = c.version < ARCHIVE_BOTH_REFUSED && command !== '' && library !== '';
    const copies = /^\s*(cp|rsync)\s/.test(command) && library === '';
    const band = command === '' && library === ''
      ? holds(false, 'warning', 'archive_mode is on but nothing archives: the server keeps every WAL segment until the disk is full')
      : both
        ? holds(false, 'warning', 'both archive_command and archive_library are set: the library wins and the command is ignored')
        : holds(!copies, 'info', 'cp and rsync do not fsync the copy: a crash can leave a partial WAL file in the archive; use a tool that syncs (pgBackRest, WAL-G, barman)');
    return {
      band,
      reason: 'archiving needs one command that stores each segment durably (or, from 15, archive_library)',
      formula: 'non-empty when archive_mode is on; not both with archive_library; not a plain cp or rsync',
      inputs: { archive_mode: c.str('archive_mode') },
      sources: ['pg-wal', 'pg-gather'],
    };
  },
};
