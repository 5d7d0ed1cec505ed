import { AppError, RetryLaterError } from '../errors/app-error';

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

/** Wrong username or password: the same answer for both, so usernames cannot be discovered. */
export function invalidCredentials(): AppError {
  return new AppError(401, 'invalid_credentials', 'Tên đăng nhập hoặc mật khẩu không đúng', 'Wrong username or password');
}

/** Also given for unknown usernames after as many failures, so it says nothing about existence. */
export function accountLocked(retryAfterSeconds: number): RetryLaterError {
  const m = minutes(retryAfterSeconds);
  return new RetryLaterError(423, 'account_locked',
    `Tài khoản tạm thời bị khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau ${m} phút hoặc liên hệ quản trị viên.`,
    `The account is temporarily locked after too many wrong passwords. Try again in ${m} minutes or contact an administrator.`,
    retryAfterSeconds);
}

export function loginThrottled(retryAfterSeconds: number): RetryLaterError {
  const m = minutes(retryAfterSeconds);
  return new RetryLaterError(429, 'login_throttled',
    `Có quá nhiều lần đăng nhập không thành công từ địa chỉ này. Vui lòng thử lại sau ${m} phút.`,
    `Too many failed logins from this address. Try again in ${m} minutes.`,
    retryAfterSeconds);
}

/** Only said to someone who gave the right password. */
export function accountDisabled(): AppError {
  return new AppError(403, 'account_disabled', 'Tài khoản này đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên.',
    'This account has been disabled. Contact an administrator.');
}

export function csrfRefused(): AppError {
  return new AppError(403, 'csrf', 'Yêu cầu không hợp lệ (thiếu hoặc sai mã bảo vệ CSRF). Vui lòng tải lại trang.',
    'Missing or wrong CSRF token. Reload the page.', [{
      field: 'X-CSRF-Token', rule: 'csrf',
      message: 'Thiếu hoặc sai mã bảo vệ CSRF', messageEn: 'Missing or wrong CSRF token',
    }]);
}

export function jsonRequired(): AppError {
  return new AppError(415, 'unsupported_media_type', 'Yêu cầu phải gửi dữ liệu dạng JSON',
    'The request body must be application/json', [{
      field: 'Content-Type', rule: 'content_type',
      message: 'Content-Type phải là application/json', messageEn: 'Content-Type must be application/json',
    }]);
}
