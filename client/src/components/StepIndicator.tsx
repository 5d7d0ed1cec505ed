import { useLang } from '../lib/i18n';

/** The always-visible step line above the questionnaire: "Phần 2/6 · Hiểu biết và nhận định của ông/bà". */
export function StepIndicator({ step, steps, title }: { step: number; steps: number; title: string }) {
  const { t } = useLang();
  return (
    <p className="step-indicator" aria-live="polite">
      <span className="step-count">{t({ vi: `Phần ${step}/${steps}`, en: `Part ${step} of ${steps}` })}</span>
      {title && <> <span aria-hidden="true">·</span> <span className="step-title">{title}</span></>}
    </p>
  );
}
