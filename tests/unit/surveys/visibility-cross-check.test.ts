import { Model, type Question } from 'survey-core';
import { registerSipasSurveyProperties } from '../../../surveys/survey-core-properties';
import { compileValidationPlan, evaluateFieldStates } from '../../../server/surveys/validation-plan';
import { loadQuestionnaire, sipasResponse, servicePointResponse, type Json } from './factories';

registerSipasSurveyProperties();

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(next: () => number, values: readonly T[]): T => values[Math.floor(next() * values.length)];

/** Gate answers of every shape a client might send, well-formed or not. */
const GATE_VALUES = [true, false, undefined, null, 'true', 'false', 1, 0, 'yes', []];

function modelStates(model: Model, answers: Json) {
  model.data = answers;
  return new Map(model.getAllQuestions().map((q: Question) => [q.name, {
    visible: q.isVisible && q.isParentVisible,
    enabled: !q.isReadOnly,
    required: q.isVisible && q.isParentVisible && !q.isReadOnly && q.isRequired,
  }]));
}

function crossCheck(json: Json, answerSets: Json[]) {
  const plan = compileValidationPlan(json);
  const model = new Model(json);
  const mismatches: unknown[] = [];
  for (const answers of answerSets) {
    const expected = modelStates(model, answers);
    const actual = evaluateFieldStates(plan, answers);
    for (const [name, state] of expected) {
      if (JSON.stringify(actual.get(name)) !== JSON.stringify(state)) mismatches.push({ answers, name, survey: state, plan: actual.get(name) });
    }
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  }
  return mismatches;
}

describe('visibility computed by the plan, cross-checked against survey-core', () => {
  it('when 300 random gate answers are given to the SIPAS 2023 form, then part D and the feedback statements show exactly as survey-core shows them', () => {
    const next = random(2023);
    const answers = Array.from({ length: 300 }, () => {
      const response = sipasResponse({}, {
        exp_admin_procedure: pick(next, GATE_VALUES),
        exp_feedback: pick(next, GATE_VALUES),
      });
      if (next() < 0.3) delete response.q_access_1;
      return response;
    });
    expect(crossCheck(loadQuestionnaire('sipas-2023.json'), answers)).toEqual([]);
  });

  it('when 100 random feedback answers are given to the service-point form, then its feedback statements show exactly as survey-core shows them', () => {
    const next = random(7);
    const answers = Array.from({ length: 100 }, () => servicePointResponse({}, { exp_feedback: pick(next, GATE_VALUES) }));
    expect(crossCheck(loadQuestionnaire('service-point.json'), answers)).toEqual([]);
  });

  it('when a questionnaire nests panels with visibleIf, enableIf, requiredIf, readOnly and visible: false, then every state matches survey-core', () => {
    const json: Json = {
      sipasIndex: { scale: { min: 1, max: 5 }, satisfiedMin: 4, elements: [{ id: 'a', group: 'service', label: { vi: 'A', en: 'A' }, items: ['r'] }] },
      pages: [
        {
          name: 'p1',
          elements: [
            { type: 'rating', name: 'r', rateValues: [1, 2, 3, 4, 5] },
            { type: 'checkbox', name: 'c', choices: ['x', 'y', 'z'] },
            { type: 'matrix', name: 'm', rows: ['a', 'b'], columns: ['lo', 'hi'] },
            { type: 'boolean', name: 'b' },
            { type: 'text', name: 't', requiredIf: '{r} <= 2 or {c} contains "z"' },
          ],
        },
        {
          name: 'p2',
          visibleIf: '{r} notempty',
          elements: [
            {
              type: 'panel', name: 'outer', enableIf: '{b} = true',
              elements: [
                { type: 'radiogroup', name: 'g', isRequired: true, choices: ['1', '2'] },
                {
                  type: 'panel', name: 'inner', visibleIf: "{m.a} = 'hi'",
                  elements: [
                    { type: 'comment', name: 'k', isRequired: true, visibleIf: '{r} >= 3 and {c} contains "x"' },
                    { type: 'dropdown', name: 'd', requiredIf: '{g} = "2"', choices: ['u', 'v'] },
                  ],
                },
              ],
            },
            { type: 'text', name: 'never', visible: false, isRequired: true },
            { type: 'text', name: 'locked', readOnly: true, isRequired: true },
          ],
        },
      ],
    };
    const next = random(42);
    const answers = Array.from({ length: 400 }, () => ({
      r: pick(next, [undefined, 1, 2, 3, 4, 5, '4']),
      c: pick(next, [undefined, [], ['x'], ['z'], ['x', 'y'], ['x', 'z'], 'x']),
      m: pick(next, [undefined, {}, { a: 'hi' }, { a: 'lo', b: 'hi' }, { b: 'hi' }]),
      b: pick(next, GATE_VALUES),
      g: pick(next, [undefined, '1', '2', 2]),
    }));
    expect(crossCheck(json, answers)).toEqual([]);
  });
});
