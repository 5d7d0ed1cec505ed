import { useId, useState } from 'react';
import { useLang } from '../../lib/i18n';
import type { InvitationState } from './use-invitation';

interface Props { state: InvitationState; household: boolean; onEnter(code: string): void }

/**
 * Above the questionnaire: the place an invitation was issued for, why a code does not work, or (for
 * household waves reached without one) a field to type the code printed on the invitation.
 */
export function InvitationPanel({ state, household, onEnter }: Props) {
  const { t } = useLang();
  const id = useId();
  const [typed, setTyped] = useState('');
  switch (state.status) {
    case 'valid':
      return (
        <p className="notice">
          {t({ vi: 'Phiếu mời dành cho người dân tại', en: 'This invitation is for residents of' })} <strong>{state.place.commune.nameVi}, {state.place.province.nameVi}</strong>.
        </p>
      );
    case 'refused':
      return (
        <div className="notice error" role="alert">
          <p>{t({ vi: state.error.title, en: state.error.titleEn })}</p>
          {state.error.issues.map((i) => <p key={i.rule}>{t({ vi: i.message, en: i.messageEn ?? i.message })}</p>)}
        </div>
      );
    case 'unchecked':
      return <p className="notice">{t({ vi: 'Chưa kiểm tra được mã mời vì mất mạng; mã sẽ được kiểm tra khi gửi phiếu.', en: 'The invitation code could not be checked offline; it will be checked when you send your answers.' })}</p>;
    case 'none':
      if (!household) return null;
      return (
        <details className="invitation-entry">
          <summary>{t({ vi: 'Ông/bà có phiếu mời? Nhập mã mời', en: 'Have an invitation? Enter its code' })}</summary>
          <form onSubmit={(e) => { e.preventDefault(); if (typed.trim()) onEnter(typed); }}>
            <label htmlFor={id}>{t({ vi: 'Mã mời (ví dụ K7M2Q-XH9RT-4WPZC)', en: 'Invitation code (e.g. K7M2Q-XH9RT-4WPZC)' })}</label>
            <input id={id} autoComplete="off" autoCapitalize="characters" spellCheck={false} value={typed} onChange={(e) => setTyped(e.target.value)} />
            <button type="submit" className="button">{t({ vi: 'Dùng mã này', en: 'Use this code' })}</button>
          </form>
        </details>
      );
    default:
      return null;
  }
}
