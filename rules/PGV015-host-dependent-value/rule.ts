import { backendSlotsOf, maxBackends } from '../../src/catalog/limits.js';
import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { locateSetting, isSet } from '../utils/locate.js';
import { libraryList, libraryProblem, splitDirectoriesString } from '../../src/catalog/lists.js';
import { approxBytes } from '../utils/host-math.js';

/**
 * Preloadable modules of PostgreSQL's own contrib tree (Appendix F, "Additional Supplied Modules",
 * https://www.postgresql.org/docs/current/contrib.html), installed with the server by the PGDG
 * packages and the official images: no finding asks to install them.
 */
const CONTRIB_PRELOAD = new Set(['pg_stat_statements', 'auto_explain', 'pg_prewarm', 'passwordcheck', 'auth_delay', 'basic_archive', 'pg_trgm', 'pg_buffercache', 'pgrowlocks']);

/**
 * What the file depends on that only the server host can tell: locales, libraries, files and
 * directories, huge pages, the stack limit. The server refuses to start when one is missing;
 * pgvet cannot see the host, so it names the dependency instead of guessing.
 */
type Msg = 'group' | 'environment' | 'relativeDir' | 'sharedMemory' | 'sharedMemoryOverRam' | 'locale' | 'library' | 'file' | 'include' | 'ssl' | 'hugePages' | 'logDirectory' | 'stack' | 'dataDirectory' | 'socketDirectories';

/** Locale names are case-sensitive; only these exist on every host. */
const ALWAYS_THERE_LOCALES = new Set(['C', 'POSIX']);
const STACK_LIMIT_KB = 8192 - 512;
/**
 * Without a host, from 8GB of shared memory on the host's RAM is worth a look (a 23GB host refused
 * 64GB, docs/reference/server-facts.md#resource-failures-at-startup; 262k connections need ~13GB).
 * With --ram, from the RAM itself.
 */
const LARGE_SHARED_MEMORY = 8 * 1024 ** 3; // the common 8MB `ulimit -s` minus the server's STACK_DEPTH_SLOP

/**
 * A cheap screen before asking the simulator: the rule of thumb of
 * docs/reference/server-facts.md#shared-memory-fitted-models-and-a-rule-of-thumb
 * (1.022 × shared_buffers + ~50kB per backend slot + ~390B per extra lock slot). Only when twice
 * this could reach the limit does the rule run the simulator (a few ms on a cold start), whose
 * byte-exact figure decides and is shown.
 */
function mayBeLarge(ctx: Parameters<typeof locateSetting>[0], limit: number): boolean {
  const n = (name: string): number => ctx.settings.num(name, 0);
  const sb = ctx.settings.bytes('shared_buffers');
  // an upper bound: MaxBackends with 17's two special workers on every version
  const slots = maxBackends(backendSlotsOf(n, ctx.version), 17) + n('max_prepared_transactions');
  const perSlot = 50 * 1024 + Math.max(0, n('max_locks_per_transaction') - 64) * 390 + Math.max(0, n('max_pred_locks_per_transaction') - 64) * 240;
  return 2 * (1.022 * sb + slots * perSlot) >= limit;
}

/** The simulator's shared memory parts, and the setting that sizes each. */
const DRIVERS: Record<string, string> = {
  'buffer-pool': 'shared_buffers',
  'predicate-locks': 'max_pred_locks_per_transaction',
  'lock-table': 'max_locks_per_transaction',
};

export default defineRule<Msg>({
  meta: {
    id: 'PGV015',
    name: 'host-dependent-value',
    description: 'A setting that only works if the server host has something (a locale, a library, a file, huge pages): named so it can be checked there.',
    defaultSeverity: 'info',
    parameters: ['unix_socket_group', 'shared_buffers', 'lc_messages', 'lc_monetary', 'lc_numeric', 'lc_time', 'shared_preload_libraries', 'hba_file', 'ident_file', 'ssl', 'huge_pages', 'logging_collector', 'log_directory', 'max_stack_depth', 'data_directory', 'unix_socket_directories'],
    messages: {
      locale: (d) => `${d.param} = '${d.value}' needs the locale "${d.value}" installed on the server host (else: invalid value, the server refuses to start)`,
      library: (d) => `shared_preload_libraries loads ${d.libs}: each must be installed in the server's library directory (else: could not access file, the server refuses to start)`,
      file: (d) => `${d.param} = '${d.value}' must exist on the server host (else the server refuses to start)`,
      include: (d) => `${d.detail} here; the server host must have "${d.target}"`,
      ssl: (d) => `ssl = on needs the certificate "${d.cert}" and key "${d.key}" (relative paths are in the data directory) on the server host`,
      hugePages: () => 'huge_pages = on needs enough huge pages reserved on the server host (vm.nr_hugepages), else the server refuses to start; "try" falls back to normal pages',
      logDirectory: (d) => `logging_collector = on writes to '${d.dir}': the server's user must be able to create files there`,
      stack: (d) => `max_stack_depth = ${d.value}kB needs a stack limit (ulimit -s) of at least ${d.need}kB on the server host; the common 8MB limit allows ${STACK_LIMIT_KB}kB`,
      group: (d) => `unix_socket_group = '${d.group}' must be a group on the server host, else the server cannot create its sockets and refuses to start`,
      environment: (d) => `${d.param} = '' takes the locale from the server process's environment (LC_ALL, ${String(d.param).toUpperCase()}, LANG), which must name an installed locale`,
      relativeDir: (d) => `data_directory = '${d.dir}' is relative: the server resolves it against its own working directory`,
      sharedMemory: (d) => `the server maps about ${d.size} of shared memory at start (mostly for ${d.driver}), and the host must have the RAM for it (else: could not map anonymous shared memory)`,
      sharedMemoryOverRam: (d) => `the server maps about ${d.size} of shared memory at start (mostly for ${d.driver}), more than the host's ${d.ram} of RAM: the kernel refuses a mapping that large unless swap or vm.overcommit_memory = 1 covers it (could not map anonymous shared memory, the server does not start), and if it grants it the host swaps`,
      dataDirectory: (d) => `data_directory = '${d.dir}' must be an initialised data directory on the server host`,
      socketDirectories: (d) => `unix_socket_directories: the server creates its sockets in ${d.dirs}; each must exist on the server host and be writable by the server's user (else: could not create lock file, the server refuses to start)`,
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    for (const param of ['lc_messages', 'lc_monetary', 'lc_numeric', 'lc_time']) {
      if (!isSet(ctx, param)) continue;
      const value = ctx.settings.str(param);
      if (value === '') {
        // lc_messages = '' is refused outright (check_locale_messages): PGV004's finding
        if (param !== 'lc_messages') out.push({ messageId: 'environment', data: { param }, ...locateSetting(ctx, param), parameter: param });
      } else if (!ALWAYS_THERE_LOCALES.has(value)) out.push({ messageId: 'locale', data: { param, value }, ...locateSetting(ctx, param), parameter: param, help: 'check with `locale -a` on the server host' });
    }
    // names no host can load are PGV019's; a list with a syntax error loads nothing (PGV020)
    // contrib modules ship with the server (issue 14: no "install it" note for pg_stat_statements …);
    // the name as written: library file names are case-sensitive (PG_STAT_STATEMENTS is refused)
    const libs = (libraryList(ctx.settings.str('shared_preload_libraries', '')) ?? []).filter((l) => libraryProblem(l) === null && !CONTRIB_PRELOAD.has(l));
    if (libs.length > 0) out.push({ messageId: 'library', data: { libs: libs.join(', ') }, ...locateSetting(ctx, 'shared_preload_libraries'), parameter: 'shared_preload_libraries', help: 'install the extension packages on the server host' });
    const group = ctx.settings.str('unix_socket_group', '');
    if (group !== '') out.push({ messageId: 'group', data: { group }, ...locateSetting(ctx, 'unix_socket_group'), parameter: 'unix_socket_group' });
    for (const param of ['hba_file', 'ident_file']) {
      if (isSet(ctx, param) && ctx.settings.str(param) !== '') out.push({ messageId: 'file', data: { param, value: ctx.settings.str(param) }, ...locateSetting(ctx, param), parameter: param });
    }
    if (isSet(ctx, 'data_directory')) {
      const dir = ctx.settings.str('data_directory');
      out.push(dir.startsWith('/')
        ? { messageId: 'dataDirectory', data: { dir }, ...locateSetting(ctx, 'data_directory'), parameter: 'data_directory' }
        : { messageId: 'relativeDir', data: { dir }, ...locateSetting(ctx, 'data_directory'), parameter: 'data_directory' });
    }
    if (isSet(ctx, 'unix_socket_directories')) {
      // /tmp is everywhere; from 14, a name starting with @ is an abstract socket on Linux (no directory)
      const dirs = (splitDirectoriesString(ctx.settings.str('unix_socket_directories'), ',') ?? []).filter((d) => d !== '/tmp' && !(ctx.version >= 14 && d.startsWith('@')));
      if (dirs.length > 0) out.push({ messageId: 'socketDirectories', data: { dirs: dirs.map((d) => `'${d}'`).join(', ') }, ...locateSetting(ctx, 'unix_socket_directories'), parameter: 'unix_socket_directories' });
    }
    if (ctx.settings.bool('ssl')) {
      out.push({ messageId: 'ssl', data: { cert: ctx.settings.str('ssl_cert_file'), key: ctx.settings.str('ssl_key_file') }, ...locateSetting(ctx, 'ssl'), parameter: 'ssl' });
    }
    if (['on', 'true', 'yes', '1'].includes(ctx.settings.str('huge_pages').toLowerCase())) out.push({ messageId: 'hugePages', data: {}, ...locateSetting(ctx, 'huge_pages'), parameter: 'huge_pages', help: 'use huge_pages = try unless the host reserves huge pages' });
    if (ctx.settings.bool('logging_collector')) {
      const dir = ctx.settings.str('log_directory');
      if (dir.startsWith('/')) out.push({ messageId: 'logDirectory', data: { dir }, ...locateSetting(ctx, 'log_directory'), parameter: 'log_directory' });
    }
    const limit = ctx.host.ramBytes ?? LARGE_SHARED_MEMORY;
    if (mayBeLarge(ctx, limit)) {
      const shm = ctx.estimate().sharedMemory;
      if (shm.bytes >= limit) {
        // the largest part names the setting to look at
        const largest = [...shm.parts].sort((a, b) => b.bytes - a.bytes)[0]?.id ?? '';
        const driver = DRIVERS[largest] ?? 'max_connections';
        const where = { ...locateSetting(ctx, driver), parameter: driver };
        // with --ram the comparison is made, not left to the reader: a risk, not advice (a warning;
        // not an error, since swap or overcommit mode 1 can let the mapping through). A container's
        // memory limit is not what the kernel's overcommit check compares against (the mapping is
        // granted and the OOM killer comes later: PGV054 on the carriers), so there it stays a note.
        if (ctx.host.ramBytes !== undefined && !ctx.host.containerLimited) out.push({ messageId: 'sharedMemoryOverRam', data: { size: approxBytes(shm.bytes), driver, ram: approxBytes(ctx.host.ramBytes) }, ...where, severity: 'warning', help: `lower ${driver}; see pgvet simulate for every part of the shared memory` });
        else out.push({ messageId: 'sharedMemory', data: { size: approxBytes(shm.bytes), driver }, ...where, help: 'check it against the RAM (or container limit) of the server host' });
      }
    }
    const stack = ctx.settings.num('max_stack_depth');
    if (stack > STACK_LIMIT_KB) out.push({ messageId: 'stack', data: { value: stack, need: stack + 512 }, ...locateSetting(ctx, 'max_stack_depth'), parameter: 'max_stack_depth' });
    for (const p of ctx.config.includeProblems) {
      if (p.absolute && (p.kind === 'missing-file' || p.kind === 'missing-directory')) {
        out.push({ messageId: 'include', data: { detail: p.detail, target: p.resolved }, file: p.file, line: p.line, column: p.column });
      }
    }
    return out;
  },
});
