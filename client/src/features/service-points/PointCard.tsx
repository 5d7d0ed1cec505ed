import { useId, useState, type FormEvent } from 'react';
import { FormProblem } from '../../components/FormProblem';
import { api } from '../../lib/api';
import { useLang } from '../../lib/i18n';
import { EnrolKiosk } from './EnrolKiosk';
import { KioskList } from './KioskList';
import type { KioskDevice, ServicePoint } from './types';

interface Props {
  point: ServicePoint;
  provinceName: string;
  devices: KioskDevice[];
  /** The wave kiosks are enrolled for; null when its questionnaire is not a kiosk one. */
  kioskWave: string | null;
  onChanged(): void;
}

/** One service point: rename it, retire it (its kiosks stop sending) or bring it back, and its kiosks. */
export function PointCard({ point, provinceName, devices, kioskWave, onChanged }: Props) {
  const { t } = useLang();
  const id = useId();
  const [name, setName] = useState(point.nameVi);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const change = async (changes: { nameVi?: string; active?: boolean }) => {
    setBusy(true);
    setError(null);
    try {
      await api.patch(`/api/service-points/${encodeURIComponent(point.code)}`, changes);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const rename = (e: FormEvent) => {
    e.preventDefault();
    void change({ nameVi: name });
  };
  return (
    <li className="panel point" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{point.nameVi} <small className="muted">({point.code})</small></h3>
      <p className="muted">{provinceName}{point.commune ? ` · ${t({ vi: 'xã', en: 'commune' })} ${point.commune}` : ''} · {point.active
        ? t({ vi: 'đang hoạt động', en: 'active' })
        : <strong>{t({ vi: 'đã ngừng hoạt động', en: 'retired' })}</strong>}</p>
      <form className="inline-form" onSubmit={rename}>
        <label htmlFor={`${id}-name`}>{t({ vi: 'Tên', en: 'Name' })}</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        <button type="submit" className="button secondary" disabled={busy || name.trim() === point.nameVi}>
          {t({ vi: 'Đổi tên', en: 'Rename' })}<span className="visually-hidden"> {point.code}</span>
        </button>
      </form>
      <div className="actions">
        <button type="button" className="button secondary" disabled={busy} onClick={() => void change({ active: !point.active })}>
          {point.active ? t({ vi: 'Ngừng hoạt động', en: 'Retire' }) : t({ vi: 'Hoạt động trở lại', en: 'Bring back into service' })}
          <span className="visually-hidden"> {point.code}</span>
        </button>
      </div>
      <FormProblem error={error} />
      <h4>{t({ vi: 'Ki-ốt', en: 'Kiosks' })}</h4>
      <KioskList devices={devices} onChanged={onChanged} />
      {point.active && kioskWave && <EnrolKiosk point={point} wave={kioskWave} />}
    </li>
  );
}
