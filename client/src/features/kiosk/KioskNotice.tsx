import { useState, type FormEvent } from 'react';
import { useLang, type Text } from '../../lib/i18n';

export interface KioskNoticeProps {
  title: Text;
  detail: Text;
  /** Offer staff the field where an enrolment code or device token is entered (unenrolled or revoked kiosk). */
  onEnrol?: (token: string) => void;
}

/** What a kiosk shows instead of the form when it cannot collect answers, said plainly to citizens. */
export function KioskNotice({ title, detail, onEnrol }: KioskNoticeProps) {
  const { t } = useLang();
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) onEnrol?.(token);
    setToken('');
  };
  return (
    <section className="kiosk-notice" aria-labelledby="kiosk-notice-title">
      <h1 id="kiosk-notice-title">{t(title)}</h1>
      <p>{t(detail)}</p>
      {onEnrol && (
        <form className="kiosk-enrol" onSubmit={submit}>
          <label htmlFor="kiosk-token">{t({ vi: 'Mã đăng ký hoặc mã thiết bị ki-ốt (dành cho cán bộ)', en: 'Kiosk enrolment code or device token (for staff)' })}</label>
          <input id="kiosk-token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
          <button type="submit" className="button">{t({ vi: 'Đăng ký ki-ốt', en: 'Enrol the kiosk' })}</button>
        </form>
      )}
    </section>
  );
}
