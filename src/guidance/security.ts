/**
 * Security: password hashes that cannot be replayed, and encryption when the server listens on
 * every interface. (pg_hba.conf lines are judged by the rules that read --hba.)
 */
import { splitGucList } from '../catalog/lists.js';
import { anyValue, oneOf } from './band.js';
import type { ParamPolicy, PolicyContext } from './types.js';

/**
 * The listen_addresses entry that opens every interface, if any: split as the postmaster splits
 * it (SplitGUCList), so `'"*"'` and `' localhost , * '` read as the server reads them. One home
 * for the rules (rules/utils/listen.ts) and the policy.
 */
export function wildcardEntry(raw: string): string | null {
  const parts = splitGucList(raw, ',') ?? [];
  return parts.find((p) => p === '*' || p === '0.0.0.0' || p === '::') ?? null;
}

/** The listen_addresses entry that opens every interface, if any. */
export function wildcardListen(c: PolicyContext): string | null {
  return wildcardEntry(c.str('listen_addresses'));
}

export const passwordEncryption: ParamPolicy = {
  name: 'password_encryption',
  area: 'security',
  nature: 'switch',
  needs: [],
  judge(c) {
    return {
      target: 'scram-sha-256',
      band: oneOf(['scram-sha-256'], 'warning', `MD5 password hashes are weak and a captured hash is as good as the password${c.version >= 18 ? '; 18 deprecates them' : ''}`),
      reason: 'new passwords hashed with SCRAM (the default from 14); existing MD5 hashes keep working until the password is set again',
      formula: "'scram-sha-256'",
      inputs: {},
      sources: ['pg-auth-password', 'pg-release-14', 'pg-release-18'],
    };
  },
};

export const ssl: ParamPolicy = {
  name: 'ssl',
  area: 'security',
  nature: 'switch',
  needs: [],
  judge(c) {
    const addr = wildcardListen(c);
    return {
      band: addr ? oneOf(['on'], 'warning', `listen_addresses = '${addr}' accepts connections on every interface, and without ssl every query, result and clear-text password crosses the network unencrypted`, 'advise') : anyValue(),
      reason: 'ssl needs a certificate and key that pgvet cannot provide: left as the file has it',
      formula: "on when listen_addresses opens every interface",
      inputs: { listen_addresses: c.str('listen_addresses') },
      sources: ['pg-connection'],
    };
  },
};
