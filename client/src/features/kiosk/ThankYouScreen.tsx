import { useEffect, useRef, useState } from 'react';
import { useLang } from '../../lib/i18n';

/** After each answer: thanks, and a fresh form for the next person after `ms` (or at a tap). */
export function ThankYouScreen({ ms, onNext }: { ms: number; onNext: () => void }) {
  const { t } = useLang();
  const [left, setLeft] = useState(Math.ceil(ms / 1000));
  const next = useRef(onNext);
  next.current = onNext;
  useEffect(() => {
    const end = Date.now() + ms;
    const timer = setInterval(() => {
      const remaining = end - Date.now();
      if (remaining <= 0) next.current();
      else setLeft(Math.ceil(remaining / 1000));
    }, 200);
    return () => clearInterval(timer);
  }, [ms]);
  return (
    <section className="kiosk-thanks" aria-labelledby="kiosk-thanks-title">
      <h1 id="kiosk-thanks-title">{t({ vi: 'Cảm ơn ông/bà đã góp ý!', en: 'Thank you for your feedback!' })}</h1>
      <p role="status">{t({ vi: `Phiếu mới sẽ bắt đầu sau ${left} giây.`, en: `A new form starts in ${left} seconds.` })}</p>
      <button type="button" className="button kiosk-big-button" onClick={() => next.current()}>
        {t({ vi: 'Bắt đầu phiếu mới', en: 'Start a new form' })}
      </button>
    </section>
  );
}
