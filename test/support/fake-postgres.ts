/**
 * A fake PostgreSQL server on 127.0.0.1 (a port the system picks) for what a real one will not
 * do: close the connection after startup, never answer a query, stream a gigantic message, ask
 * for a cleartext password, answer with escape sequences. Speaks just enough of the protocol
 * (startup → AuthenticationOk, ParameterStatus, BackendKeyData, ReadyForQuery; then Query).
 */
import net from 'node:net';

export type FakeMode = 'closeafterauth' | 'noquery' | 'huge' | 'password' | 'resetonquery' | 'hostile' | 'stmttimeout' | 'idlesession';

export interface FakeServer {
  port: number;
  /** When each client connection closed, ms after it opened. */
  closedAfterMs: number[];
  /** Bytes written to clients so far. */
  sent(): number;
  close(): Promise<void>;
}

const message = (type: string, body: Buffer): Buffer => {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeUInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
};
const int32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const cstr = (s: string): Buffer => Buffer.concat([Buffer.from(s, 'utf8'), Buffer.from([0])]);

/** An ErrorResponse: severity, SQLSTATE, message. */
const errorResponse = (severity: string, code: string, text: string): Buffer =>
  message('E', Buffer.concat([Buffer.from('S'), cstr(severity), Buffer.from('V'), cstr(severity), Buffer.from('C'), cstr(code), Buffer.from('M'), cstr(text), Buffer.from([0])]));

const READY = Buffer.concat([message('R', int32(0)), message('S', Buffer.concat([cstr('server_version'), cstr('17.0')])), message('K', Buffer.concat([int32(1), int32(2)])), message('Z', Buffer.from('I'))]);

/** A result of text columns: RowDescription, DataRows, CommandComplete, ReadyForQuery. */
function result(columns: string[], rows: Array<Array<string | null>>): Buffer {
  const desc = Buffer.concat([Buffer.from([0, columns.length]), ...columns.map((c) => Buffer.concat([cstr(c), int32(0), Buffer.from([0, 0]), int32(25), Buffer.from([0xff, 0xff]), int32(-1), Buffer.from([0, 0])]))]);
  const data = rows.map((r) =>
    message('D', Buffer.concat([Buffer.from([0, r.length]), ...r.map((v) => (v === null ? int32(-1) : Buffer.concat([int32(Buffer.byteLength(v)), Buffer.from(v, 'utf8')])))])),
  );
  return Buffer.concat([message('T', desc), ...data, message('C', cstr(`SELECT ${rows.length}`)), message('Z', Buffer.from('I'))]);
}

export async function startFakePostgres(mode: FakeMode): Promise<FakeServer> {
  const closedAfterMs: number[] = [];
  const sockets = new Set<net.Socket>();
  let sent = 0;
  const server = net.createServer((sock) => {
    sockets.add(sock);
    const opened = Date.now();
    sock.on('close', () => {
      closedAfterMs.push(Date.now() - opened);
      sockets.delete(sock);
    });
    sock.on('error', () => undefined);
    const write = (b: Buffer): boolean => {
      sent += b.length;
      return sock.write(b);
    };
    let started = false;
    let buffered = Buffer.alloc(0);
    sock.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (!started) {
        if (buffered.length < 4 || buffered.length < buffered.readUInt32BE(0)) return;
        buffered = buffered.subarray(buffered.readUInt32BE(0));
        started = true;
        if (mode === 'password') {
          write(message('R', int32(3))); // AuthenticationCleartextPassword
          return;
        }
        write(READY);
        if (mode === 'closeafterauth') sock.end();
        if (mode === 'idlesession') {
          // what PostgreSQL 14+ sends when idle_session_timeout ends a session between queries
          write(errorResponse('FATAL', '57P05', 'terminating connection due to idle-session timeout'));
          sock.end();
        }
        return;
      }
      if (buffered[0] !== 0x51 /* Q */ || buffered.length < 5 || buffered.length < 1 + buffered.readUInt32BE(1)) return;
      buffered = buffered.subarray(1 + buffered.readUInt32BE(1));
      if (mode === 'noquery') return;
      if (mode === 'resetonquery') {
        sock.resetAndDestroy();
        return;
      }
      if (mode === 'stmttimeout') {
        write(Buffer.concat([errorResponse('ERROR', '57014', 'canceling statement due to statement timeout'), message('Z', Buffer.from('I'))]));
        return;
      }
      if (mode === 'hostile') {
        write(result(['num', 'version', 'standby', 'config_file'], [['9999999', '\u001b[31mEVIL\u001b[0m 99', 'zz', '/etc/\u001b]0;x\u0007']]));
        return;
      }
      // huge: a RowDescription that claims 1GB, then bytes for as long as the client reads
      const head = Buffer.alloc(5);
      head.write('T', 0, 'latin1');
      head.writeUInt32BE(0x3fffffff, 1);
      write(head);
      const block = Buffer.alloc(1 << 16, 0x41);
      const pump = (): void => {
        while (!sock.destroyed && sent < 512 * 1024 * 1024) if (!write(block)) return void sock.once('drain', pump);
      };
      pump();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    closedAfterMs,
    sent: () => sent,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
