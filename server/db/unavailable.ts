/**
 * Recognises the errors of a database that cannot be reached or answer now — as opposed to a query the
 * database refused — so the API answers 503 with `Retry-After` (errors/problem.middleware.ts) instead of 500.
 */

/** Socket errors of a connection that could not be made or was cut. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/**
 * SQLSTATEs of a database that is away or overloaded: class 08 (connection exception), shutdown and
 * start-up (57P01–57P03), too many connections (53300), and a statement ended by `statement_timeout` (57014).
 */
const UNAVAILABLE_STATES = /^(08...|57P0[1-3]|53300|57014)$/;

/** node-postgres and pg-pool's own words for a connection timed out or lost. */
const DRIVER_MESSAGES = [
  'timeout expired', 'timeout exceeded when trying to connect', 'Connection terminated', 'Query read timeout',
  'Client has encountered a connection error and is not queryable',
];

/** Seconds a client is asked to wait before trying again. */
export const DATABASE_RETRY_AFTER_SECONDS = 10;

export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.test(code))) return true;
  if (typeof message === 'string' && DRIVER_MESSAGES.some((m) => message.startsWith(m))) return true;
  // AggregateError (a host name with several addresses, each refused).
  const errors = (err as { errors?: unknown }).errors;
  return Array.isArray(errors) && errors.length > 0 && errors.every(isDatabaseUnavailable);
}
