import { useState } from 'react';
import { FormProblem } from '../../components/FormProblem';
import { api } from '../../lib/api';
import { dateTime, integer } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import type { KioskDevice } from './types';

/** A point's kiosks: last contact, answers waiting in its queue, page version; revoke with a confirmation. */
export function KioskList({ devices, onChanged }: { devices: KioskDevice[]; onChanged(): void }) {
  const { t, lang } = useLang();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const revoke = async (d: KioskDevice) => {
    setError(null);
    try {
      await api.post(`/api/kiosk-devices/${d.id}/revoke`, {});
      setConfirming(null);
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  if (devices.length === 0) return <p className="help">{t({ vi: 'Chưa có ki-ốt nào tại điểm này.', en: 'No kiosk at this point yet.' })}</p>;
  return (
    <>
      <ul className="kiosk-list">
        {devices.map((d) => (
          <li key={d.id} className="card" aria-label={d.label}>
            <h4>{d.label} {d.status === 'revoked' && <span className="muted">({t({ vi: 'đã thu hồi', en: 'revoked' })})</span>}</h4>
            <dl className="facts">
              <dt>{t({ vi: 'Liên lạc gần nhất', en: 'Last contact' })}</dt>
              <dd>{d.lastSeenAt ? dateTime(d.lastSeenAt, lang) : t({ vi: 'chưa liên lạc', en: 'never' })}</dd>
              <dt>{t({ vi: 'Phiếu đang chờ gửi', en: 'Answers waiting' })}</dt>
              <dd>{d.waitingAnswers === null ? '—' : integer(d.waitingAnswers, lang)}</dd>
              <dt>{t({ vi: 'Phiên bản', en: 'Version' })}</dt>
              <dd>{d.appVersion ?? '—'}</dd>
              <dt>{t({ vi: 'Đăng ký lúc', en: 'Enrolled' })}</dt>
              <dd>{dateTime(d.enrolledAt, lang)}</dd>
              {d.revokedAt && <><dt>{t({ vi: 'Thu hồi lúc', en: 'Revoked' })}</dt><dd>{dateTime(d.revokedAt, lang)}</dd></>}
            </dl>
            {d.status === 'active' && (confirming === d.id ? (
              <div className="actions" role="group" aria-label={t({ vi: `Xác nhận thu hồi ${d.label}`, en: `Confirm revoking ${d.label}` })}>
                <span>{t({ vi: 'Ki-ốt sẽ không gửi được phiếu nữa. Thu hồi?', en: 'The kiosk will no longer send answers. Revoke?' })}</span>
                <button type="button" className="button" onClick={() => void revoke(d)}>{t({ vi: 'Xác nhận thu hồi', en: 'Confirm revoking' })}</button>
                <button type="button" className="button secondary" onClick={() => setConfirming(null)}>{t({ vi: 'Hủy', en: 'Cancel' })}</button>
              </div>
            ) : (
              <button type="button" className="button secondary" onClick={() => setConfirming(d.id)}>
                {t({ vi: 'Thu hồi', en: 'Revoke' })}<span className="visually-hidden"> {d.label}</span>
              </button>
            ))}
          </li>
        ))}
      </ul>
      <FormProblem error={error} />
    </>
  );
}
