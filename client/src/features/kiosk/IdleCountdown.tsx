import { useEffect, useRef } from 'react';
import { useLang } from '../../lib/i18n';

/** Shown before an abandoned answer is discarded; any tap (this button included) keeps it. */
export function IdleCountdown({ seconds }: { seconds: number }) {
  const { t } = useLang();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => { button.current?.focus(); }, []);
  return (
    <div className="kiosk-overlay">
      <div className="kiosk-dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-text">
        <h2 id="idle-title">{t({ vi: 'Ông/bà vẫn đang trả lời chứ?', en: 'Are you still answering?' })}</h2>
        <p id="idle-text" aria-live="assertive">
          {t({
            vi: `Phiếu đang trả lời dở sẽ bị xóa sau ${seconds} giây để người tiếp theo bắt đầu lại.`,
            en: `The unfinished form will be cleared in ${seconds} seconds for the next person.`,
          })}
        </p>
        <button ref={button} type="button" className="button kiosk-big-button">
          {t({ vi: 'Tiếp tục trả lời', en: 'Keep answering' })}
        </button>
      </div>
    </div>
  );
}
