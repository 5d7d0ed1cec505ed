import type { RequestHandler } from 'express';
import { AppError, type FieldIssue } from '../errors/app-error';
import { hostileIssue, printable, textRule } from './hostile-input';

/** The URL itself is malformed: a 400 problem naming `path` or `query.<name>`. */
export class MalformedUrlError extends AppError {
  override readonly name = 'MalformedUrlError';
  constructor(issue: FieldIssue) {
    super(400, 'malformed_url', 'Địa chỉ yêu cầu chứa ký tự không được phép', 'The request address holds characters that are not allowed', [issue]);
  }
}

function decode(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** What is wrong with the percent-encoded path, or null. */
function pathIssue(rawPath: string): FieldIssue | null {
  if (!rawPath.includes('%')) return null;
  const decoded = decode(rawPath);
  if (decoded === null) return hostileIssue('path', 'percent_encoding');
  const rule = textRule(decoded);
  return rule ? hostileIssue('path', rule) : null;
}

/** What is wrong with the first bad pair of the query string, or null. */
function queryIssue(rawQuery: string): FieldIssue | null {
  for (const pair of rawQuery.split('&')) {
    if (!pair.includes('%')) continue;
    const [rawKey, rawValue = ''] = pair.replace(/\+/g, ' ').split(/=(.*)/s);
    const key = decode(rawKey);
    const field = `query.${key === null ? rawKey : printable(key)}`;
    if (key === null) return hostileIssue(field, 'percent_encoding');
    const value = decode(rawValue);
    if (value === null) return hostileIssue(field, 'percent_encoding');
    const rule = textRule(key) ?? textRule(value);
    if (rule) return hostileIssue(field, rule);
  }
  return null;
}

/**
 * Refuses, before any route, a path or query string that decodes to text PostgreSQL would refuse or alter
 * (a NUL; percent-encoding that is not UTF-8, which is how a lone surrogate would be written). Express
 * would otherwise hand a route a NUL it passes on to the database, and the query parser would quietly
 * replace bytes that are not UTF-8.
 */
export const refuseHostileUrl: RequestHandler = (req, _res, next) => {
  const url = req.url;
  const q = url.indexOf('?');
  const issue = pathIssue(q === -1 ? url : url.slice(0, q)) ?? (q === -1 ? null : queryIssue(url.slice(q + 1)));
  next(issue ? new MalformedUrlError(issue) : undefined);
};
