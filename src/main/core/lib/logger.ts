import { join } from 'node:path';
import pino from 'pino';
import type { Logger } from 'pino';

export type { Logger };

/** Paths whose values are secrets anywhere in a log line. */
export const REDACT_PATHS = [
  'password', '*.password', 'secret', '*.secret', 'token', '*.token', 'plaintext', '*.plaintext', 'apiKey', '*.apiKey',
  'key', '*.key', 'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization',
  'headers["x-api-key"]', '*.headers["x-api-key"]', 'headers.cookie', '*.headers.cookie', 'input', '*.input',
  'masterKey', '*.masterKey', 'databaseUrl', '*.databaseUrl',
];

export interface LoggerOptions {
  level: string;
  /** Folder for the rotating file; null = stdout only. */
  dir: string | null;
  stdout: boolean;
}

/** JSON logs to stdout and to a daily/size-rotated file in the data folder, secrets redacted. */
export function createLogger(opts: LoggerOptions): Logger {
  const targets: pino.TransportTargetOptions[] = [];
  if (opts.stdout) targets.push({ target: 'pino/file', level: opts.level, options: { destination: 1 } });
  if (opts.dir) {
    targets.push({
      target: 'pino-roll', level: opts.level,
      options: { file: join(opts.dir, 'tollgate'), extension: '.log', frequency: 'daily', size: '20m', mkdir: true,
        limit: { count: 10 } },
    });
  }
  const redact = { paths: REDACT_PATHS, censor: '[redacted]' };
  if (targets.length === 0) return pino({ level: opts.level, redact, enabled: false });
  return pino({ level: opts.level, redact }, pino.transport({ targets }));
}

export const silentLogger = (): Logger => pino({ enabled: false });
