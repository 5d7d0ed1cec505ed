import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../db/unavailable';
import { AppError, NotFoundError, RetryLaterError, type FieldIssue } from './app-error';

interface Problem {
  type: string;
  title: string;
  title_en: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldIssue[];
}

function send(res: Parameters<RequestHandler>[1], problem: Problem): void {
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** Unknown API routes become a 404 problem rather than the HTML page. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new NotFoundError('Không tìm thấy địa chỉ API này', `No API route ${req.method} ${req.path}`));
};

/**
 * Renders every error as `application/problem+json`. Errors from body parsing (bad JSON, body too
 * large) keep their 4xx status; a database that cannot be reached is a 503 with `Retry-After`; anything unknown is logged and becomes a 500 that leaks nothing.
 */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof AppError) {
      if (err instanceof RetryLaterError) res.set('Retry-After', String(err.retryAfterSeconds));
      send(res, {
        type: `urn:sipas:problem:${err.code}`,
        title: err.title,
        title_en: err.titleEn,
        status: err.status,
        instance: req.path,
        ...(err.issues.length ? { errors: err.issues } : {}),
      });
      return;
    }
    if (isDatabaseUnavailable(err)) {
      logger.warn({ err: { message: err.message, code: err.code }, method: req.method, path: req.path }, 'database unavailable');
      res.set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      send(res, {
        type: 'urn:sipas:problem:database_unavailable', status: 503, instance: req.path,
        title: 'Cơ sở dữ liệu tạm thời không trả lời, vui lòng thử lại sau ít phút',
        title_en: 'The database is not answering for now; please try again in a few minutes',
      });
      return;
    }
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 413) {
      send(res, {
        type: 'urn:sipas:problem:too_large', status, instance: req.path,
        title: 'Dữ liệu gửi lên quá lớn', title_en: 'Request body too large',
        errors: [{ field: 'body', rule: 'max_size', message: 'Dữ liệu vượt quá giới hạn cho phép', messageEn: 'Body exceeds the size limit' }],
      });
      return;
    }
    if (status === 400 && err?.type === 'entity.parse.failed') {
      send(res, {
        type: 'urn:sipas:problem:malformed_json', status, instance: req.path,
        title: 'Nội dung không phải JSON hợp lệ', title_en: 'Body is not valid JSON',
        errors: [{ field: 'body', rule: 'json', message: 'Nội dung không phải JSON hợp lệ', messageEn: 'Body is not valid JSON' }],
      });
      return;
    }
    if (status < 500) {
      send(res, {
        type: 'urn:sipas:problem:bad_request', status, instance: req.path,
        title: 'Yêu cầu không hợp lệ', title_en: 'Bad request',
      });
      return;
    }
    logger.error({ err, method: req.method, path: req.path }, 'unhandled error');
    send(res, {
      type: 'urn:sipas:problem:internal', status: 500, instance: req.path,
      title: 'Lỗi máy chủ, vui lòng thử lại sau', title_en: 'Internal server error, please try again later',
    });
  };
}
