/**
 * The real app for HTTP tests: the production server (scripts/next-server.mjs, what `npm start`
 * runs: Next.js with the Wallet API's Node.js path, on the production build in .next) on 127.0.0.1
 * and a free port, pointed at the given PostgreSQL database. Its stdout and stderr go to one log file,
 * so tests can also check what the server logged (e.g. that no secret ever appears there).
 * `env` adds or overrides environment variables of the server (the reliability suite uses it), and
 * `kill()` ends it with SIGKILL, the way a crash would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { TEST_AUTH_SECRET, TEST_SECRETS_KEY } from './test-keys';
import { SERVER_NODE_FLAGS } from '@/lib/runtime/server-node-flags';

export { TEST_AUTH_SECRET, TEST_SECRETS_KEY };

export const SERVER_LOG = path.resolve('.test-reports/next-server.log');
const NEXT_BIN = path.resolve('node_modules/next/dist/bin/next');
const PRODUCTION_SERVER = path.resolve('scripts/next-server.mjs');
const READY_TIMEOUT_MS = 60_000;
const KILL_AFTER_MS = 5_000;

export interface TestServer {
  baseUrl: string;
  logFile: string;
  /** The server's process id. */
  pid: number;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
  /** SIGKILL at once (a crash); resolves when the process is gone. */
  kill(): Promise<void>;
  /** Resolves when the process has exited, with how (`code 143`, `signal SIGKILL`). */
  exited: Promise<string>;
}

export interface StartServerOptions {
  /** Where stdout + stderr go (truncated at start unless `appendLog`). */
  logFile?: string;
  appendLog?: boolean;
  /** Extra environment variables for the server, applied last (e.g. LOG_LEVEL, NODE_OPTIONS). */
  env?: Record<string, string | undefined>;
  /** Extra Node.js options before the server script (e.g. --cpu-prof, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
  /** Plain `next start` instead of the production server: Next.js answers the Wallet API too (lib/edge/node-api.http.test.ts compares the two). */
  plainNext?: boolean;
}

export function assertBuilt(): void {
  if (!existsSync(path.resolve('.next/BUILD_ID'))) {
    throw new Error('HTTP tests serve the production build, and there is none: run `npm run build` first.');
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function logTail(file: string, lines = 40): string {
  if (!existsSync(file)) return '(no server log)';
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

export async function startServer(databaseUrl: string, options: StartServerOptions = {}): Promise<TestServer> {
  assertBuilt();
  const logFile = options.logFile ?? SERVER_LOG;
  mkdirSync(path.dirname(logFile), { recursive: true });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // vitest sets NODE_ENV=test; the production build must run as production.
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: TEST_AUTH_SECRET,
    CARDSTOCK_SECRETS_KEY: TEST_SECRETS_KEY,
    NEXT_TELEMETRY_DISABLED: '1',
    LOG_LEVEL: 'info',
    ...options.env,
  };
  delete env.CARDSTOCK_SECRETS_KEY_FILE;
  delete env.AUTH_URL;

  const log = openSync(logFile, options.appendLog ? 'a' : 'w');
  let child: ChildProcess;
  try {
    const server = options.plainNext ? [NEXT_BIN, 'start'] : [PRODUCTION_SERVER];
    child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...(options.nodeArgs ?? []), ...server, '-p', String(port), '-H', '127.0.0.1'], {
      env,
      stdio: ['ignore', log, log],
    });
  } finally {
    closeSync(log); // the child holds its own copy
  }

  let exited: string | undefined;
  const exitedPromise = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = signal ? `signal ${signal}` : `code ${code}`;
      resolve(exited);
    });
  });
  // If vitest dies without running the teardown, do not leave the server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  async function stop(): Promise<void> {
    process.removeListener('exit', killOnExit);
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    await exitedPromise;
    clearTimeout(timer);
  }

  async function kill(): Promise<void> {
    process.removeListener('exit', killOnExit);
    if (exited) return;
    child.kill('SIGKILL');
    await exitedPromise;
  }

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (exited) {
      throw new Error(`the server exited early (${exited}). Last lines of ${logFile}:\n${logTail(logFile)}`);
    }
    try {
      const response = await fetch(`${baseUrl}/login`, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer GET /login within ${READY_TIMEOUT_MS / 1000} s. Last lines of ${logFile}:\n${logTail(logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  return { baseUrl, logFile, pid: child.pid ?? -1, stop, kill, exited: exitedPromise };
}
