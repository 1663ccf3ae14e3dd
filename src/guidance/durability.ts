/**
 * Durability: the switches that trade crash safety for speed, and the developer options that hide
 * corruption. Each is fine only at its safe value; synchronous_commit = off is advice (a per
 * transaction choice that loses recent commits, never corrupts).
 */
import { oneOf } from './band.js';
import type { SourceId } from './sources.js';
import type { ParamPolicy } from './types.js';

const only = (name: string, safe: boolean, why: string, sources: SourceId[]): ParamPolicy => ({
  name,
  area: 'durability',
  nature: 'switch',
  needs: [],
  judge: () => ({
    target: safe,
    band: oneOf([safe ? 'on' : 'off'], 'warning', why),
    reason: `${safe ? 'on' : 'off'} (the default)`,
    formula: safe ? 'on' : 'off',
    inputs: {},
    sources,
  }),
});

export const fsync = only('fsync', true, 'after an operating-system crash or power loss the database can be corrupted beyond repair; only for throw-away data', ['pg-wal']);
export const fullPageWrites = only('full_page_writes', true, 'a crash in the middle of a page write leaves torn pages that WAL replay cannot fix, unless the storage guarantees atomic 8kB writes', ['pg-wal']);
export const zeroDamagedPages = only('zero_damaged_pages', false, 'pages with a damaged header are replaced by zeros: rows vanish without an error', ['pg-developer', 'pg-gather']);
export const ignoreChecksumFailure = only('ignore_checksum_failure', false, 'checksum failures are ignored: corrupt data is read as if it were good', ['pg-developer']);
export const ignoreInvalidPages = only('ignore_invalid_pages', false, 'recovery carries on past references to invalid pages, hiding corruption', ['pg-developer']);
export const ignoreSystemIndexes = only('ignore_system_indexes', false, 'catalog indexes are ignored (a recovery tool): every catalog lookup scans, and damaged indexes go unnoticed', ['pg-developer']);

export const synchronousCommit: ParamPolicy = {
  name: 'synchronous_commit',
  area: 'durability',
  nature: 'switch',
  needs: [],
  judge: () => ({
    target: 'on',
    band: oneOf(['on', 'remote_apply', 'remote_write', 'local'], 'warning', 'a crash can lose the last moments of commits that clients were told succeeded (no corruption); set it per transaction (SET LOCAL synchronous_commit = off) instead', 'advise'),
    reason: 'on (the default)',
    formula: 'on',
    inputs: {},
    sources: ['pg-wal'],
  }),
};
