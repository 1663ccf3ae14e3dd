import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'locales every host has', conf: "lc_messages = 'C'\nlc_monetary = 'POSIX'\n" },
    { name: 'no preloaded libraries', conf: "shared_preload_libraries = ''\n" },
    { name: 'huge_pages = try falls back to normal pages', conf: 'huge_pages = try\n' },
    { name: 'max_stack_depth within the common 8MB stack limit', conf: 'max_stack_depth = 7680kB\n' },
    { name: 'the logging collector writing inside the data directory', conf: "logging_collector = on\nlog_directory = 'log'\n" },
    { name: 'an absolute log_directory that is not used', conf: "log_directory = '/var/log/postgresql'\n" },
    { name: 'include_if_exists of a missing absolute path is skipped', conf: "include_if_exists '/etc/postgresql/pgvet-missing.conf'\n" },
    { name: 'a missing relative include is PGV007, not this rule', conf: "include 'missing.conf'\n" },
    { name: 'ssl off', conf: 'ssl = off\n' },
    { name: 'sockets in /tmp', conf: "unix_socket_directories = '/tmp'\n" },
    { name: 'an abstract socket (14+)', conf: "unix_socket_directories = '@pgvet'\n", versions: [14, 15, 16, 17, 18] },
  ],
  invalid: [
    { name: "'' takes the locale from the environment", conf: "lc_time = ''\n", lines: [1], messageIncludes: "from the server process's environment" },
    { name: 'a locale the host may lack', conf: "lc_messages = 'en_US.UTF-8'\n", lines: [1], messageIncludes: 'needs the locale "en_US.UTF-8"' },
    { name: 'every locale parameter', conf: "lc_monetary = 'de_DE.UTF-8'\nlc_numeric = 'de_DE.UTF-8'\nlc_time = 'de_DE.UTF-8'\n", lines: [1, 2, 3] },
    { name: 'locale names are case-sensitive: lower-case c is not the C locale', conf: "lc_numeric = 'c'\n", lines: [1] },
    { name: 'preloaded libraries', conf: "shared_preload_libraries = 'pg_stat_statements, auto_explain'\n", lines: [1], messageIncludes: 'pg_stat_statements, auto_explain' },
    { name: 'an absolute include that is not there', conf: "work_mem = 8MB\ninclude '/etc/postgresql/pgvet-missing.conf'\n", lines: [2], messageIncludes: '/etc/postgresql/pgvet-missing.conf' },
    { name: 'an absolute include_dir that is not there', conf: "include_dir '/etc/postgresql/pgvet-missing.d'\n", lines: [1] },
    { name: 'an hba_file elsewhere', conf: "hba_file = '/etc/postgresql/pg_hba.conf'\n", lines: [1] },
    { name: 'ssl = on needs certificate files', conf: 'ssl = on\n', lines: [1], messageIncludes: 'server.crt' },
    { name: 'huge_pages = on needs reserved huge pages', conf: 'huge_pages = on\n', lines: [1] },
    { name: 'the logging collector writing to an absolute directory', conf: "logging_collector = on\nlog_directory = '/var/log/postgresql'\n", lines: [2] },
    { name: 'max_stack_depth beyond the common 8MB stack limit', conf: 'max_stack_depth = 8MB\n', lines: [1] },
    { name: 'a socket directory the host must have', conf: "unix_socket_directories = '/var/run/postgresql, /tmp'\n", lines: [1], messageIncludes: "'/var/run/postgresql'" },
    { name: 'before 14, @ is a relative directory', conf: "unix_socket_directories = '@pgvet'\n", lines: [1], versions: [13] },
    { name: 'a data_directory elsewhere', conf: "data_directory = '/var/lib/postgresql/pgvet-missing'\n", lines: [1] },
  ],
} satisfies RuleCases;
