/**
 * What a server says on stderr, parsed into messages: level, text, the file and line it names,
 * the parameter it quotes, and its DETAIL, HINT and CONTEXT lines.
 */

export type ServerLevel =
  | 'DEBUG'
  | 'LOG'
  | 'INFO'
  | 'NOTICE'
  | 'WARNING'
  | 'ERROR'
  | 'FATAL'
  | 'PANIC'
  /** A stderr line without a log prefix, e.g. `postgres: could not access the server configuration file …`. */
  | 'STDERR';

export interface ServerMessage {
  level: ServerLevel;
  /** The primary message, without prefix and SQLSTATE. */
  text: string;
  /** File and line, when the message names them (`in file "F" line N`, or a CONTEXT line). */
  file?: string;
  line?: number;
  /** The parameter the message is about, when it quotes one (`parameter "work_mem"`). */
  parameter?: string;
  detail?: string;
  hint?: string;
  context?: string;
  /** The stderr lines this message was parsed from. */
  raw: string;
}

const LEVEL_RE =
  /^(?:.*?\s)??(DEBUG[1-5]?|LOG|INFO|NOTICE|WARNING|ERROR|FATAL|PANIC|DETAIL|HINT|CONTEXT|LOCATION|STATEMENT|QUERY):  (.*)$/;

/**
 * Parse server stderr into messages. Works with the default log_line_prefix ('%m [%p] ') and
 * with whatever prefix a configuration sets, as long as it does not itself contain `LEVEL:  `.
 */
export function parseServerMessages(stderr: string): ServerMessage[] {
  const messages: ServerMessage[] = [];
  let last: ServerMessage | undefined;
  for (const rawLine of stderr.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    if (line === '') continue;
    const m = LEVEL_RE.exec(line);
    if (!m) {
      if (last && /^\s/.test(line)) {
        // continuation of a multi-line message
        last.text += '\n' + line.trim();
        last.raw += '\n' + line;
      } else {
        last = { level: 'STDERR', text: line, raw: line };
        messages.push(last);
      }
      continue;
    }
    const tag = m[1] ?? 'LOG';
    // log_error_verbosity = verbose puts the SQLSTATE first: "LOG:  22023: …"
    const text = (m[2] ?? '').replace(/^[0-9A-Z]{5}: /, '');
    if (tag === 'DETAIL' || tag === 'HINT' || tag === 'CONTEXT' || tag === 'LOCATION' || tag === 'STATEMENT' || tag === 'QUERY') {
      if (last) {
        last.raw += '\n' + line;
        if (tag === 'DETAIL') last.detail = text;
        else if (tag === 'HINT') last.hint = text;
        else if (tag === 'CONTEXT') {
          last.context = text;
          locate(last, text);
        }
      }
      continue;
    }
    const level: ServerLevel = tag.startsWith('DEBUG') ? 'DEBUG' : (tag as ServerLevel);
    last = { level, text, raw: line };
    locate(last, text);
    const param = /parameter "([^"]+)"/.exec(text);
    if (param?.[1]) last.parameter = param[1];
    messages.push(last);
  }
  return messages;
}

function locate(msg: ServerMessage, text: string): void {
  if (msg.line !== undefined) return;
  const inFile = /in file "(.*)" line (\d+)/.exec(text);
  if (inFile?.[1] !== undefined && inFile[2] !== undefined) {
    msg.file = inFile[1];
    msg.line = Number(inFile[2]);
    return;
  }
  const ofFile = /line (\d+) of configuration file "(.*)"/.exec(text);
  if (ofFile?.[1] !== undefined && ofFile[2] !== undefined) {
    msg.line = Number(ofFile[1]);
    msg.file = ofFile[2];
  }
}

