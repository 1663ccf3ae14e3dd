import { defineRule } from '../../src/engine/types.js';
import { locateSetting } from '../utils/locate.js';

/** With no reserved slots, an administrator cannot get in when the connections run out. */
export default defineRule({
  meta: {
    id: 'PGV202',
    name: 'no-superuser-reserved-connections',
    description: 'superuser_reserved_connections = 0: no way in for an administrator when all connections are taken.',
    defaultSeverity: 'warning',
    parameters: ['superuser_reserved_connections'],
    messages: {
      none: () => 'superuser_reserved_connections = 0: when all connections are taken ("sorry, too many clients already"), not even a superuser can connect to fix it',
    },
  },
  check(ctx) {
    if (ctx.settings.num('superuser_reserved_connections') !== 0) return [];
    // 16+: superusers may also use the reserved_connections slots (postinit.c)
    if (ctx.settings.num('reserved_connections', 0) > 0) return [];
    return [{ messageId: 'none' as const, data: {}, ...locateSetting(ctx, 'superuser_reserved_connections'), parameter: 'superuser_reserved_connections', suggestion: 'superuser_reserved_connections = 3' }];
  },
});
