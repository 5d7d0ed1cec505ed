import { AppError, NotFoundError, RetryLaterError } from '../errors/app-error';

export function kioskNotFound(id: string): NotFoundError {
  return new NotFoundError(`Không có ki-ốt mã ${id}`, `No kiosk ${id}`);
}

/** No device token, a malformed one, or one that matches no device. */
export function kioskNotEnrolled(): AppError {
  return new AppError(401, 'kiosk_not_enrolled', 'Thiết bị này chưa được đăng ký làm ki-ốt khảo sát',
    'This device is not enrolled as a survey kiosk', [{
      field: 'Authorization', rule: 'kiosk_token',
      message: 'Thiếu hoặc sai mã thiết bị ki-ốt', messageEn: 'Missing or unknown kiosk device token',
    }]);
}

export function kioskRevoked(): AppError {
  return new AppError(403, 'kiosk_revoked', 'Ki-ốt này đã bị thu hồi và không được gửi phiếu nữa',
    'This kiosk has been revoked and may no longer send responses');
}

export function kioskPointInactive(): AppError {
  return new AppError(403, 'kiosk_point_inactive', 'Điểm phục vụ của ki-ốt này đã ngừng hoạt động',
    'The service point of this kiosk is no longer active');
}

export function kioskWrongWave(): AppError {
  return new AppError(403, 'kiosk_wrong_wave', 'Ki-ốt này không được đăng ký cho đợt khảo sát này',
    'This kiosk is not enrolled for this survey wave', [{
      field: 'wave', rule: 'kiosk_wave', message: 'Đợt khảo sát khác với đợt ki-ốt được đăng ký', messageEn: 'Not the wave the kiosk is enrolled for',
    }]);
}

export function kioskRateLimited(retryAfterSeconds: number): RetryLaterError {
  return new RetryLaterError(429, 'kiosk_rate_limited',
    `Ki-ốt gửi quá nhiều phiếu trong thời gian ngắn. Vui lòng thử lại sau ${retryAfterSeconds} giây.`,
    `The kiosk sent too many responses in a short time. Try again in ${retryAfterSeconds} seconds.`,
    retryAfterSeconds);
}

/** The wave's questionnaire does not ask where the respondent was served, or covers another geography. */
export function waveNotForKiosks(reason: 'questionnaire' | 'geography'): AppError {
  const issue = reason === 'questionnaire'
    ? { field: 'wave', rule: 'kiosk_questionnaire', message: 'Phiếu hỏi của đợt này không hỏi điểm phục vụ', messageEn: 'The wave\'s questionnaire does not ask for the service point' }
    : { field: 'wave', rule: 'kiosk_geography', message: 'Điểm phục vụ thuộc danh mục địa giới khác với đợt khảo sát', messageEn: 'The service point is in another geography than the wave' };
  return new AppError(409, 'wave_not_for_kiosks', 'Ki-ốt không thể thu phiếu cho đợt khảo sát này',
    'A kiosk cannot collect responses for this wave', [issue]);
}
