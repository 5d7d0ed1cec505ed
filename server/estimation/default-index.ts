import type { IndexDefinition } from '../surveys/index-definition';

const items = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, k) => `q_${prefix}_${k + 1}`);

/**
 * The SIPAS 2023–2026 index block (METHOD.md §2–3), used when no questionnaire is given. It mirrors the
 * `sipasIndex` block of `surveys/sipas-2023.json`.
 */
export const DEFAULT_INDEX_DEFINITION: IndexDefinition = {
  scale: { min: 1, max: 5 },
  satisfiedMin: 4,
  overall: 'overall',
  elements: [
    { id: 'access', group: 'service', label: { vi: 'Tiếp cận dịch vụ', en: 'Access to services' }, items: items('access', 4) },
    { id: 'procedure', group: 'service', label: { vi: 'Thủ tục hành chính', en: 'Administrative procedures' }, items: items('procedure', 4) },
    { id: 'staff', group: 'service', label: { vi: 'Công chức giải quyết công việc', en: 'Civil servants' }, items: items('staff', 5) },
    { id: 'result', group: 'service', label: { vi: 'Kết quả giải quyết công việc', en: 'Results' }, items: items('result', 3) },
    { id: 'feedback', group: 'service', label: { vi: 'Tiếp nhận, xử lý ý kiến góp ý, phản ánh, kiến nghị', en: 'Feedback handling' }, items: items('feedback', 3) },
    { id: 'policy_info', group: 'policy', label: { vi: 'Thông tin, giải thích chính sách', en: 'Policy information' }, items: items('policy_info', 2) },
    { id: 'policy_participation', group: 'policy', label: { vi: 'Tham gia ý kiến về chính sách', en: 'Participation in policy making' }, items: items('policy_participation', 2) },
    { id: 'policy_quality', group: 'policy', label: { vi: 'Chất lượng chính sách', en: 'Policy quality' }, items: items('policy_quality', 9) },
    { id: 'policy_impact', group: 'policy', label: { vi: 'Kết quả thực hiện chính sách', en: 'Policy impact' }, items: items('policy_impact', 2) },
  ],
  composites: [
    {
      id: 'service',
      label: { vi: 'Hài lòng về cung ứng dịch vụ hành chính công', en: 'Satisfaction with administrative services' },
      parts: ['elem_access', 'elem_procedure', 'elem_staff', 'elem_result', 'elem_feedback'],
    },
    {
      id: 'policy',
      label: { vi: 'Hài lòng về xây dựng, tổ chức thực hiện chính sách', en: 'Satisfaction with policy making and implementation' },
      parts: ['elem_policy_info', 'elem_policy_participation', 'elem_policy_quality', 'elem_policy_impact'],
    },
    { id: 'sipas', label: { vi: 'Chỉ số SIPAS', en: 'SIPAS index' }, parts: ['policy', 'service'] },
  ],
};
