/**
 * One structured logger (pino: fast JSON lines, redaction built in). Secret-bearing fields are
 * redacted here, centrally, so a careless log call cannot leak them.
 */
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
];

export const logger = pino({
  level: getEnv().LOG_LEVEL,
  base: { app: 'cardstock' },
  redact: {
    paths: [...REDACTED_KEYS, ...REDACTED_KEYS.map((k) => `*.${k}`), ...REDACTED_KEYS.map((k) => `*.*.${k}`)],
    censor: '[redacted]',
  },
});
