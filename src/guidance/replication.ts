/**
 * Replication: WAL level, senders and slots for the replicas (--replicas), what a failover needs
 * (hot_standby, wal_log_hints for pg_rewind), and a bound on what slots may retain.
 */
import { parseSyncrep } from '../catalog/checks.js';
import { anyValue, hazard, holds, moves, oneOf, range } from './band.js';
import { approxBytes as h } from '../format.js';
import type { Judgement, ParamPolicy } from './types.js';

export const WAL_LEVEL_SCALE = ['minimal', 'replica', 'logical'] as const;
/** Share of the WAL volume a lagging slot may hold (20–50%); pgvet takes the middle. */
export const SLOT_RETENTION_SHARE = { target: 0.3, max: 0.5 };

/** initdb enables data checksums by default from 18 (release notes 18): pg_rewind works without wal_log_hints. */
const CHECKSUMS_BY_DEFAULT = 18;

const replicasOf = (c: { host: { replicas?: number } }): number => c.host.replicas ?? 0;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export const walLevel: ParamPolicy = {
  name: 'wal_level',
  area: 'replication',
  nature: 'capability',
  more: 'up',
  scale: WAL_LEVEL_SCALE,
  needs: [],
  judge(c) {
    const r = replicasOf(c);
    return {
      target: 'replica',
      band: range([moves(1, r > 0 || c.workload !== 'desktop' ? 'warning' : 'info', r > 0 ? `minimal cannot feed the ${plural(r, 'replica')}` : 'minimal allows no base backups, no WAL archive (point-in-time recovery) and no replicas')], []),
      reason: r > 0 ? `${plural(r, 'streaming replica')} need at least replica; logical stays logical` : 'replica (the default): base backups, archiving and replicas stay possible; logical stays logical',
      formula: "at least 'replica'; a higher level the file chose is kept",
      inputs: { replicas: r },
      sources: ['pg-wal', 'pg-replication', 'postgresqltuner'],
    };
  },
};

export const maxWalSenders: ParamPolicy = {
  name: 'max_wal_senders',
  area: 'replication',
  nature: 'capability',
  more: 'up',
  needs: [],
  judge(c) {
    const r = replicasOf(c);
    return {
      target: r > 0 ? Math.max(10, r + 2) : Number(c.defaultOf('max_wal_senders')),
      band: range(r > 0 ? [moves(r + 1, 'warning', `each of the ${plural(r, 'replica')} needs a sender, and a base backup or a reconnect one more`)] : [], []),
      reason: r > 0 ? 'one sender per replica, plus two for base backups and a reconnecting replica' : 'the default: room for base backups and future replicas',
      formula: 'max(10, replicas + 2)',
      inputs: { replicas: r },
      sources: ['pg-replication'],
    };
  },
};

export const maxReplicationSlots: ParamPolicy = {
  name: 'max_replication_slots',
  area: 'replication',
  nature: 'capability',
  more: 'up',
  needs: [],
  judge(c) {
    const r = replicasOf(c);
    return {
      target: r > 0 ? Math.max(10, r + 2) : Number(c.defaultOf('max_replication_slots')),
      band: range(r > 0 ? [moves(r, 'warning', 'each replica should have a slot so the primary keeps the WAL it still needs')] : [], []),
      reason: r > 0 ? 'one slot per replica plus spares' : 'the default',
      formula: 'max(10, replicas + 2)',
      inputs: { replicas: r },
      sources: ['pg-replication'],
    };
  },
};

export const hotStandby: ParamPolicy = {
  name: 'hot_standby',
  area: 'replication',
  nature: 'switch',
  needs: [],
  judge(c) {
    const r = replicasOf(c);
    return {
      target: true,
      band: oneOf(['on'], r > 0 ? 'warning' : 'info', 'a standby started from this file accepts no read-only queries (and Patroni and CloudNativePG require it on)'),
      reason: 'on (the default): the same file usually serves the standbys',
      formula: 'on',
      inputs: { replicas: r },
      sources: ['pg-replication', 'patroni', 'cloudnativepg'],
    };
  },
};

export const walLogHints: ParamPolicy = {
  name: 'wal_log_hints',
  area: 'replication',
  nature: 'switch',
  needs: [],
  judge(c) {
    const r = replicasOf(c);
    if (r === 0) {
      return { target: false, band: anyValue(), reason: 'no replicas: pg_rewind is not needed (the default off)', formula: 'off without replicas', inputs: { replicas: r }, sources: ['pg-wal'] };
    }
    const checksumsByDefault = c.version >= CHECKSUMS_BY_DEFAULT;
    return {
      target: true,
      band: oneOf(['on'], checksumsByDefault ? 'info' : 'warning', `after a failover pg_rewind needs wal_log_hints or data checksums${checksumsByDefault ? ' (initdb enables checksums by default from 18)' : ''}; without either the old primary must be cloned again`),
      reason: 'lets pg_rewind bring a failed-over primary back (unless the cluster was initialised with data checksums); costs some WAL after checkpoints',
      formula: 'on with replicas',
      inputs: { replicas: r },
      sources: ['cloudnativepg', 'patroni', 'pg-wal', 'pg-release-18'],
    };
  },
};

export const maxSlotWalKeepSize: ParamPolicy = {
  name: 'max_slot_wal_keep_size',
  area: 'replication',
  nature: 'budget',
  needs: [],
  applies: (c) => replicasOf(c) > 0,
  judge(c): Judgement {
    const vol = c.walVolumeBytes;
    const mb = (b: number): number => c.fromBytes('max_slot_wal_keep_size', b);
    const why = 'no bound: an abandoned or lagging slot keeps WAL until the disk is full';
    if (vol === undefined) {
      return {
        band: range([{ limit: 0, severity: 'info', action: 'advise', why: `${why}; bound it to 20–50% of the WAL volume (pgvet needs --wal-volume to say how much)` }], []),
        reason: 'a bound depends on the WAL volume, which pgvet was not told',
        formula: '20–50% of the WAL volume',
        inputs: { replicas: replicasOf(c) },
        sources: ['pg-replication'],
      };
    }
    const target = Math.floor((vol * SLOT_RETENTION_SHARE.target) / (1024 * 1024)) * 1024 * 1024;
    return {
      target: mb(target),
      band: range([moves(0, 'warning', why)], [hazard(mb(vol * SLOT_RETENTION_SHARE.max), 'warning', `slots may hold more than half the ${h(vol)} WAL volume`)]),
      reason: `a lagging slot may hold 30% of the ${h(vol)} WAL volume; beyond it the slot is invalidated instead of the disk filling up`,
      formula: '30% of the WAL volume (20–50%)',
      inputs: { 'WAL volume': h(vol), replicas: replicasOf(c) },
      sources: ['pg-replication'],
    };
  },
};

export const synchronousStandbyNames: ParamPolicy = {
  name: 'synchronous_standby_names',
  area: 'replication',
  nature: 'switch',
  needs: [],
  applies: (c) => c.str('synchronous_standby_names') !== '' && c.str('synchronous_commit') !== 'local' && c.str('synchronous_commit') !== 'off',
  judge(c) {
    const wanted = parseSyncrep(c.str('synchronous_standby_names')) ?? 1;
    const r = c.host.replicas;
    const why = r === undefined
      ? `every commit waits for ${plural(wanted, 'synchronous standby')}: when they are down, writes hang (consider synchronous_commit = local globally and on per transaction)`
      : wanted > r
        ? `commits wait for ${plural(wanted, 'synchronous standby')} but there ${r === 1 ? 'is 1 replica' : `are ${r} replicas`}: every write hangs`
        : wanted === r
          ? `commits wait for all ${plural(r, 'replica')}: any standby outage stops every write`
          : `every commit waits for ${plural(wanted, 'synchronous standby')} of the ${r}`;
    return {
      band: holds(false, r !== undefined && wanted >= r ? 'warning' : 'info', why),
      reason: 'which standbys a commit waits for is the cluster\'s choice; pgvet does not change it',
      formula: 'fewer synchronous standbys than replicas',
      inputs: { 'synchronous standbys': wanted, replicas: r ?? 'unknown', synchronous_commit: c.str('synchronous_commit') },
      sources: ['pg-replication', 'pg-gather'],
    };
  },
};
