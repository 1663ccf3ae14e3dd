/**
 * The meaning of each pg_hba.conf record, as parse_hba_line and parse_hba_auth_opt (hba.c) give
 * it for a major version: the first problem that stops the server from loading the record (with
 * the server's own wording), the complaints it logs while still loading it, and what depends on
 * the server's build or host. The checks run in the server's order, so the first message is the
 * one the server prints.
 *
 * Assumptions, each named in the record: the server is built with SSL, GSSAPI, LDAP and PAM (as
 * distribution packages are; `needsBuild` says which line needs which), and host names in
 * radiusservers resolve (`hostDependent`).
 */
import { CONNECTION_TYPE_BUILD, CONNECTION_TYPES, HBA_FACTS, HBA_METHODS, inVersions, optionFacts, type ConnectionType } from '../catalog/hba.js';
import { libraryList, splitGucList } from '../catalog/lists.js';
import type { PgMajor } from '../catalog/types.js';
import { tokenizeHba, type HbaFile, type HbaToken, type TokenizedLine } from './hba.js';
import { cidrBits, maskBits, numericHost, prefixMask } from './inet.js';
import { areProblem } from './are.js';

/** The postgresql.conf settings that change how pg_hba.conf is read. */
export interface HbaEnv {
  ssl: boolean;
  /** 13–16 */
  dbUserNamespace: boolean;
  /** 18 */
  oauthValidatorLibraries: string;
}

export type HbaAddress =
  | { kind: 'all' | 'samehost' | 'samenet' }
  | { kind: 'hostname'; name: string }
  | { kind: 'ip'; family: 4 | 6; bytes: number[]; mask: number[]; /** prefix length, null for a non-contiguous netmask */ bits: number | null; text: string };

export interface HbaRule {
  type: ConnectionType;
  databases: HbaToken[];
  users: HbaToken[];
  address: HbaAddress | null;
  /** As the server uses it (ident on a local line is peer). */
  method: string;
  /** As written. */
  writtenMethod: string;
  options: Array<{ name: string; value: string }>;
}

export interface HbaRecord {
  file: string;
  line: number;
  raw: string;
  /** Set when the server loads the record. */
  rule?: HbaRule;
  /** Why the server refuses the record (it then refuses to start, or keeps the old rules on reload). */
  error?: string;
  /** A complaint the server logs while loading the record anyway. */
  warning?: string;
  /** Build options the record needs: without one for its method the server refuses it; for its connection type it never matches. */
  needsBuild?: Array<{ by: 'method' | 'type'; build: string }>;
  /** What only the server host can tell (a RADIUS server name, an interface, an absolute path). */
  hostDependent?: string;
}

export interface HbaAnalysis {
  records: HbaRecord[];
  /** The whole file: no record loads although none is wrong ("contains no entries"). */
  noEntries: boolean;
}

class LineError extends Error {}

const kw = (t: HbaToken, word: string): boolean => !t.quoted && t.text === word;

/** C atoi: leading blanks, a sign, digits; anything after is ignored. */
function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)/.exec(s);
  return m ? Number(m[1]) : 0;
}

/** A token starting with "/" is a regular expression (16+), compiled at load (ARE syntax). */
function regexProblem(token: HbaToken): string | null {
  const source = token.text.slice(1);
  const problem = areProblem(source);
  return problem === null ? null : `invalid regular expression "${source}": ${problem}`;
}

function parseAddress(fields: HbaToken[][], at: number): { address: HbaAddress; next: number; hostDependent?: string } {
  const tokens = fields[at];
  if (!tokens) throw new LineError('end-of-line before IP address specification');
  if (tokens.length > 1) throw new LineError('multiple values specified for host address');
  const token = tokens[0]!;
  for (const k of ['all', 'samehost', 'samenet'] as const) if (kw(token, k)) return { address: { kind: k }, next: at + 1 };
  const slash = token.text.indexOf('/');
  const str = slash >= 0 ? token.text.slice(0, slash) : token.text;
  const host = numericHost(str);
  if (host.kind === 'scope') return { address: { kind: 'hostname', name: str }, next: at + 1, hostDependent: `"${str}" is an address only if the server host has the interface "${host.scope}"` };
  if (host.kind === 'name') {
    if (slash >= 0) throw new LineError(`specifying both host name and CIDR mask is invalid: "${token.text}"`);
    return { address: { kind: 'hostname', name: str }, next: at + 1 };
  }
  const { family, bytes } = host.inet;
  if (slash >= 0) {
    const bits = cidrBits(token.text.slice(slash + 1));
    if (bits === null || bits < 0 || bits > (family === 4 ? 32 : 128)) throw new LineError(`invalid CIDR mask in address "${token.text}"`);
    return { address: { kind: 'ip', family, bytes, mask: prefixMask(family, bits), bits, text: token.text }, next: at + 1 };
  }
  const maskTokens = fields[at + 1];
  if (!maskTokens) throw new LineError('end-of-line before netmask specification');
  if (maskTokens.length > 1) throw new LineError('multiple values specified for netmask');
  const maskText = maskTokens[0]!.text;
  const mask = numericHost(maskText);
  if (mask.kind !== 'ip') throw new LineError(`invalid IP mask "${maskText}": Name or service not known`);
  if (mask.inet.family !== family) throw new LineError('IP address and mask do not match');
  return { address: { kind: 'ip', family, bytes, mask: mask.inet.bytes, bits: maskBits(mask.inet.bytes), text: `${token.text} ${maskText}` }, next: at + 2 };
}

interface OptionState {
  clientcert?: 'ca' | 'full' | 'off';
  usermap?: string;
  ldap: Record<string, string>;
  radius: { servers?: string[]; secrets?: string[]; ports?: string[]; identifiers?: string[] };
  oauth: { issuer?: string; scope?: string; validator?: string; skipUsermap?: boolean };
  warning?: string;
  hostDependent?: string;
}

/** parse_hba_auth_opt: one name=value option, in the order written. */
function applyOption(v: PgMajor, rule: HbaRule, name: string, value: string, st: OptionState): void {
  const facts = optionFacts(name, v);
  if (!facts) throw new LineError(`unrecognized authentication option name: "${name}"`);
  if (facts.methods && !facts.methods.includes(rule.method)) throw new LineError(`authentication option "${name}" is only valid for authentication methods ${facts.label}`);
  switch (name) {
    case 'map':
      st.usermap = value;
      return;
    case 'clientcert': {
      if (rule.type !== 'hostssl') throw new LineError('clientcert can only be configured for "hostssl" rows');
      const legacy = inVersions(v, HBA_FACTS.clientcertLegacyValues);
      if (value === 'verify-full') st.clientcert = 'full';
      else if (value === 'verify-ca' || (legacy && value === '1')) {
        if (!legacy && rule.method === 'cert') throw new LineError('clientcert only accepts "verify-full" when using "cert" authentication');
        st.clientcert = 'ca';
      } else if (legacy && (value === '0' || value === 'no-verify')) {
        if (rule.method === 'cert') throw new LineError('clientcert cannot be set to "no-verify" when using "cert" authentication');
        st.clientcert = 'off';
      } else throw new LineError(`invalid value for clientcert: "${value}"`);
      return;
    }
    case 'clientname':
      if (rule.type !== 'hostssl') throw new LineError('clientname can only be configured for "hostssl" rows');
      if (value !== 'CN' && value !== 'DN') throw new LineError(`invalid value for clientname: "${value}"`);
      return;
    case 'ldapurl': {
      // OpenLDAP's ldap_url_parse: scheme://host[:port][/basedn[?attrs[?scope[?filter]]]]
      const m = /^([A-Za-z]+):\/\/([^/]*)(?:\/([^?]*)(?:\?([^?]*)(?:\?[^?]*(?:\?(.*))?)?)?)?$/.exec(value);
      if (!m) throw new LineError(`could not parse LDAP URL "${value}": Bad parameter to an ldap routine`);
      const scheme = m[1]!.toLowerCase();
      if (!['ldap', 'ldaps', 'ldapi', 'cldap'].includes(scheme)) throw new LineError(`could not parse LDAP URL "${value}": Bad parameter to an ldap routine`);
      if (scheme !== 'ldap' && scheme !== 'ldaps') throw new LineError(`unsupported LDAP URL scheme: ${scheme}`);
      if (m[2]) st.ldap.ldapserver = m[2];
      if (m[3]) st.ldap.ldapbasedn = decodeURIComponent(m[3]);
      if (m[4]) st.ldap.ldapsearchattribute = m[4].split(',')[0]!;
      if (m[5]) st.ldap.ldapsearchfilter = m[5];
      return;
    }
    case 'ldapscheme':
      if (value !== 'ldap' && value !== 'ldaps') st.warning ??= `invalid ldapscheme value: "${value}"`;
      return;
    case 'ldapport':
      if (atoi(value) === 0) throw new LineError(`invalid LDAP port number: "${value}"`);
      return;
    case 'radiusservers': {
      const list = splitGucList(value, ',');
      if (list === null) throw new LineError(`could not parse RADIUS server list "${value}"`);
      const names = list.filter((s) => numericHost(s).kind !== 'ip');
      if (names.length) st.hostDependent ??= `the RADIUS server name${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')} must resolve on the server host when pg_hba.conf is loaded`;
      st.radius.servers = list;
      return;
    }
    case 'radiusports': {
      const list = splitGucList(value, ',');
      if (list === null) throw new LineError(`could not parse RADIUS port list "${value}"`);
      if (list.some((p) => atoi(p) === 0)) throw new LineError(`invalid RADIUS port number: "${value}"`);
      st.radius.ports = list;
      return;
    }
    case 'radiussecrets': {
      const list = splitGucList(value, ',');
      if (list === null) throw new LineError(`could not parse RADIUS secret list "${value}"`);
      st.radius.secrets = list;
      return;
    }
    case 'radiusidentifiers': {
      const list = splitGucList(value, ',');
      if (list === null) throw new LineError(`could not parse RADIUS identifiers list "${value}"`);
      st.radius.identifiers = list;
      return;
    }
    case 'issuer':
      st.oauth.issuer = value;
      return;
    case 'scope':
      st.oauth.scope = value;
      return;
    case 'validator':
      st.oauth.validator = value;
      return;
    case 'delegate_ident_mapping':
      st.oauth.skipUsermap = value === '1';
      return;
    default:
      if (name.startsWith('ldap')) st.ldap[name] = value;
  }
}

/** The checks after the options (mandatory arguments, list lengths, oauth's validator). */
function finish(rule: HbaRule, st: OptionState, env: HbaEnv): void {
  if (rule.method === 'ldap') {
    const l = st.ldap;
    if (l.ldapprefix !== undefined || l.ldapsuffix !== undefined) {
      if (['ldapbasedn', 'ldapbinddn', 'ldapbindpasswd', 'ldapsearchattribute', 'ldapsearchfilter'].some((k) => l[k] !== undefined)) {
        throw new LineError('cannot mix options for simple bind and search+bind modes');
      }
    } else if (l.ldapbasedn === undefined) throw new LineError('authentication method "ldap" requires argument "ldapbasedn", "ldapprefix", or "ldapsuffix" to be set');
    if (l.ldapsearchattribute !== undefined && l.ldapsearchfilter !== undefined) throw new LineError('cannot use ldapsearchattribute together with ldapsearchfilter');
  }
  if (rule.method === 'radius') {
    const r = st.radius;
    // an empty list (radiussecrets="") is a list that was never set
    if (!r.servers?.length) throw new LineError('authentication method "radius" requires argument "radiusservers" to be set');
    if (!r.secrets?.length) throw new LineError('authentication method "radius" requires argument "radiussecrets" to be set');
    const n = r.servers.length;
    const fits = (l: string[] | undefined, allowNone: boolean): boolean => (l === undefined || l.length === 0 ? allowNone : l.length === 1 || l.length === n);
    if (!fits(r.secrets, false)) throw new LineError(`the number of RADIUS secrets (${r.secrets.length}) must be 1 or the same as the number of RADIUS servers (${n})`);
    if (!fits(r.ports, true)) throw new LineError(`the number of RADIUS ports (${r.ports!.length}) must be 1 or the same as the number of RADIUS servers (${n})`);
    if (!fits(r.identifiers, true)) throw new LineError(`the number of RADIUS identifiers (${r.identifiers!.length}) must be 1 or the same as the number of RADIUS servers (${n})`);
  }
  if (rule.method === 'oauth') {
    const o = st.oauth;
    if (o.scope === undefined) throw new LineError('authentication method "oauth" requires argument "scope" to be set');
    if (o.issuer === undefined) throw new LineError('authentication method "oauth" requires argument "issuer" to be set');
    if (env.oauthValidatorLibraries === '') throw new LineError('oauth_validator_libraries must be set for authentication method oauth');
    const libs = libraryList(env.oauthValidatorLibraries);
    if (libs === null) throw new LineError('invalid list syntax in parameter "oauth_validator_libraries"');
    if (o.validator === undefined) {
      if (libs.length !== 1) throw new LineError('authentication method "oauth" requires argument "validator" to be set when oauth_validator_libraries contains multiple options');
    } else if (!libs.includes(o.validator)) throw new LineError(`validator "${o.validator}" is not permitted by oauth_validator_libraries`);
    if (o.skipUsermap && st.usermap !== undefined) throw new LineError('map cannot be used in combination with delegate_ident_mapping');
  }
}

function parseRecord(tl: TokenizedLine, v: PgMajor, env: HbaEnv): HbaRecord {
  const rec: HbaRecord = { file: tl.file, line: tl.line, raw: tl.raw };
  if (tl.error !== undefined) return { ...rec, error: tl.error };
  if (tl.hostDependent !== undefined) return { ...rec, hostDependent: tl.hostDependent };
  const f = tl.fields;
  try {
    const typeTokens = f[0]!;
    if (typeTokens.length > 1) throw new LineError('multiple values specified for connection type');
    const typeText = typeTokens[0]!.text;
    if (!(CONNECTION_TYPES as readonly string[]).includes(typeText)) throw new LineError(`invalid connection type "${typeText}"`);
    const type = typeText as ConnectionType;
    if (type === 'hostssl' && !env.ssl) rec.warning = 'hostssl record cannot match because SSL is disabled';
    const needs: NonNullable<HbaRecord['needsBuild']> = [];
    if (CONNECTION_TYPE_BUILD[type]) needs.push({ by: 'type', build: CONNECTION_TYPE_BUILD[type] });
    const regex = inVersions(v, HBA_FACTS.regex);
    const names = (at: number, what: string): HbaToken[] => {
      const tokens = f[at];
      if (!tokens) throw new LineError(`end-of-line before ${what} specification`);
      if (regex) for (const t of tokens) if (t.text.startsWith('/')) {
        const problem = regexProblem(t);
        if (problem) throw new LineError(problem);
      }
      return tokens;
    };
    const databases = names(1, 'database');
    const users = names(2, 'role');
    let at = 3;
    let address: HbaAddress | null = null;
    if (type !== 'local') {
      const a = parseAddress(f, at);
      if (a.hostDependent) return { ...rec, hostDependent: a.hostDependent };
      address = a.address;
      at = a.next;
    }
    const methodTokens = f[at];
    if (!methodTokens) throw new LineError('end-of-line before authentication method');
    if (methodTokens.length > 1) throw new LineError('multiple values specified for authentication type');
    const written = methodTokens[0]!.text;
    const facts = Object.hasOwn(HBA_METHODS, written) ? HBA_METHODS[written] : undefined;
    if (!facts || !inVersions(v, facts.versions)) throw new LineError(`invalid authentication method "${written}"`);
    if (written === 'md5' && env.dbUserNamespace && inVersions(v, HBA_FACTS.md5WithDbUserNamespace)) throw new LineError('MD5 authentication is not supported when "db_user_namespace" is enabled');
    if (facts.build) {
      // the method's refusal is the stronger consequence of the same missing option
      for (let i = needs.length - 1; i >= 0; i--) if (needs[i]!.build === facts.build) needs.splice(i, 1);
      needs.push({ by: 'method', build: facts.build });
    }
    if (needs.length) rec.needsBuild = needs;
    const method = type === 'local' && written === 'ident' ? 'peer' : written;
    if (type === 'local' && method === 'gss') throw new LineError('gssapi authentication is not supported on local sockets');
    if (type !== 'local' && method === 'peer') throw new LineError('peer authentication is only supported on local sockets');
    if (type !== 'hostssl' && method === 'cert') throw new LineError('cert authentication is only supported on hostssl connections');
    const rule: HbaRule = { type, databases, users, address, method, writtenMethod: written, options: [] };
    const st: OptionState = { ldap: {}, radius: {}, oauth: {} };
    for (const tokens of f.slice(at + 1)) {
      for (const t of tokens) {
        const eq = t.text.indexOf('=');
        if (eq < 0) throw new LineError(`authentication option not in name=value format: ${t.text}`);
        const name = t.text.slice(0, eq);
        const value = t.text.slice(eq + 1);
        applyOption(v, rule, name, value, st);
        rule.options.push({ name, value });
      }
    }
    finish(rule, st, env);
    if (st.warning) rec.warning ??= st.warning;
    if (st.hostDependent) rec.hostDependent = st.hostDependent;
    return { ...rec, rule };
  } catch (e) {
    if (!(e instanceof LineError)) throw e;
    const { warning: _w, ...rest } = rec;
    return { ...rest, error: e.message };
  }
}

const memo = new WeakMap<HbaFile, Map<string, HbaAnalysis>>();

/** Every record of the pg_hba.conf (and its includes) as a server of version `v` with these settings reads it. */
export function analyzeHba(hba: HbaFile, v: PgMajor, env: HbaEnv): HbaAnalysis {
  const key = `${v}|${env.ssl}|${env.dbUserNamespace}|${env.oauthValidatorLibraries}`;
  let byKey = memo.get(hba);
  if (!byKey) memo.set(hba, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit) return hit;
  const records = tokenizeHba(hba, v).map((tl) => parseRecord(tl, v, env));
  // load_hba: only a file with no error and no loaded record "contains no entries"
  const noEntries = records.every((r) => !r.error && !r.rule && !r.hostDependent);
  const result = { records, noEntries };
  byKey.set(key, result);
  return result;
}
