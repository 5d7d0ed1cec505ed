import { useEffect, useMemo, useRef, useState } from 'react';
import { Model, surveyLocalization, type Question } from 'survey-core';
import 'survey-core/i18n/vietnamese';
import 'survey-core/survey-core.fontless.min.css';
import { Survey } from 'survey-react-ui';
import type { Lang } from '../lib/i18n';
import { registerSipasSurveyProperties } from '../../../surveys/survey-core-properties';
import { ErrorSummary, type FormProblemLink } from './ErrorSummary';
import { StepIndicator } from './StepIndicator';
import { presentQuestionnaire, stepTitle } from '../../../surveys/presentation';
import './survey-form.css';

// Questionnaire strings keep Vietnamese under `default`; survey-core reads `default` for its default locale.
surveyLocalization.defaultLocale = 'vi';
registerSipasSurveyProperties();

export interface Choice { value: string; text: string }

export interface SurveyFormProps {
  json: Record<string, unknown>;
  lang: Lang;
  initialData?: Record<string, unknown>;
  initialPage?: number;
  /** Choices the platform supplies at run time (province, commune, service point…). */
  choices?: Record<string, Choice[]>;
  /** Show 1–5 ratings as full-width vertical choices with words and faces (a citizen's own device). */
  ratingsAsChoices?: boolean;
  /** Called when a question whose choices depend on another answer needs them (e.g. communes of a province). */
  onDependentChoices?: (name: string, value: unknown) => Promise<Record<string, Choice[]>>;
  onChange?: (data: Record<string, unknown>, pageNo: number) => void;
  onComplete: (data: Record<string, unknown>) => void;
}

function applyChoices(model: Model, choices: Record<string, Choice[]>) {
  for (const [name, list] of Object.entries(choices)) {
    const question = model.getQuestionByName(name) as unknown as { choices: Choice[]; visible: boolean } | null;
    if (!question) continue;
    question.choices = list;
    // A list the platform has not filled yet (no communes registered) is not asked.
    question.visible = list.length > 0;
  }
}

/** Set while a link of the error summary moves the focus: the one time a question with an error may take it. */
let focusingFromSummary = false;

interface Problem extends FormProblemLink { stillWrong(): boolean }

const problemOf = (q: Question): Problem => ({
  id: q.id,
  stillWrong: () => q.errors.length > 0,
  message: q.errors[0]?.getText() ?? q.processedTitle,
  focus: () => {
    focusingFromSummary = true;
    try { q.focus(true); } finally { focusingFromSummary = false; }
  },
});

interface Step { step: number; steps: number; title: string }
const stepOf = (model: Model): Step => ({
  step: model.currentPageNo + 1,
  steps: model.visiblePageCount,
  title: stepTitle(model.currentPage?.processedTitle ?? ''),
});

/**
 * The one place that renders SurveyJS. The Model is built once per questionnaire; the language,
 * runtime choices and callbacks are applied to it. Above it: the step line and, after a failed "Next",
 * the error summary.
 */
export function SurveyForm(props: SurveyFormProps) {
  const callbacks = useRef(props);
  callbacks.current = props;
  const ratingsAsChoices = props.ratingsAsChoices ?? false;
  // Built once per questionnaire; the initial answers and page only seed that one Model.
  const model = useMemo(() => {
    const presented = presentQuestionnaire(props.json, { ratingsAsChoices });
    const m = new Model(presented.json);
    m.focusOnFirstError = false;
    // Registered before the first render, which computes the classes.
    m.onUpdateQuestionCssClasses.add((_, options) => {
      if (presented.ratings.has(options.question.name)) options.cssClasses.root += ' sipas-rating';
    });
    m.onUpdateChoiceItemCss.add((_, options) => {
      if (presented.ratings.has(options.question.name)) options.css += ` sipas-face sipas-face-${String(options.item.value)}`;
    });
    // survey-core scrolls to and focuses the first question in error after a failed "Next"; the error
    // summary takes the focus instead (GOV.UK), and its links move it to a question.
    m.onScrollToTop.add((_, options) => {
      if (options.question && options.question.errors.length > 0 && !focusingFromSummary) options.cancel = true;
    });
    // A second tap on the chosen rating would clear it without a word: the answer stays.
    m.onValueChanging.add((_, options) => {
      if (options.question?.getType() === 'rating' && options.oldValue != null && (options.value == null || options.value === '')) {
        options.value = options.oldValue;
      }
    });
    const { initialData, initialPage, choices } = callbacks.current;
    // Choices first: a restored answer must find its choice, or survey-core drops it on completion.
    if (choices) applyChoices(m, choices);
    if (initialData) m.data = initialData;
    if (initialPage) m.currentPageNo = initialPage;
    return m;
  }, [props.json, ratingsAsChoices]);

  const [step, setStep] = useState<Step>(() => stepOf(model));
  const [problems, setProblems] = useState<{ list: Problem[]; version: number }>({ list: [], version: 0 });

  useEffect(() => {
    model.locale = props.lang === 'en' ? 'en' : 'vi';
    setStep(stepOf(model));
    setProblems((p) => ({ ...p, list: p.list.length ? model.currentPage.questions.filter((q: Question) => q.errors.length > 0).map(problemOf) : [] }));
  }, [model, props.lang]);
  useEffect(() => { if (props.choices) applyChoices(model, props.choices); }, [model, props.choices]);

  useEffect(() => {
    const changed = (_: Model, options: { name: string; value: unknown }) => {
      callbacks.current.onChange?.(model.data, model.currentPageNo);
      callbacks.current.onDependentChoices?.(options.name, options.value).then((more) => applyChoices(model, more));
      // An answered question leaves the summary; the summary goes when nothing is left.
      setProblems((p) => (p.list.length ? { ...p, list: p.list.filter((x) => x.stillWrong()) } : p));
      setStep(stepOf(model));
    };
    const pageChanged = () => {
      setStep(stepOf(model));
      setProblems((p) => ({ ...p, list: [] }));
      callbacks.current.onChange?.(model.data, model.currentPageNo);
      window.scrollTo({ top: 0 });
    };
    const validated = (_: Model, options: { questions: Question[] }) => {
      const list = options.questions.filter((q) => q.errors.length > 0).map(problemOf);
      setProblems((p) => ({ list, version: list.length ? p.version + 1 : p.version }));
    };
    const completed = (sender: Model) => callbacks.current.onComplete(sender.data);
    model.onValueChanged.add(changed);
    model.onCurrentPageChanged.add(pageChanged);
    model.onValidatePage.add(validated);
    model.onComplete.add(completed);
    return () => {
      model.onValueChanged.remove(changed);
      model.onCurrentPageChanged.remove(pageChanged);
      model.onValidatePage.remove(validated);
      model.onComplete.remove(completed);
    };
  }, [model]);

  return (
    <div className="sipas-form">
      {step.steps > 1 && <StepIndicator {...step} />}
      <ErrorSummary problems={problems.list} version={problems.version} />
      <Survey model={model} />
    </div>
  );
}
