import { ConflictError, ValidationError } from '../errors/app-error';

/** Problems with a code are reported on the envelope's `invitationCode` field. */
const FIELD = 'invitationCode';

export function invitationCodeUnknown(): ValidationError {
  return new ValidationError([{
    field: FIELD, rule: 'unknown_code',
    message: 'Mã mời không đúng hoặc không thuộc đợt khảo sát này. Vui lòng kiểm tra lại mã trên phiếu mời.',
    messageEn: 'The invitation code is wrong or belongs to another survey wave. Check the code on the invitation.',
  }], 'Mã mời không hợp lệ', 'Invalid invitation code');
}

export function invitationCodeUsed(): ConflictError {
  return new ConflictError('Mã mời này đã được sử dụng', 'This invitation code has already been used', [{
    field: FIELD, rule: 'already_used',
    message: 'Mã mời này đã được dùng để gửi một phiếu trả lời. Mỗi mã chỉ dùng được một lần; nếu ông/bà chưa từng trả lời, xin liên hệ cán bộ phát phiếu.',
    messageEn: 'This invitation code has already been used to send a response. Each code works once; if you have not answered before, contact the field staff.',
  }]);
}

export function invitationCodeRevoked(): ConflictError {
  return new ConflictError('Mã mời này không còn hiệu lực', 'This invitation code is no longer valid', [{
    field: FIELD, rule: 'revoked',
    message: 'Phiếu mời này đã được thay bằng phiếu mời in lại. Vui lòng dùng mã trên phiếu mời mới nhất.',
    messageEn: 'This invitation was replaced by a reprinted one. Use the code on the newest invitation.',
  }]);
}

export function invitationLocationMismatch(field: 'province' | 'commune'): ValidationError {
  return new ValidationError([{
    field: `answers.${field}`, rule: 'invitation_location',
    message: 'Địa bàn đã chọn khác với địa bàn ghi trên phiếu mời',
    messageEn: 'The place chosen differs from the place of the invitation',
  }]);
}
