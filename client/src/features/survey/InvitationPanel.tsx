import { useId, useState } from 'react';
import { useLang } from '../../lib/i18n';
import type { InvitationState } from './use-invitation';

interface Props {
  state: InvitationState;
  household: boolean;
  onEnter(code: string): void;
  /** Go on without a code; absent where the wave allows no answer without one. */
  onWithout?: () => void;
}

function CodeForm({ initial, error, onEnter, onWithout }: { initial: string; error?: string; onEnter(code: string): void; onWithout?: () => void }) {
  const { t } = useLang();
  const id = useId();
  const [typed, setTyped] = useState(initial);
  return (
    <form className="invitation-form" noValidate onSubmit={(e) => { e.preventDefault(); if (typed.trim()) onEnter(typed); }}>
      <label htmlFor={id}>{t({ vi: 'Mã mời (ví dụ K7M2Q-XH9RT-4WPZC)', en: 'Invitation code (e.g. K7M2Q-XH9RT-4WPZC)' })}</label>
      {error && <p id={`${id}-error`} className="field-error" role="alert"><span className="visually-hidden">{t({ vi: 'Lỗi:', en: 'Error:' })} </span>{error}</p>}
      <input
        id={id} autoComplete="off" autoCapitalize="characters" spellCheck={false} value={typed}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setTyped(e.target.value)}
      />
      <div className="actions">
        <button type="submit" className="button">{error ? t({ vi: 'Thử lại mã này', en: 'Try this code again' }) : t({ vi: 'Dùng mã này', en: 'Use this code' })}</button>
        {onWithout && <button type="button" className="button secondary" onClick={onWithout}>{t({ vi: 'Trả lời không dùng mã mời', en: 'Answer without a code' })}</button>}
      </div>
    </form>
  );
}

/**
 * Above the questionnaire: the place an invitation was issued for, a refused code at its field with a
 * retry (the questionnaire stays below), or, for household waves reached without one, a field to type
 * the code printed on the invitation.
 */
export function InvitationPanel({ state, household, onEnter, onWithout }: Props) {
  const { t } = useLang();
  switch (state.status) {
    case 'valid':
      return (
        <p className="notice">
          {t({ vi: 'Phiếu mời dành cho người dân tại', en: 'This invitation is for residents of' })} <strong>{state.place.commune.nameVi}, {state.place.province.nameVi}</strong>.
        </p>
      );
    case 'refused': {
      const reason = [t({ vi: state.error.title, en: state.error.titleEn }), ...state.error.issues.map((i) => t({ vi: i.message, en: i.messageEn ?? i.message }))].join(' ');
      return (
        <div className="notice error invitation-entry">
          <h2>{t({ vi: 'Mã mời chưa dùng được', en: 'The invitation code could not be used' })}</h2>
          <CodeForm key={state.code} initial={state.code} error={reason} onEnter={onEnter} onWithout={onWithout} />
        </div>
      );
    }
    case 'unchecked':
      return <p className="notice">{t({ vi: 'Chưa kiểm tra được mã mời vì mất mạng; mã sẽ được kiểm tra khi gửi phiếu.', en: 'The invitation code could not be checked offline; it will be checked when you send your answers.' })}</p>;
    case 'none':
      if (!household) return null;
      return (
        <details className="invitation-entry">
          <summary>{t({ vi: 'Ông/bà có phiếu mời? Nhập mã mời', en: 'Have an invitation? Enter its code' })}</summary>
          <CodeForm initial="" onEnter={onEnter} />
        </details>
      );
    default:
      return null;
  }
}
