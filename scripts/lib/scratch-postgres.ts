/**
 * A throw-away PostgreSQL for development tooling: an in-memory PGlite served over the wire
 * protocol on 127.0.0.1 (free port). Nothing is written to disk and no real database is touched.
 */
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** pg pools connecting to the scratch database must stay at or below this size. */
export const SCRATCH_MAX_CONNECTIONS = 10;

export interface ScratchPostgres {
  readonly host: string;
  readonly port: number;
  /** PGlite accepts any user / database name; these are what clients should send. */
  readonly user: string;
  readonly database: string;
  /** Runs a (multi-statement) SQL script directly on PGlite, bypassing the socket. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export async function startScratchPostgres(): Promise<ScratchPostgres> {
  const db = await PGlite.create();
  // maxConnections defaults to 1, and extra pool connections would be refused.
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: 0,
    maxConnections: SCRATCH_MAX_CONNECTIONS,
  });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }

  // getServerConn() reports the port the OS picked for port 0, as "host:port".
  const conn = server.getServerConn();
  const separator = conn.lastIndexOf(':');
  const host = conn.slice(0, separator);
  const port = Number(conn.slice(separator + 1));

  let closed = false;
  return {
    host,
    port,
    user: 'postgres',
    database: 'postgres',
    async exec(sql) {
      // PGlite's exec() runs the script with the simple query protocol, so it handles any
      // statement PostgreSQL does (dollar-quoted bodies, semicolons in strings, …).
      await db.exec(sql);
    },
    async close() {
      if (closed) return;
      closed = true;
      await server.stop();
      await db.close();
    },
  };
}
