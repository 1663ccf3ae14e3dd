import { defineRule } from '../../src/engine/types.js';
import { locateSetting, valueOf } from '../utils/locate.js';
import { bytesOf, percent, roundSize } from '../utils/host-math.js';
import { formatBytes } from '../../src/catalog/values.js';

/**
 * maintenance_work_mem above a quarter of RAM: each CREATE INDEX, VACUUM or ALTER TABLE ADD
 * FOREIGN KEY may take it, and every autovacuum worker too while autovacuum_work_mem = -1.
 * PGTune's RAM/16 (peer-tools.md §4.4), capped at 2GB, is the suggestion.
 */
export default defineRule({
  meta: {
    id: 'PGV105',
    name: 'maintenance-work-mem-too-large',
    description: 'maintenance_work_mem above 25% of RAM: every maintenance operation (and autovacuum worker) may take it.',
    defaultSeverity: 'warning',
    needs: ['ramBytes'],
    parameters: ['maintenance_work_mem', 'autovacuum_work_mem'],
    messages: {
      large: (d) => `maintenance_work_mem = ${d.value} is ${d.pct} of ${d.ram} RAM; each CREATE INDEX or VACUUM may use it${d.av ? `, and so may each autovacuum worker (autovacuum_work_mem = -1${d.capped ? '; up to 1GB each before 17' : ''})` : ''}`,
    },
  },
  check(ctx) {
    const ram = ctx.host.ramBytes!;
    const mwm = bytesOf(ctx, 'maintenance_work_mem');
    if (mwm <= ram / 4) return [];
    const target = formatBytes(Math.min(2 * 1024 ** 3, roundSize(ram / 16)));
    return [{
      messageId: 'large' as const,
      data: { value: formatBytes(mwm), pct: percent(mwm, ram), ram: formatBytes(ram), av: Number(valueOf(ctx, 'autovacuum_work_mem')) === -1 ? 'yes' : '', capped: ctx.version < 17 && mwm > 1024 ** 3 ? 'yes' : '' },
      ...locateSetting(ctx, 'maintenance_work_mem'),
      parameter: 'maintenance_work_mem',
      suggestion: `maintenance_work_mem = ${target}`,
    }];
  },
});
