import { useId, useState, type FormEvent } from 'react';
import { FormProblem } from '../../components/FormProblem';
import { api } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import type { IssuedEnrolment, ServicePoint } from './types';

/**
 * Enrolling a kiosk at a point: the official names it, then the screen shows a one-time code and its QR
 * (the kiosk page's address with the code) for the kiosk to scan or type, valid for 15 minutes.
 */
export function EnrolKiosk({ point, wave }: { point: ServicePoint; wave: string }) {
  const { t, lang } = useLang();
  const id = useId();
  const [label, setLabel] = useState('');
  const [issued, setIssued] = useState<IssuedEnrolment | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setIssued(await api.post<IssuedEnrolment>('/api/kiosk-enrolments', { servicePoint: point.code, wave, label }));
      setLabel('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="enrol-kiosk">
      <form className="inline-form" onSubmit={submit} aria-label={t({ vi: `Đăng ký ki-ốt tại ${point.nameVi}`, en: `Enrol a kiosk at ${point.nameVi}` })}>
        <label htmlFor={`${id}-label`}>{t({ vi: 'Tên ki-ốt mới', en: 'New kiosk name' })}</label>
        <input id={`${id}-label`} value={label} onChange={(e) => setLabel(e.target.value)} required maxLength={100}
          placeholder={t({ vi: 'vd. Ki-ốt sảnh chính', en: 'e.g. Main hall kiosk' })} />
        <button type="submit" className="button" disabled={busy}>{t({ vi: 'Lấy mã đăng ký', en: 'Get an enrolment code' })}</button>
      </form>
      <FormProblem error={error} />
      {issued && (
        <div className="enrolment-code panel" role="status" aria-live="polite">
          <p>{t({
            vi: `Mã đăng ký cho “${issued.enrolment.label}”: trên ki-ốt, quét mã QR hoặc mở trang ki-ốt và nhập mã. Mã chỉ dùng được một lần, đến ${dateTime(issued.enrolment.expiresAt, lang)}.`,
            en: `Enrolment code for “${issued.enrolment.label}”: on the kiosk, scan the QR code or open the kiosk page and type the code. It works once, until ${dateTime(issued.enrolment.expiresAt, lang)}.`,
          })}</p>
          <p className="code" data-testid="enrolment-code">{issued.enrolment.code}</p>
          <img className="qr" width={220} height={220} alt={t({ vi: `Mã QR mở trang ki-ốt với mã ${issued.enrolment.code}`, en: `QR code opening the kiosk page with code ${issued.enrolment.code}` })}
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(issued.qrSvg)}`} />
          <p className="help">{t({ vi: 'Địa chỉ trang ki-ốt:', en: 'Kiosk page address:' })} <code>{issued.enrolment.url.replace(/#.*$/, '')}</code></p>
          <button type="button" className="button secondary" onClick={() => setIssued(null)}>{t({ vi: 'Ẩn mã', en: 'Hide the code' })}</button>
        </div>
      )}
    </div>
  );
}
