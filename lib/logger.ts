/**
 * One structured logger (pino: fast JSON lines, redaction built in). Secret-bearing fields are
 * redacted here, centrally, so a careless log call cannot leak them.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';
import { getEnv } from './env';

export const REDACTED_KEYS = [
  'password',
  'passwordHash',
  'secret',
  'client_secret',
  'secretHash',
  'pin',
  'card_token',
  'token',
  'access_token',
  'authorization',
  'cookie',
  'set-cookie',
  // The one-time shapes (`pin.pin.value`, `card_token.token.value`) and containers of clear secrets.
  'value',
  'tokens',
  'secrets',
  'records',
];

/** pino's `*` matches one level; secrets are redacted up to four levels deep. */
export const REDACT_PATHS = [0, 1, 2, 3].flatMap((depth) => REDACTED_KEYS.map((k) => `${'*.'.repeat(depth)}${k}`));

const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/**
 * Runs `fn` with `requestId` attached to every log line written inside it, however deep (the edge
 * wraps each request in this; lib/edge/handle-request.ts), so a request's lines can be found by the
 * `x-request-id` its caller saw.
 */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return requestScope.run({ requestId }, fn);
}

/**
 * The app's logger settings, writing to stdout or to `destination` (tests). Stdout is written
 * asynchronously: a request never waits for the write of its log line, which the synchronous
 * default made it do (about 2% of a Wallet API request's CPU under load). pino flushes what is
 * still buffered when the process exits.
 */
export function createLogger(destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = {
    level: getEnv().LOG_LEVEL,
    base: { app: 'cardstock' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    mixin: () => {
      const scope = requestScope.getStore();
      return scope ? { requestId: scope.requestId } : {};
    },
  };
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}

export const logger = createLogger();
