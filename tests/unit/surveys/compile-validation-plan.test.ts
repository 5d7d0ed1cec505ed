import { questionnaireFingerprint } from '../../../server/surveys/fingerprint';
import {
  compileValidationPlan, InvalidQuestionnaireError, validateAnswers, type ValidationIssue,
} from '../../../server/surveys/validation-plan';
import { loadQuestionnaire, type Json } from './factories';

const INDEX = {
  scale: { min: 1, max: 5 },
  satisfiedMin: 4,
  elements: [{ id: 'access', group: 'service', label: { vi: 'Tiếp cận', en: 'Access' }, items: ['r'] }],
};
const RATING = { type: 'rating', name: 'r', rateValues: [1, 2, 3, 4, 5] };

/** A one-page questionnaire holding a valid rating `r` plus the given elements. */
function questionnaire(elements: Json[], overrides: Json = {}): Json {
  return { sipasIndex: INDEX, pages: [{ name: 'p', elements: [RATING, ...elements] }], ...overrides };
}

function problemsOf(json: unknown): string[] {
  try {
    compileValidationPlan(json);
  } catch (error) {
    if (error instanceof InvalidQuestionnaireError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  return [];
}

const brief = (issues: ValidationIssue[]) => issues.map(({ field, rule }) => ({ field, rule }));

describe('compiling a questionnaire into a validation plan', () => {
  it('fingerprints the questionnaire as the sha256 of its canonical JSON, whatever the key order', () => {
    const json = loadQuestionnaire('sipas-2023.json');
    const reordered = Object.fromEntries(Object.entries(json).reverse());
    const plan = compileValidationPlan(json);
    expect(plan.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.fingerprint).toBe(questionnaireFingerprint(json));
    expect(compileValidationPlan(reordered).fingerprint).toBe(plan.fingerprint);
    expect(compileValidationPlan(questionnaire([])).fingerprint).not.toBe(plan.fingerprint);
  });

  it('compiles each distinct condition once, however many questions share it', () => {
    const plan = compileValidationPlan(questionnaire([
      { type: 'text', name: 'a', visibleIf: '{r} > 3' },
      { type: 'text', name: 'b', visibleIf: '{r} > 3' },
      { type: 'text', name: 'c', enableIf: '{r} > 3' },
    ]));
    expect(plan.conditions.map((c) => c.expression)).toEqual(['{r} > 3']);
  });

  it.each<[string, Json, RegExp]>([
    ['an unsupported element type', questionnaire([{ type: 'file', name: 'f' }]), /elements\.1\.type: unsupported element type/],
    ['custom validators', questionnaire([{ type: 'text', name: 't', validators: [{ type: 'email' }] }]), /validators.*not supported/],
    ['an "other" choice with its comment', questionnaire([{ type: 'radiogroup', name: 'g', choices: ['a'], showOtherItem: true }]), /showOtherItem/],
    ['choices loaded from a URL', questionnaire([{ type: 'dropdown', name: 'd', choicesByUrl: { url: 'x' } }]), /choicesByUrl/],
    ['a rating sized by rateCount', questionnaire([{ type: 'rating', name: 'n', rateCount: 3 }]), /rateCount/],
    ['a required panel', questionnaire([{ type: 'panel', isRequired: true, elements: [] }]), /isRequired/],
    ['a question stored under another name', questionnaire([{ type: 'text', name: 't', valueName: 'x' }]), /valueName/],
    ['triggers', questionnaire([], { triggers: [{ type: 'complete' }] }), /triggers/],
    ['a question name used twice', questionnaire([{ type: 'text', name: 'r' }]), /"r" is used twice/],
    ['a choice listed twice', questionnaire([{ type: 'radiogroup', name: 'g', choices: ['a', 'a'] }]), /choices: the same value is listed twice/],
    ['an expression that does not parse', questionnaire([{ type: 'text', name: 't', visibleIf: '{r} = = 3' }]), /visibleIf: cannot parse/],
    ['a condition on an unknown question', questionnaire([{ type: 'text', name: 't', visibleIf: '{nope} = 1' }]), /reads \{nope\}/],
    ['a condition on a question spelled differently', questionnaire([{ type: 'text', name: 't', enableIf: '{R} = 1' }]), /reads \{R\}/],
    ['no index block', { pages: [{ elements: [RATING] }] }, /^sipasIndex: /],
    ['an index statement that is not a question', questionnaire([], { sipasIndex: { ...INDEX, overall: 'missing' } }), /overall: "missing" is not a rating/],
    ['an index statement that is not a rating', questionnaire([{ type: 'text', name: 't' }], {
      sipasIndex: { ...INDEX, elements: [{ ...INDEX.elements[0], items: ['t'] }] },
    }), /"t" is not a rating question/],
    ['an index statement off the scale', questionnaire([{ type: 'rating', name: 'ten', rateMin: 0, rateMax: 10 }], {
      sipasIndex: { ...INDEX, elements: [{ ...INDEX.elements[0], items: ['ten'] }] },
    }), /"ten" is rated 0, 1, .*not 1–5/],
    ['a composite made of an unknown indicator', questionnaire([], {
      sipasIndex: { ...INDEX, composites: [{ id: 'service', label: { vi: 'D', en: 'S' }, parts: ['elem_staff'] }] },
    }), /"elem_staff" is neither/],
  ])('when the questionnaire has %s, then compiling fails and says where', (_label, json, expected) => {
    expect(problemsOf(json)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  it('lists every problem at once', () => {
    const json = questionnaire([
      { type: 'file', name: 'f' },
      { type: 'text', name: 't', validators: [] },
    ], { sipasIndex: { ...INDEX, satisfiedMin: 'four' } });
    expect(problemsOf(json)).toHaveLength(3);
  });
});

describe('validating against features the SIPAS forms do not use yet', () => {
  it('when requiredIf holds, then the question is required, and not otherwise', () => {
    const plan = compileValidationPlan(questionnaire([{ type: 'comment', name: 'why', requiredIf: '{r} <= 2' }]));
    expect(brief(validateAnswers(plan, { r: 1 }))).toEqual([{ field: 'why', rule: 'required' }]);
    expect(validateAnswers(plan, { r: 4 })).toEqual([]);
  });

  it('when a container is disabled by enableIf or readOnly, then its required questions may stay empty', () => {
    const plan = compileValidationPlan(questionnaire([
      { type: 'panel', enableIf: '{r} = 5', elements: [{ type: 'text', name: 'a', isRequired: true }] },
      { type: 'text', name: 'b', isRequired: true, readOnly: true },
    ]));
    expect(brief(validateAnswers(plan, { r: 4 }))).toEqual([]);
    expect(brief(validateAnswers(plan, { r: 5 }))).toEqual([{ field: 'a', rule: 'required' }]);
  });

  it('when a matrix requires each row, then every unanswered row is reported', () => {
    const plan = compileValidationPlan(questionnaire([
      { type: 'matrix', name: 'm', eachRowRequired: true, rows: ['a', 'b', 'c'], columns: [1, 2] },
    ]));
    expect(brief(validateAnswers(plan, { m: { a: 1 } }))).toEqual([
      { field: 'm.b', rule: 'required' }, { field: 'm.c', rule: 'required' },
    ]);
    expect(brief(validateAnswers(plan, {}))).toEqual(['a', 'b', 'c'].map((row) => ({ field: `m.${row}`, rule: 'required' })));
    expect(brief(validateAnswers(plan, { m: { a: '1', b: 2, c: 1 } }))).toEqual([{ field: 'm.a', rule: 'not_a_choice' }]);
  });

  it('when a checkbox limits the number of choices, then too many and too few are reported', () => {
    const plan = compileValidationPlan(questionnaire([
      { type: 'checkbox', name: 'c', choices: ['a', 'b', 'c', 'd'], minSelectedChoices: 2, maxSelectedChoices: 3 },
    ]));
    expect(brief(validateAnswers(plan, { c: ['a'] }))).toEqual([{ field: 'c', rule: 'too_few_choices' }]);
    expect(brief(validateAnswers(plan, { c: ['a', 'b', 'c', 'd'] }))).toEqual([{ field: 'c', rule: 'too_many_choices' }]);
    expect(validateAnswers(plan, { c: ['a', 'b'] })).toEqual([]);
  });

  it('when a boolean stores custom values, then only those values are accepted', () => {
    const plan = compileValidationPlan(questionnaire([{ type: 'boolean', name: 'ok', valueTrue: 'yes', valueFalse: 'no' }]));
    expect(validateAnswers(plan, { ok: 'no' })).toEqual([]);
    expect(brief(validateAnswers(plan, { ok: true }))).toEqual([{ field: 'ok', rule: 'type' }]);
  });

  it('when a text sets no maxLength, then the survey limit applies, else the compile option, else 2000', () => {
    const text = { type: 'text', name: 't' };
    expect(brief(validateAnswers(compileValidationPlan(questionnaire([text])), { t: 'x'.repeat(2001) })))
      .toEqual([{ field: 't', rule: 'too_long' }]);
    expect(validateAnswers(compileValidationPlan(questionnaire([text])), { t: 'x'.repeat(2000) })).toEqual([]);
    expect(brief(validateAnswers(compileValidationPlan(questionnaire([text]), { defaultMaxLength: 10 }), { t: 'x'.repeat(11) })))
      .toEqual([{ field: 't', rule: 'too_long' }]);
    expect(brief(validateAnswers(compileValidationPlan(questionnaire([text], { maxTextLength: 5 })), { t: 'x'.repeat(6) })))
      .toEqual([{ field: 't', rule: 'too_long' }]);
  });

  it('when a rating is defined by rateMin, rateMax and rateStep, then only those steps are accepted', () => {
    const plan = compileValidationPlan(questionnaire([{ type: 'rating', name: 'n', rateMin: 0, rateMax: 10, rateStep: 2 }]));
    expect(validateAnswers(plan, { n: 6 })).toEqual([]);
    expect(brief(validateAnswers(plan, { n: 5 }))).toEqual([{ field: 'n', rule: 'out_of_range' }]);
  });

  it('when a checkbox has external choices, then the caller\'s set decides', () => {
    const plan = compileValidationPlan(questionnaire([{ type: 'checkbox', name: 'points', choices: [] }]));
    expect(plan.externalChoiceFields).toEqual(['points']);
    const context = { externalChoices: { points: new Set(['p1', 'p2']) } };
    expect(brief(validateAnswers(plan, { points: ['p1', 'p3'] }, context))).toEqual([{ field: 'points', rule: 'not_a_choice' }]);
  });
});
