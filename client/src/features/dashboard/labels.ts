import type { Text } from '../../lib/i18n';
import type { Geography, Indicator, Scheme } from './types';

export const SCHEME_LABELS: Record<Scheme, Text> = {
  raked: { vi: 'trọng số hiệu chỉnh theo giới tính và nhóm tuổi (raked)', en: 'weights raked to sex and age group (raked)' },
  design: { vi: 'trọng số thiết kế mẫu (design)', en: 'design weights (design)' },
  design_fpc: { vi: 'trọng số thiết kế có hiệu chỉnh quần thể hữu hạn (design_fpc)', en: 'design weights with finite population correction (design_fpc)' },
  raked_jkn: {
    vi: 'trọng số hiệu chỉnh theo giới tính và nhóm tuổi, sai số chuẩn jackknife (raked_jkn)',
    en: 'weights raked to sex and age group, jackknife standard errors (raked_jkn)',
  },
  design_jkn: { vi: 'trọng số thiết kế mẫu, sai số chuẩn jackknife (design_jkn)', en: 'design weights, jackknife standard errors (design_jkn)' },
};

export const GEOGRAPHY_LABELS: Record<Geography, Text> = {
  'vn-63': { vi: '63 tỉnh, thành phố (đến 2024)', en: '63 provinces (up to 2024)' },
  'vn-34': { vi: '34 tỉnh, thành phố (từ 2025)', en: '34 provinces (from 2025)' },
};

export const FLAG_LABELS: Record<string, Text> = {
  small_n: { vi: 'cỡ mẫu nhỏ (n < 30)', en: 'small sample (n < 30)' },
  small_n_eff: { vi: 'cỡ mẫu hiệu dụng nhỏ (< 30)', en: 'small effective sample (< 30)' },
  wide_interval: { vi: 'khoảng tin cậy rộng hơn 20 điểm', en: 'interval wider than 20 points' },
  interval_undefined: { vi: 'không xác định được khoảng tin cậy', en: 'interval undefined' },
  no_respondent: { vi: 'không có người trả lời', en: 'no respondent' },
  not_raked: { vi: 'không hiệu chỉnh được theo dân số: dùng trọng số thiết kế', en: 'could not be raked: design weights' },
};

export const SEX_LABELS: Record<string, Text> = { M: { vi: 'Nam', en: 'Men' }, F: { vi: 'Nữ', en: 'Women' } };

export function breakdownLabel(domainType: string, domain: string): Text {
  if (domainType === 'sex') return SEX_LABELS[domain] ?? { vi: domain, en: domain };
  if (domainType === 'age_group') return { vi: `${domain} tuổi`, en: `aged ${domain}` };
  return { vi: domain, en: REGION_EN[domain] ?? domain };
}

/** The six socio-economic regions, as GSO names them. */
export const REGION_EN: Record<string, string> = {
  'Trung du và miền núi phía Bắc': 'Northern midlands and mountains',
  'Đồng bằng sông Hồng': 'Red River Delta',
  'Bắc Trung Bộ và Duyên hải miền Trung': 'North Central and Central coast',
  'Tây Nguyên': 'Central Highlands',
  'Đông Nam Bộ': 'South East',
  'Đồng bằng sông Cửu Long': 'Mekong River Delta',
};

export const DOMAIN_TYPE_LABELS: Record<string, Text> = {
  sex: { vi: 'Giới tính', en: 'Sex' },
  age_group: { vi: 'Nhóm tuổi', en: 'Age group' },
  region: { vi: 'Vùng kinh tế - xã hội', en: 'Socio-economic region' },
};

export function indicatorLabel(indicators: readonly Indicator[], id: string): Text {
  return indicators.find((i) => i.id === id)?.label ?? { vi: id, en: id };
}

export const NOT_SIGNIFICANT: Text = { vi: 'không có ý nghĩa thống kê', en: 'not statistically significant' };
export const SIGNIFICANT: Text = { vi: 'có ý nghĩa thống kê', en: 'statistically significant' };

/** Short headings for the perception questions; the full wording is shown beneath. */
export const PERCEPTION_HEADINGS: Record<string, Text> = {
  harassment: { vi: 'Công chức gây phiền hà, sách nhiễu', en: 'Harassment by civil servants' },
  informal_payments: { vi: 'Chi trả thêm ngoài quy định', en: 'Informal payments' },
  preferred_service_channel: { vi: 'Cách muốn nộp hồ sơ và nhận kết quả', en: 'Preferred channel for procedures' },
  preferred_policy_channel: { vi: 'Kênh muốn nhận thông tin chính sách', en: 'Preferred channel for policy information' },
  priorities: { vi: 'Kỳ vọng: 10 nội dung cần cải thiện', en: 'Expectations: 10 improvement priorities' },
};
