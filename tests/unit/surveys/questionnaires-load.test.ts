import { Model, surveyLocalization } from 'survey-core';
import { registerSipasSurveyProperties } from '../../../surveys/survey-core-properties';
import { statementNames } from '../../../server/surveys/index-definition';
import { compileValidationPlan } from '../../../server/surveys/validation-plan';
import { questionnaireFiles, loadQuestionnaire } from './factories';

registerSipasSurveyProperties();

describe.each(questionnaireFiles())('questionnaire %s', (file) => {
  const json = loadQuestionnaire(file);
  const plan = compileValidationPlan(json);

  it('loads in survey-core without a single JSON error', () => {
    const model = new Model(json);
    expect(model.jsonErrors ?? []).toEqual([]);
  });

  it('keeps its sipasIndex block when survey-core writes the JSON back', () => {
    expect(new Model(json).toJSON().sipasIndex).toEqual(json.sipasIndex);
  });

  it('names in its index block only rating questions scored 1 to 5', () => {
    const model = new Model(json);
    for (const name of statementNames(plan.indexDefinition)) {
      const question = model.getQuestionByName(name);
      expect({ name, type: question?.getType() }).toEqual({ name, type: 'rating' });
      expect(question.visibleRateValues.map((v: { value: unknown }) => v.value)).toEqual([1, 2, 3, 4, 5]);
    }
  });

  it('asks for no name, phone number or e-mail', () => {
    expect(plan.fields.map((f) => f.name)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/name|phone|email|e_mail|address|id_number/i)]),
    );
  });

  it('is shown in Vietnamese by default and in English when the client switches locale', () => {
    const previous = surveyLocalization.defaultLocale;
    surveyLocalization.defaultLocale = 'vi';
    try {
      const model = new Model(json);
      const title = json.title as { default: string; en: string };
      expect(model.title).toBe(title.default);
      model.locale = 'en';
      expect(model.title).toBe(title.en);
      model.locale = 'vi';
      expect(model.title).toBe(title.default);
    } finally {
      surveyLocalization.defaultLocale = previous;
    }
  });
});

describe('the SIPAS 2023 questionnaire', () => {
  const plan = compileValidationPlan(loadQuestionnaire('sipas-2023.json'));

  it('leaves province and commune choices to the platform', () => {
    expect(plan.externalChoiceFields).toEqual(['province', 'commune']);
  });

  it('declares the service, policy and sipas composites of METHOD.md §3', () => {
    expect(plan.indexDefinition.composites.map((c) => [c.id, c.parts])).toEqual([
      ['service', ['elem_access', 'elem_procedure', 'elem_staff', 'elem_result', 'elem_feedback']],
      ['policy', ['elem_policy_info', 'elem_policy_participation', 'elem_policy_quality', 'elem_policy_impact']],
      ['sipas', ['policy', 'service']],
    ]);
    expect(plan.indexDefinition).toMatchObject({ scale: { min: 1, max: 5 }, satisfiedMin: 4, overall: 'overall' });
  });

  it('shows part D only after an administrative procedure and the feedback statements only after feedback', () => {
    const expressions = plan.conditions.map((c) => c.expression);
    expect(expressions).toEqual(['{exp_admin_procedure} = true', '{exp_feedback} = true']);
    expect(plan.fieldsByName.get('q_access_1')?.visibleIf).toEqual([0]);
    expect(plan.fieldsByName.get('q_feedback_1')?.visibleIf).toEqual([0, 1]);
    expect(plan.fieldsByName.get('q_policy_info_1')?.visibleIf).toEqual([]);
  });
});

describe('the service-point questionnaire', () => {
  const json = loadQuestionnaire('service-point.json');
  const plan = compileValidationPlan(json);

  it('leaves the service point choices to the platform', () => {
    expect(plan.externalChoiceFields).toEqual(['service_point']);
  });

  it('carries only the service composite, over the five service elements', () => {
    expect(plan.indexDefinition.composites.map((c) => c.id)).toEqual(['service']);
    expect(plan.indexDefinition.elements.map((e) => [e.id, e.group])).toEqual([
      ['access', 'service'], ['procedure', 'service'], ['staff', 'service'], ['result', 'service'], ['feedback', 'service'],
    ]);
  });

  it('shows every rating as large touch buttons, never as a dropdown', () => {
    const model = new Model(json);
    const ratings = model.getAllQuestions().filter((q) => q.getType() === 'rating');
    expect(ratings.length).toBeGreaterThan(0);
    for (const q of ratings) expect({ name: q.name, displayMode: q.displayMode }).toEqual({ name: q.name, displayMode: 'buttons' });
  });

  it('asks one question per screen', () => {
    expect(new Model(json).questionsOnPageMode).toBe('questionPerPage');
  });
});
