import express, { type Request, type RequestHandler } from 'express';
import { ValidationError } from '../errors/app-error';

/** A national frame of every commune is well under a megabyte; anything near this is not an upload for us. */
export const CSV_BODY_LIMIT = '8mb';

/** Reads a `text/csv` (or `text/plain`) request body as text. */
export const csvBody: RequestHandler = express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: CSV_BODY_LIMIT });

/** The uploaded CSV text; a 422 naming `body` when the request carried none. */
export function csvText(req: Request): string {
  if (typeof req.body !== 'string' || req.body.trim() === '') {
    throw new ValidationError([{
      field: 'body', rule: 'csv_required',
      message: 'Hãy gửi nội dung tệp CSV (Content-Type: text/csv)', messageEn: 'Send the CSV file as the body (Content-Type: text/csv)',
    }]);
  }
  return req.body;
}
