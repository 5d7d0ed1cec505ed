import express, { type Request, type RequestHandler } from 'express';
import { ValidationError } from '../errors/app-error';
import { hostileIssue, textRule } from './hostile-input';

/** A national frame of every commune is well under a megabyte; anything near this is not an upload for us. */
export const CSV_BODY_LIMIT = '8mb';

/** Reads a `text/csv` (or `text/plain`) request body as text. */
export const csvBody: RequestHandler = express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: CSV_BODY_LIMIT });

/** The line (1-based) of the first character of `text` PostgreSQL would refuse or alter. */
function firstHostileLine(text: string): number {
  let line = 1;
  for (const row of text.split('\n')) {
    if (textRule(row)) return line;
    line++;
  }
  return line;
}

/**
 * The uploaded CSV text; a 422 naming `body` when the request carried none, or naming the line that
 * holds a NUL (a UTF-8 body decodes to no lone surrogate, but the check costs nothing).
 */
export function csvText(req: Request): string {
  if (typeof req.body !== 'string' || req.body.trim() === '') {
    throw new ValidationError([{
      field: 'body', rule: 'csv_required',
      message: 'Hãy gửi nội dung tệp CSV (Content-Type: text/csv)', messageEn: 'Send the CSV file as the body (Content-Type: text/csv)',
    }]);
  }
  const rule = textRule(req.body);
  if (rule) throw new ValidationError([hostileIssue(`line.${firstHostileLine(req.body)}`, rule)]);
  return req.body;
}
