import type { Text } from '../../lib/i18n';
import type { Channel, QualityFlag } from './types';

export const CHANNEL_LABELS: Record<Channel, Text> = {
  web: { vi: 'Web', en: 'Web' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  kiosk: { vi: 'Ki-ốt', en: 'Kiosk' },
  paper: { vi: 'Giấy', en: 'Paper' },
};

export const FLAG_LABELS: Record<QualityFlag, Text> = {
  speeder: { vi: 'Trả lời quá nhanh', en: 'Speeder' },
  straight_lining: { vi: 'Chọn một đáp án cho mọi câu', en: 'Straight-lining' },
  device_burst: { vi: 'Dồn dập từ một thiết bị', en: 'Burst from one device' },
};
