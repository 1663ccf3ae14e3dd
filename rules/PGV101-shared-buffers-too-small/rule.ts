import { defineRule } from '../../src/engine/types.js';
import { locateSetting } from '../utils/locate.js';
import { bytesOf, percent, roundSize } from '../utils/host-math.js';
import { formatBytes } from '../../src/catalog/values.js';

/**
 * shared_buffers far below the documented starting point of 25% of RAM (runtime-config-resource:
 * "a reasonable starting value for shared_buffers is 25% of the memory"). Flagged below 1/8 of
 * RAM (the lower band used by rpg; checkup's G001 uses 20%), and only from 1GB of RAM, where the
 * docs' advice applies.
 */
export default defineRule({
  meta: {
    id: 'PGV101',
    name: 'shared-buffers-too-small',
    description: "shared_buffers far below PostgreSQL's guidance of 25% of the host's RAM.",
    defaultSeverity: 'warning',
    needs: ['ramBytes'],
    parameters: ['shared_buffers'],
    messages: {
      small: (d) => `shared_buffers is ${d.value}, ${d.pct} of ${d.ram} RAM; PostgreSQL's guidance starts at 25% (${d.target})`,
    },
  },
  check(ctx) {
    const ram = ctx.host.ramBytes!;
    const sb = bytesOf(ctx, 'shared_buffers');
    if (ram < 1024 ** 3 || sb >= ram / 8) return [];
    const target = formatBytes(roundSize(ram / 4));
    return [{
      messageId: 'small' as const,
      data: { value: formatBytes(sb), pct: percent(sb, ram), ram: formatBytes(ram), target },
      ...locateSetting(ctx, 'shared_buffers'),
      parameter: 'shared_buffers',
      suggestion: `shared_buffers = ${target}`,
      help: `set shared_buffers = ${target} (needs a restart)`,
    }];
  },
});
