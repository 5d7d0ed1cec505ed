import { useEffect, useMemo, useRef } from 'react';
import { Model, surveyLocalization } from 'survey-core';
import 'survey-core/i18n/vietnamese';
import 'survey-core/survey-core.fontless.min.css';
import { Survey } from 'survey-react-ui';
import type { Lang } from '../lib/i18n';
import { registerSipasSurveyProperties } from '../../../surveys/survey-core-properties';

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

/**
 * The one place that renders SurveyJS. The Model is built once per questionnaire; the language,
 * runtime choices and callbacks are applied to it.
 */
export function SurveyForm(props: SurveyFormProps) {
  const callbacks = useRef(props);
  callbacks.current = props;
  // Built once per questionnaire; the initial answers and page only seed that one Model.
  const model = useMemo(() => {
    const m = new Model(props.json);
    const { initialData, initialPage, choices } = callbacks.current;
    // Choices first: a restored answer must find its choice, or survey-core drops it on completion.
    if (choices) applyChoices(m, choices);
    if (initialData) m.data = initialData;
    if (initialPage) m.currentPageNo = initialPage;
    return m;
  }, [props.json]);

  useEffect(() => { model.locale = props.lang === 'en' ? 'en' : 'vi'; }, [model, props.lang]);
  useEffect(() => { if (props.choices) applyChoices(model, props.choices); }, [model, props.choices]);

  useEffect(() => {
    const changed = (_: Model, options: { name: string; value: unknown }) => {
      callbacks.current.onChange?.(model.data, model.currentPageNo);
      callbacks.current.onDependentChoices?.(options.name, options.value).then((more) => applyChoices(model, more));
    };
    const pageChanged = () => callbacks.current.onChange?.(model.data, model.currentPageNo);
    const completed = (sender: Model) => callbacks.current.onComplete(sender.data);
    model.onValueChanged.add(changed);
    model.onCurrentPageChanged.add(pageChanged);
    model.onComplete.add(completed);
    return () => {
      model.onValueChanged.remove(changed);
      model.onCurrentPageChanged.remove(pageChanged);
      model.onComplete.remove(completed);
    };
  }, [model]);

  return <Survey model={model} />;
}
