import { compileValidationPlan, validateAnswers, type ValidationIssue } from '../../../server/surveys/validation-plan';
import {
  GEOGRAPHY, loadQuestionnaire, servicePointResponse, sipasResponse, withAnswers, type Json,
} from './factories';

const sipas = compileValidationPlan(loadQuestionnaire('sipas-2023.json'));
const servicePoint = compileValidationPlan(loadQuestionnaire('service-point.json'));
const context = { externalChoices: GEOGRAPHY };

const brief = (issues: ValidationIssue[]) => issues.map(({ field, rule }) => ({ field, rule }));

describe('validating a SIPAS 2023 response', () => {
  it.each([
    ['with part D and feedback', sipasResponse()],
    ['with part D but no feedback', sipasResponse({ feedback: false })],
    ['without part D', sipasResponse({ partD: false })],
    ['with only the required answers', {
      province: '79', commune: '00007', sex: 'M', age_group: '60+',
      exp_admin_procedure: false, exp_online_service: false, exp_feedback: false, exp_policy_consulted: false,
      exp_policy_meeting: false, exp_public_health: false, exp_public_school: false,
      ...Object.fromEntries(sipas.indexDefinition.elements.filter((e) => e.group === 'policy').flatMap((e) => e.items).map((n) => [n, 1])),
      overall: 1,
    }],
    ['with blank optional answers', sipasResponse({}, { village: '  ', comment: '', policy_channels: [], priorities: {}, ethnicity: null })],
  ])('when the response is complete %s, then there is no issue', (_label, answers) => {
    expect(validateAnswers(sipas, answers, context)).toEqual([]);
  });

  const long = (n: number) => 'â'.repeat(n);
  const cases: [string, Json, { field: string; rule: string }[]][] = [
    ['a name is sent', { name: 'Nguyễn Văn A' }, [{ field: 'name', rule: 'unknown_field' }]],
    ['a phone number is sent', { phone: '0912345678' }, [{ field: 'phone', rule: 'unknown_field' }]],
    ['sex is not M or F', { sex: 'X' }, [{ field: 'sex', rule: 'not_a_choice' }]],
    ['sex is sent as a number', { sex: 1 }, [{ field: 'sex', rule: 'not_a_choice' }]],
    ['sex is sent as a list', { sex: ['F'] }, [{ field: 'sex', rule: 'type' }]],
    ['the age group is not one of the five', { age_group: '17-29' }, [{ field: 'age_group', rule: 'not_a_choice' }]],
    ['sex is missing', { sex: undefined }, [{ field: 'sex', rule: 'required' }]],
    ['the age group is null', { age_group: null }, [{ field: 'age_group', rule: 'required' }]],
    ['the province is missing', { province: undefined }, [{ field: 'province', rule: 'required' }]],
    ['the province is not in the wave', { province: '99' }, [{ field: 'province', rule: 'not_a_choice' }]],
    ['the commune is not in the province', { commune: '99999' }, [{ field: 'commune', rule: 'not_a_choice' }]],
    ['the commune is an object', { commune: { code: '00004' } }, [{ field: 'commune', rule: 'type' }]],
    ['overall is 6', { overall: 6 }, [{ field: 'overall', rule: 'out_of_range' }]],
    ['overall is 0', { overall: 0 }, [{ field: 'overall', rule: 'out_of_range' }]],
    ['overall is 3.5', { overall: 3.5 }, [{ field: 'overall', rule: 'out_of_range' }]],
    ['overall is the string "5"', { overall: '5' }, [{ field: 'overall', rule: 'type' }]],
    ['overall is true', { overall: true }, [{ field: 'overall', rule: 'type' }]],
    ['a policy statement is blank', { q_policy_info_1: null }, [{ field: 'q_policy_info_1', rule: 'required' }]],
    ['a part D statement is missing', { q_staff_3: undefined }, [{ field: 'q_staff_3', rule: 'required' }]],
    ['a feedback statement is missing', { q_feedback_1: undefined }, [{ field: 'q_feedback_1', rule: 'required' }]],
    ['the procedure gate is "yes" instead of true', { exp_admin_procedure: 'yes' },
      [{ field: 'exp_admin_procedure', rule: 'type' }, ...['q_access_1', 'q_access_2', 'q_access_3', 'q_access_4',
        'q_procedure_1', 'q_procedure_2', 'q_procedure_3', 'q_procedure_4', 'q_staff_1', 'q_staff_2', 'q_staff_3',
        'q_staff_4', 'q_staff_5', 'q_result_1', 'q_result_2', 'q_result_3', 'q_feedback_1', 'q_feedback_2',
        'q_feedback_3'].map((field) => ({ field, rule: 'hidden_answered' }))]],
    ['the feedback gate is missing', { exp_feedback: undefined }, [{ field: 'exp_feedback', rule: 'required' },
      ...['q_feedback_1', 'q_feedback_2', 'q_feedback_3'].map((field) => ({ field, rule: 'hidden_answered' }))]],
    ['the village is longer than 200 characters', { village: long(201) }, [{ field: 'village', rule: 'too_long' }]],
    ['the comment is longer than 2000 characters', { comment: long(2001) }, [{ field: 'comment', rule: 'too_long' }]],
    ['the comment is a number', { comment: 42 }, [{ field: 'comment', rule: 'type' }]],
    ['the channels are a single string', { policy_channels: 'television' }, [{ field: 'policy_channels', rule: 'type' }]],
    ['a channel is unknown', { policy_channels: ['television', 'telegram'] }, [{ field: 'policy_channels', rule: 'not_a_choice' }]],
    ['a channel is ticked twice', { policy_channels: ['radio', 'radio'] }, [{ field: 'policy_channels', rule: 'duplicate_choice' }]],
    ['"I do not follow policy news" is ticked with a channel', { policy_channels: ['none', 'radio'] },
      [{ field: 'policy_channels', rule: 'exclusive_choice' }]],
    ['an interest level is unknown', { policy_interest: { health_care: 'very' } },
      [{ field: 'policy_interest.health_care', rule: 'not_a_choice' }]],
    ['an interest row is unknown', { policy_interest: { space_travel: 'high' } },
      [{ field: 'policy_interest.space_travel', rule: 'unknown_field' }]],
    ['the interest matrix is a list', { policy_interest: ['high'] }, [{ field: 'policy_interest', rule: 'type' }]],
    ['a priority level is a number', { priorities: { transparency: 1 } }, [{ field: 'priorities.transparency', rule: 'not_a_choice' }]],
    ['harassment is "few"', { harassment: 'few' }, [{ field: 'harassment', rule: 'not_a_choice' }]],
  ];

  it('checks a table of at least 25 bad payloads', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('when %s, then exactly the expected issues are reported', (_label, overrides, expected) => {
    expect(brief(validateAnswers(sipas, withAnswers(sipasResponse(), overrides), context))).toEqual(expected);
  });

  it('when part D is skipped but a part D statement is answered, then that answer is reported as hidden', () => {
    const answers = sipasResponse({ partD: false }, { q_access_1: 4 });
    expect(brief(validateAnswers(sipas, answers, context))).toEqual([{ field: 'q_access_1', rule: 'hidden_answered' }]);
  });

  it('when no feedback was lodged but a feedback statement is answered, then that answer is reported as hidden', () => {
    const answers = sipasResponse({ feedback: false }, { q_feedback_2: 5 });
    expect(brief(validateAnswers(sipas, answers, context))).toEqual([{ field: 'q_feedback_2', rule: 'hidden_answered' }]);
  });

  it('when many fields are wrong, then every one of them is reported, in questionnaire order after unknown keys', () => {
    const answers = withAnswers(sipasResponse(), {
      email: 'a@b.vn', sex: 'X', age_group: undefined, overall: 9, q_staff_1: '4', policy_channels: ['none', 'radio', 'radio'],
    });
    expect(brief(validateAnswers(sipas, answers, context))).toEqual([
      { field: 'email', rule: 'unknown_field' },
      { field: 'sex', rule: 'not_a_choice' },
      { field: 'age_group', rule: 'required' },
      { field: 'policy_channels', rule: 'duplicate_choice' },
      { field: 'policy_channels', rule: 'exclusive_choice' },
      { field: 'q_staff_1', rule: 'type' },
      { field: 'overall', rule: 'out_of_range' },
    ]);
  });

  it('when the answers are not an object, then one type issue is reported for the whole payload', () => {
    for (const answers of [null, [], 'answers', 42]) {
      expect(brief(validateAnswers(sipas, answers, context))).toEqual([{ field: '', rule: 'type' }]);
    }
  });

  it('when the caller gives no geography, then province and commune are only type-checked', () => {
    expect(validateAnswers(sipas, sipasResponse({}, { province: '99', commune: 'x' }))).toEqual([]);
  });

  it('explains each issue in Vietnamese and in English, naming the question', () => {
    const [issue] = validateAnswers(sipas, withAnswers(sipasResponse(), { sex: 'X' }), context);
    expect(issue).toEqual({
      field: 'sex', rule: 'not_a_choice',
      message: '“X” không phải là lựa chọn của câu hỏi “Giới tính”.',
      messageEn: '“X” is not a choice of “Sex”.',
    });
  });

  it('does not read answer keys inherited from the prototype', () => {
    const answers = Object.assign(Object.create({ sex: 'F' }) as Json, withAnswers(sipasResponse(), { sex: undefined }));
    expect(brief(validateAnswers(sipas, answers, context))).toEqual([{ field: '', rule: 'type' }]);
    const parsed = JSON.parse(JSON.stringify(withAnswers(sipasResponse(), { sex: undefined })).replace('{', '{"__proto__":{"sex":"F"},'));
    expect(brief(validateAnswers(sipas, parsed, context))).toEqual([
      { field: '__proto__', rule: 'unknown_field' }, { field: 'sex', rule: 'required' },
    ]);
  });
});

describe('validating a service-point response', () => {
  const points = { externalChoices: { service_point: new Set(['HN-001', 'HN-002']) } };

  it.each([
    ['without feedback', servicePointResponse()],
    ['with feedback', servicePointResponse({ feedback: true })],
  ])('when the kiosk response is complete %s, then there is no issue', (_label, answers) => {
    expect(validateAnswers(servicePoint, answers, points)).toEqual([]);
  });

  it.each<[string, Json, { field: string; rule: string }[]]>([
    ['the service point is unknown', { service_point: 'HCM-9' }, [{ field: 'service_point', rule: 'not_a_choice' }]],
    ['personal data is sent', { sex: 'F' }, [{ field: 'sex', rule: 'unknown_field' }]],
    ['a statement of the household form is sent', { q_staff_2: 4 }, [{ field: 'q_staff_2', rule: 'unknown_field' }]],
    ['feedback statements come without feedback', { q_feedback_3: 1 }, [{ field: 'q_feedback_3', rule: 'hidden_answered' }]],
    ['a rating is missing', { q_result_2: undefined }, [{ field: 'q_result_2', rule: 'required' }]],
  ])('when %s, then it is reported', (_label, overrides, expected) => {
    expect(brief(validateAnswers(servicePoint, withAnswers(servicePointResponse(), overrides), points))).toEqual(expected);
  });
});
