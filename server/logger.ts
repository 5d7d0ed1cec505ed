import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout. Request bodies and query strings are never passed to it. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'sipas' }, redact: ['req.headers.cookie', 'req.headers.authorization'] });
}
