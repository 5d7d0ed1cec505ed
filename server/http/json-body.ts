import express, { type RequestHandler } from 'express';
import { ValidationError } from '../errors/app-error';
import { findHostileJson } from './hostile-input';

export interface JsonBodyOptions {
  /** Largest body accepted, e.g. `'8kb'`; beyond it a 413 problem. */
  limit: string;
  /** Accept any JSON value at the top, not only an object or array. @default true */
  strict?: boolean;
  /**
   * What the body's fields are called in problems: `'body'` gives `body.displayName`; `''` names them as
   * they are (`answers.comment`), for a body that is itself the thing the client composed. @default 'body'
   */
  root?: string;
}

/**
 * The only JSON body parser of the API: `express.json`, then a refusal (422 naming the field) of any text
 * PostgreSQL would refuse or alter and of nesting `JSON.stringify` cannot follow — so no route, present or
 * future, can be handed either.
 */
export function jsonBody({ limit, strict = true, root = 'body' }: JsonBodyOptions): RequestHandler {
  const parse = express.json({ limit, strict });
  return (req, res, next) => parse(req, res, (err?: unknown) => {
    if (err) return next(err);
    const issue = req.body === undefined ? null : findHostileJson(req.body, root);
    next(issue ? new ValidationError([issue], 'Dữ liệu gửi lên chứa ký tự hoặc cấu trúc không được phép',
      'The submitted data holds characters or nesting that are not allowed') : undefined);
  });
}
