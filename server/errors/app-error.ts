/** One problem with one field of the input, as listed in a problem+json `errors` array. */
export interface FieldIssue {
  /** JSON-pointer-like path of the offending field, e.g. `answers.q_access_1`. */
  field: string;
  /** Machine-readable rule that failed, e.g. `out_of_range`. */
  rule: string;
  /** Vietnamese message for people. */
  message: string;
  messageEn?: string;
}

/**
 * The platform's error vocabulary, rendered once as RFC 9457 `application/problem+json`
 * (see problem.middleware.ts). `title` is Vietnamese; `titleEn` travels along for the English UI.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly titleEn: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(titleEn);
  }
}

export class ValidationError extends AppError {
  override readonly name = 'ValidationError';
  constructor(issues: FieldIssue[], title = 'Dữ liệu gửi lên không hợp lệ', titleEn = 'The submitted data is invalid') {
    super(422, 'validation', title, titleEn, issues);
  }
}

export class NotFoundError extends AppError {
  override readonly name = 'NotFoundError';
  constructor(title: string, titleEn: string) {
    super(404, 'not_found', title, titleEn);
  }
}

export class ConflictError extends AppError {
  override readonly name = 'ConflictError';
  constructor(title: string, titleEn: string, issues: FieldIssue[] = []) {
    super(409, 'conflict', title, titleEn, issues);
  }
}

export class ForbiddenError extends AppError {
  override readonly name = 'ForbiddenError';
  constructor(title = 'Bạn không có quyền thực hiện thao tác này', titleEn = 'You are not allowed to do this') {
    super(403, 'forbidden', title, titleEn);
  }
}

export class UnauthorizedError extends AppError {
  override readonly name = 'UnauthorizedError';
  constructor(title = 'Bạn cần đăng nhập để tiếp tục', titleEn = 'Sign in to continue') {
    super(401, 'unauthorized', title, titleEn);
  }
}

/** Refused for now (too many attempts, locked account): sent with `Retry-After`. */
export class RetryLaterError extends AppError {
  override readonly name = 'RetryLaterError';
  constructor(status: 423 | 429, code: string, title: string, titleEn: string, readonly retryAfterSeconds: number) {
    super(status, code, title, titleEn);
  }
}
