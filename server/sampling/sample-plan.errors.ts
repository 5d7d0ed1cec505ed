import { AppError, ConflictError, NotFoundError } from '../errors/app-error';

export function fieldworkStarted(): ConflictError {
  return new ConflictError(
    'Đã có người trả lời bằng mã mời của mẫu này, nên không thể thay khung mẫu hay chọn mẫu lại',
    'Invitation codes of this sample have been used, so the frame cannot be replaced nor the sample drawn again',
    [{ field: 'wave', rule: 'fieldwork_started', message: 'Mẫu đã được dùng trong thực địa', messageEn: 'The sample is in use in the field' }],
  );
}

export function notHouseholdWave(design: string): AppError {
  return new AppError(409, 'wrong_design', 'Chỉ đợt khảo sát hộ gia đình mới có khung mẫu xã và mã mời',
    'Only household waves have a commune frame and invitation codes', [{
      field: 'wave', rule: 'household_design',
      message: `Đợt khảo sát này theo thiết kế "${design}"`, messageEn: `This wave's design is "${design}"`,
    }]);
}

export function noFrame(): AppError {
  return new AppError(409, 'no_frame', 'Chưa tải lên khung mẫu cho đợt khảo sát này', 'No sampling frame has been uploaded for this wave');
}

export function notDrawn(): AppError {
  return new AppError(409, 'not_drawn', 'Chưa chọn mẫu cho đợt khảo sát này', 'The sample of this wave has not been drawn yet');
}

export function communeNotSelected(code: string): NotFoundError {
  return new NotFoundError(`Xã ${code} không nằm trong mẫu đã chọn`, `Commune ${code} is not in the drawn sample`);
}
