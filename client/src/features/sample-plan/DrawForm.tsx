import { useState, type FormEvent } from 'react';
import { ProblemNotice } from '../../components/ProblemNotice';
import { api } from '../../lib/api';
import { useLang } from '../../lib/i18n';
import type { SamplePlanView, Stratification } from './types';

interface DrawFormProps { wave: string; plan: NonNullable<SamplePlanView['plan']>; onDrawn(view: SamplePlanView): void }

/** The draw's options and seed: the same seed draws the same sample again. */
export function DrawForm({ wave, plan, onDrawn }: DrawFormProps) {
  const { t } = useLang();
  const [stratification, setStratification] = useState<Stratification>(plan.stratification ?? 'province');
  const [communes, setCommunes] = useState(String(plan.communesPerStratum ?? 10));
  const [respondents, setRespondents] = useState(String(plan.respondentsPerCommune ?? 30));
  const [seed, setSeed] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (plan.drawnAt && !confirm(t({ vi: 'Chọn mẫu lại sẽ thay mẫu hiện tại và hủy mọi phiếu mời đã in. Tiếp tục?', en: 'Drawing again replaces the current sample and cancels every printed invitation. Continue?' }))) return;
    setBusy(true);
    setError(null);
    try {
      onDrawn(await api.post<SamplePlanView>(`/api/waves/${encodeURIComponent(wave)}/sample/draw`, {
        stratification, communesPerStratum: Number(communes), respondentsPerCommune: Number(respondents),
        ...(seed.trim() ? { seed: Number(seed) } : {}),
      }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form-grid" onSubmit={submit}>
      <label>
        <span>{t({ vi: 'Phân tầng', en: 'Strata' })}</span>
        <select value={stratification} onChange={(e) => setStratification(e.target.value as Stratification)}>
          <option value="province">{t({ vi: 'Theo tỉnh', en: 'By province' })}</option>
          <option value="province_urban_rural">{t({ vi: 'Theo tỉnh × thành thị/nông thôn', en: 'By province × urban/rural' })}</option>
        </select>
      </label>
      <label>
        <span>{t({ vi: 'Số xã chọn mỗi tầng', en: 'Communes per stratum' })}</span>
        <input type="number" min={1} max={10000} required value={communes} onChange={(e) => setCommunes(e.target.value)} />
      </label>
      <label>
        <span>{t({ vi: 'Số người trả lời mỗi xã (chỉ tiêu)', en: 'Respondents per commune (target)' })}</span>
        <input type="number" min={1} max={100000} required value={respondents} onChange={(e) => setRespondents(e.target.value)} />
      </label>
      <label>
        <span>{t({ vi: 'Hạt giống ngẫu nhiên (để trống: máy tự chọn và ghi lại)', en: 'Random seed (blank: chosen and recorded for you)' })}</span>
        <input type="number" min={0} max={4294967295} value={seed} onChange={(e) => setSeed(e.target.value)} />
      </label>
      <button type="submit" className="button" disabled={busy || plan.frozen}>
        {plan.drawnAt ? t({ vi: 'Chọn mẫu lại', en: 'Draw again' }) : t({ vi: 'Chọn mẫu', en: 'Draw the sample' })}
      </button>
      <div role="status" aria-live="polite">{busy && <p className="notice" aria-busy="true">{t({ vi: 'Đang chọn mẫu…', en: 'Drawing the sample…' })}</p>}</div>
      {error !== null && <ProblemNotice error={error} />}
    </form>
  );
}
