import { useEffect, useRef } from 'react';
import { useLang } from '../lib/i18n';

export interface FormProblemLink { id: string; message: string; focus(): void }

/**
 * The GOV.UK error summary: at the top of the page after a failed "Next", focused and announced, one
 * link per unanswered question that moves the focus to it. `version` changes with every failed attempt,
 * so a second failed attempt is announced again.
 */
export function ErrorSummary({ problems, version }: { problems: FormProblemLink[]; version: number }) {
  const { t } = useLang();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // After survey-core has finished re-rendering the page it validated.
    const frame = requestAnimationFrame(() => {
      ref.current?.focus({ preventScroll: true });
      ref.current?.scrollIntoView({ block: 'start' });
    });
    return () => cancelAnimationFrame(frame);
  }, [version]);
  if (problems.length === 0) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t({ vi: 'Còn câu chưa trả lời', en: 'There is a problem' })}</h2>
      <ul>
        {problems.map((p) => (
          <li key={p.id}>
            <a href={`#${p.id}`} onClick={(e) => { e.preventDefault(); p.focus(); }}>{p.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
