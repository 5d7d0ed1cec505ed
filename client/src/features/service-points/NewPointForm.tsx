import { useState, type FormEvent } from 'react';
import { FormProblem } from '../../components/FormProblem';
import { api } from '../../lib/api';
import { useLang } from '../../lib/i18n';
import type { ProvinceOption } from '../survey/types';

/** Registers a service point in the wave's geography (a province official: in their own province). */
export function NewPointForm({ geography, provinces, onCreated }: { geography: string; provinces: ProvinceOption[]; onCreated(): void }) {
  const { t } = useLang();
  const [form, setForm] = useState({ code: '', nameVi: '', province: provinces[0]?.code ?? '', commune: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await api.post('/api/service-points', { code: form.code, nameVi: form.nameVi, geography, province: form.province, commune: form.commune.trim() || null });
      setDone(form.nameVi);
      setForm((f) => ({ ...f, code: '', nameVi: '', commune: '' }));
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form-grid" onSubmit={submit} aria-labelledby="new-point-heading">
      <h2 id="new-point-heading">{t({ vi: 'Thêm điểm phục vụ', en: 'Add a service point' })}</h2>
      <div className="field">
        <label htmlFor="point-code">{t({ vi: 'Mã điểm phục vụ', en: 'Service point code' })}</label>
        <input id="point-code" value={form.code} onChange={set('code')} required pattern="[A-Za-z0-9][A-Za-z0-9._\-]{1,39}" aria-describedby="point-code-help" />
        <small id="point-code-help">{t({ vi: 'Chữ, số, dấu chấm, gạch; vd. HN-BADINH-01', en: 'Letters, digits, dots, dashes; e.g. HN-BADINH-01' })}</small>
      </div>
      <div className="field">
        <label htmlFor="point-name">{t({ vi: 'Tên điểm phục vụ', en: 'Service point name' })}</label>
        <input id="point-name" value={form.nameVi} onChange={set('nameVi')} required maxLength={200} />
      </div>
      <div className="field">
        <label htmlFor="point-province">{t({ vi: 'Tỉnh, thành phố', en: 'Province' })}</label>
        <select id="point-province" value={form.province} onChange={set('province')} required>
          {provinces.map((p) => <option key={p.code} value={p.code}>{t({ vi: p.nameVi, en: p.nameEn })}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="point-commune">{t({ vi: 'Mã xã, phường (không bắt buộc)', en: 'Commune code (optional)' })}</label>
        <input id="point-commune" value={form.commune} onChange={set('commune')} inputMode="numeric" pattern="\d{5}" />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>{t({ vi: 'Thêm điểm phục vụ', en: 'Add the service point' })}</button>
      </div>
      <div role="status" aria-live="polite" className="notice-slot">
        {done && <p className="notice success">{t({ vi: `Đã thêm ${done}.`, en: `Added ${done}.` })}</p>}
      </div>
      <FormProblem error={error} />
    </form>
  );
}
