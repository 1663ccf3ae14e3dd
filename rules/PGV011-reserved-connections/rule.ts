import { defineRule } from '../../src/engine/types.js';
import { isSet, locateSetting } from '../utils/locate.js';

/** PostmasterMain: superuser_reserved_connections (+ reserved_connections from 16) must be less than max_connections. */
export default defineRule({
  meta: {
    id: 'PGV011',
    name: 'reserved-connections',
    description: 'Reserved connection slots that leave none for ordinary users: the server refuses to start.',
    defaultSeverity: 'error',
    parameters: ['max_connections', 'superuser_reserved_connections', 'reserved_connections'],
    messages: {
      su: (d) => `superuser_reserved_connections (${d.su}) must be less than max_connections (${d.max})`,
      both: (d) => `superuser_reserved_connections (${d.su}) plus reserved_connections (${d.res}) must be less than max_connections (${d.max})`,
    },
  },
  check(ctx) {
    const max = ctx.settings.num('max_connections');
    const su = ctx.settings.num('superuser_reserved_connections');
    const resValue = ctx.settings.get('reserved_connections');
    const res = resValue === undefined ? 0 : Number(resValue);
    if (su + res < max) return [];
    const blame = isSet(ctx, 'max_connections') ? 'max_connections' : res > 0 && isSet(ctx, 'reserved_connections') ? 'reserved_connections' : 'superuser_reserved_connections';
    return [{
      messageId: resValue === undefined ? 'su' as const : 'both' as const,
      data: { su, res, max },
      ...locateSetting(ctx, blame),
      parameter: blame,
      suggestion: `max_connections = ${su + res + 1}`,
      help: `max_connections must be at least ${su + res + 1}`,
    }];
  },
});
