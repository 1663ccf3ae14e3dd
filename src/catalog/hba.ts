/**
 * What pg_hba.conf may contain, per major version: read in hba.c (13.x and 18.3 sources) and
 * probed on the real 13.23, 14.23, 15.18, 16.14, 17.10 and 18.4 servers (pg_hba_file_rules and a
 * real start per version; test/differential keeps it so). Facts only; src/parse/hba*.ts reads them.
 */
import type { PgMajor } from './types.js';

/** A version range, inclusive; open ends when absent. */
export interface Versions {
  from?: PgMajor;
  to?: PgMajor;
}

export function inVersions(v: PgMajor, r: Versions): boolean {
  return (r.from === undefined || v >= r.from) && (r.to === undefined || v <= r.to);
}

export const HBA_FACTS = {
  /** Records continue on the next line after a trailing backslash (tokenize_auth_file). */
  continuationLines: { from: 14 } as Versions,
  /**
   * next_token's fixed buffer (MAX_TOKEN 10240): a token may hold 10239 bytes; one more and the line
   * is "authentication file token too long". 16 reads tokens into a StringInfo without a limit.
   */
  tokenLimit: { versions: { to: 15 } as Versions, bytes: 10239 },
  /** 13 reads lines with fgets(MAX_LINE = 20480): 20479 bytes (line end included) is "line too long". */
  lineLimit: { versions: { to: 13 } as Versions, bytes: 20479 },
  /** include, include_if_exists, include_dir records; regular expressions (a leading "/") in the database and user fields. */
  includes: { from: 16 } as Versions,
  regex: { from: 16 } as Versions,
  /** Nesting limit of include records and @files (CONF_FILE_MAX_DEPTH). */
  maxIncludeDepth: 10,
  /** The md5 method is refused while db_user_namespace is on (the parameter was removed in 17). */
  md5WithDbUserNamespace: { to: 16 } as Versions,
  /** MD5 passwords are deprecated (18 release notes: "Deprecate MD5 password authentication"). */
  md5Deprecated: { from: 18 } as Versions,
  /** clientname=CN|DN on hostssl lines. */
  clientname: { from: 14 } as Versions,
  /** clientcert values: 13 also took 1/0/no-verify. */
  clientcertLegacyValues: { to: 13 } as Versions,
  /** How a missing @file is reported. */
  atFileMessage: [
    { versions: { to: 15 } as Versions, style: 'secondary' as const },
    { versions: { from: 16 } as Versions, style: 'plain' as const },
  ],
} as const;

export const CONNECTION_TYPES = ['local', 'host', 'hostssl', 'hostnossl', 'hostgssenc', 'hostnogssenc'] as const;
export type ConnectionType = (typeof CONNECTION_TYPES)[number];

export interface MethodFacts {
  versions: Versions;
  /** The build option without which the server refuses the method ("not supported by this build"). */
  build?: string;
}

/** Authentication methods (parse_hba_line). Distribution packages are built with SSL, GSSAPI, LDAP and PAM. */
export const HBA_METHODS: Record<string, MethodFacts> = {
  trust: { versions: {} },
  ident: { versions: {} },
  peer: { versions: {} },
  password: { versions: {} },
  gss: { versions: {}, build: 'GSSAPI (--with-gssapi)' },
  sspi: { versions: {}, build: 'SSPI (Windows builds only)' },
  reject: { versions: {} },
  md5: { versions: {} },
  'scram-sha-256': { versions: {} },
  pam: { versions: {}, build: 'PAM (--with-pam)' },
  bsd: { versions: {}, build: 'BSD Authentication (OpenBSD builds only)' },
  ldap: { versions: {}, build: 'LDAP (--with-ldap)' },
  cert: { versions: {}, build: 'SSL (--with-ssl=openssl)' },
  radius: { versions: {} },
  oauth: { versions: { from: 18 } },
};

/** Connection types that need a build option to ever match (the server loads them with a warning otherwise). */
export const CONNECTION_TYPE_BUILD: Partial<Record<ConnectionType, string>> = {
  hostssl: 'SSL (--with-ssl=openssl)',
  hostgssenc: 'GSSAPI (--with-gssapi)',
};

/** The methods an option is valid for, as the server's message names them. */
export interface OptionFacts {
  versions: Versions;
  /** Method names the option belongs to (server names in `label`); absent: any method (clientcert, clientname). */
  methods?: string[];
  label?: string;
}

export const HBA_OPTIONS: Record<string, OptionFacts[]> = {
  map: [
    { versions: { to: 17 }, methods: ['ident', 'peer', 'gss', 'sspi', 'cert'], label: 'ident, peer, gssapi, sspi, and cert' },
    { versions: { from: 18 }, methods: ['ident', 'peer', 'gss', 'sspi', 'cert', 'oauth'], label: 'ident, peer, gssapi, sspi, cert, and oauth' },
  ],
  clientcert: [{ versions: {} }],
  clientname: [{ versions: { from: 14 } }],
  pamservice: [{ versions: {}, methods: ['pam'], label: 'pam' }],
  pam_use_hostname: [{ versions: {}, methods: ['pam'], label: 'pam' }],
  ldapurl: [{ versions: {}, methods: ['ldap'], label: 'ldap' }],
  ldaptls: [{ versions: {}, methods: ['ldap'], label: 'ldap' }],
  ldapscheme: [{ versions: {}, methods: ['ldap'], label: 'ldap' }],
  ldapserver: [{ versions: {}, methods: ['ldap'], label: 'ldap' }],
  ldapport: [{ versions: {}, methods: ['ldap'], label: 'ldap' }],
  ldapbinddn: [{ versions: {}, methods: ['ldap'], label: 'ldap' }],
  ldapbindpasswd: [{ versions: {}, methods: ['ldap'], label: 'ldap' }],
  ldapsearchattribute: [{ versions: {}, methods: ['ldap'], label: 'ldap' }],
  ldapsearchfilter: [{ versions: {}, methods: ['ldap'], label: 'ldap' }],
  ldapbasedn: [{ versions: {}, methods: ['ldap'], label: 'ldap' }],
  ldapprefix: [{ versions: {}, methods: ['ldap'], label: 'ldap' }],
  ldapsuffix: [{ versions: {}, methods: ['ldap'], label: 'ldap' }],
  krb_realm: [{ versions: {}, methods: ['gss', 'sspi'], label: 'gssapi and sspi' }],
  include_realm: [{ versions: {}, methods: ['gss', 'sspi'], label: 'gssapi and sspi' }],
  compat_realm: [{ versions: {}, methods: ['sspi'], label: 'sspi' }],
  upn_username: [{ versions: {}, methods: ['sspi'], label: 'sspi' }],
  radiusservers: [{ versions: {}, methods: ['radius'], label: 'radius' }],
  radiusports: [{ versions: {}, methods: ['radius'], label: 'radius' }],
  radiussecrets: [{ versions: {}, methods: ['radius'], label: 'radius' }],
  radiusidentifiers: [{ versions: {}, methods: ['radius'], label: 'radius' }],
  issuer: [{ versions: { from: 18 }, methods: ['oauth'], label: 'oauth' }],
  scope: [{ versions: { from: 18 }, methods: ['oauth'], label: 'oauth' }],
  validator: [{ versions: { from: 18 }, methods: ['oauth'], label: 'oauth' }],
  delegate_ident_mapping: [{ versions: { from: 18 }, methods: ['oauth'], label: 'oauth' }],
};

export function optionFacts(name: string, v: PgMajor): OptionFacts | undefined {
  return HBA_OPTIONS[name]?.find((o) => inVersions(v, o.versions));
}

/** Database and user keywords (unquoted): the ones that make a line hard to compare offline. */
export const HBA_DATABASE_KEYWORDS = ['all', 'sameuser', 'samerole', 'samegroup', 'replication'] as const;
