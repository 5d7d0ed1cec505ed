import { useState, type FormEvent } from 'react';
import { FormProblem } from '../../components/FormProblem';
import { Link } from '../../components/Link';
import { NonProbabilityNotice } from '../../components/NonProbabilityNotice';
import { SyntheticNotice } from '../../components/SyntheticNotice';
import { api } from '../../lib/api';
import { dateTime, integer } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { GEOGRAPHY_LABELS, SCHEME_LABELS } from '../dashboard/labels';
import type { Geography, OfficialWave } from '../dashboard/types';

type Status = OfficialWave['status'];
interface Version { id: number; survey: string; version: number; titleVi: string; titleEn: string }

const STATUS_LABELS: Record<Status, { vi: string; en: string }> = {
  draft: { vi: 'Nháp', en: 'Draft' },
  open: { vi: 'Đang mở', en: 'Open' },
  closed: { vi: 'Đã đóng', en: 'Closed' },
};

const DESIGNS = [
  { value: 'household', label: { vi: 'Khảo sát hộ gia đình (mẫu toàn quốc)', en: 'Household survey (national sample)' } },
  { value: 'service_point', label: { vi: 'Tại điểm phục vụ (ki-ốt, điện thoại)', en: 'At service points (kiosks, phones)' } },
  { value: 'open', label: { vi: 'Mở, tự nguyện (phi xác suất)', en: 'Open, self-selected (non-probability)' } },
];

function WaveRow({ wave, onChanged }: { wave: OfficialWave; onChanged(message: string): void }) {
  const { t, lang } = useLang();
  const [status, setStatus] = useState<Status>(wave.status);
  const [titleVi, setTitleVi] = useState(wave.titleVi);
  const [titleEn, setTitleEn] = useState(wave.titleEn);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const act = async (work: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onChanged(message);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void act(() => api.patch(`/api/waves/${encodeURIComponent(wave.id)}`, { status, titleVi, titleEn }), t({ vi: `Đã lưu đợt ${titleVi}.`, en: `Saved wave ${titleEn}.` }));
  };
  const geographies: Geography[] = wave.geography === 'vn-63' ? ['vn-63', 'vn-34'] : ['vn-34'];
  const id = `wave-${wave.id}`;
  const title = t({ vi: wave.titleVi, en: wave.titleEn });
  return (
    <article className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title} <small className="muted">({t({ vi: 'mã', en: 'id' })} {wave.id})</small></h2>
      {wave.isSynthetic && <SyntheticNotice />}
      {wave.design === 'open' && <NonProbabilityNotice />}
      <p className="muted">
        {wave.year} · {t(GEOGRAPHY_LABELS[wave.geography])} · {t(STATUS_LABELS[wave.status])} · {t({ vi: 'phiếu hỏi số', en: 'questionnaire' })} {wave.questionnaireVersion}
        {' · '}{integer(wave.responseCount, lang)} {t({ vi: 'phiếu trả lời', en: 'responses' })}
      </p>
      <nav className="subnav" aria-label={t({ vi: `Các trang của đợt ${wave.titleVi}`, en: `Pages of wave ${wave.titleEn}` })}>
        <Link href={`/admin/waves/${encodeURIComponent(wave.id)}`}>{t({ vi: 'Tiến độ các bước', en: 'Step-by-step checklist' })}<span className="visually-hidden"> ({title})</span></Link>
        {wave.design !== 'household' && <Link href={`/admin/service-points/${encodeURIComponent(wave.id)}`}>{t({ vi: 'Điểm phục vụ và ki-ốt', en: 'Service points and kiosks' })}<span className="visually-hidden"> ({title})</span></Link>}
        {wave.design === 'household' && <Link href={`/admin/sample/${encodeURIComponent(wave.id)}`}>{t({ vi: 'Kế hoạch mẫu và phiếu mời', en: 'Sample plan and invitations' })}<span className="visually-hidden"> ({title})</span></Link>}
        <Link href={`/admin/fieldwork/${encodeURIComponent(wave.id)}`}>{t({ vi: 'Theo dõi thực địa', en: 'Fieldwork monitor' })}<span className="visually-hidden"> ({title})</span></Link>
        <Link href={`/admin/weights/${encodeURIComponent(wave.id)}`}>{t({ vi: 'Tổng biên và trọng số', en: 'Margins and weights' })}<span className="visually-hidden"> ({title})</span></Link>
      </nav>
      <form className="form-grid" onSubmit={save}>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t({ vi: 'Trạng thái', en: 'Status' })}</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            {(Object.keys(STATUS_LABELS) as Status[]).map((s) => <option key={s} value={s}>{t(STATUS_LABELS[s])}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-vi`}>{t({ vi: 'Tên tiếng Việt', en: 'Vietnamese title' })}</label>
          <input id={`${id}-vi`} value={titleVi} onChange={(e) => setTitleVi(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={`${id}-en`}>{t({ vi: 'Tên tiếng Anh', en: 'English title' })}</label>
          <input id={`${id}-en`} value={titleEn} onChange={(e) => setTitleEn(e.target.value)} required />
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>{t({ vi: 'Lưu', en: 'Save' })}<span className="visually-hidden"> {title}</span></button>
        </div>
      </form>
      <h3>{t({ vi: 'Các lần ước lượng', en: 'Estimation runs' })}</h3>
      {wave.runs.length === 0 ? <p>{t({ vi: 'Chưa có lần ước lượng nào.', en: 'No estimation run yet.' })}</p> : (
        <ul>
          {wave.runs.map((r) => (
            <li key={r.id}>
              <Link href={`/admin/runs/${r.id}`}>{dateTime(r.finishedAt, lang)}</Link> · {t(GEOGRAPHY_LABELS[r.geography])} · {r.schemes.map((s) => t(SCHEME_LABELS[s])).join('; ')} · {integer(r.respondentCount, lang)} {t({ vi: 'người', en: 'respondents' })}
              {' · '}{r.status === 'succeeded' ? t({ vi: 'thành công', en: 'succeeded' }) : `${t({ vi: 'thất bại', en: 'failed' })}: ${r.error ?? ''}`}
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        {geographies.map((g) => (
          <button key={g} type="button" className="button secondary" disabled={busy}
            onClick={() => void act(() => api.post(`/api/waves/${encodeURIComponent(wave.id)}/runs`, { geography: g }), t({ vi: `Đã ước lượng đợt ${wave.titleVi} theo ${GEOGRAPHY_LABELS[g].vi}.`, en: `Estimated wave ${wave.titleEn} on the ${GEOGRAPHY_LABELS[g].en}.` }))}>
            {g === 'vn-63' ? t({ vi: 'Ước lượng theo 63 tỉnh', en: 'Estimate on the 63 provinces' }) : t({ vi: 'Ước lượng theo 34 đơn vị', en: 'Estimate on the 34 units' })}
            <span className="visually-hidden"> ({title})</span>
          </button>
        ))}
      </div>
      {busy && <p role="status">{t({ vi: 'Đang xử lý… (ước lượng có thể mất vài phút)', en: 'Working… (estimation may take a few minutes)' })}</p>}
      <FormProblem error={error} />
    </article>
  );
}

function NewWaveForm({ onCreated }: { onCreated(message: string): void }) {
  const { t } = useLang();
  const versions = useApi<{ versions: Version[] }>('/api/dashboard/survey-versions');
  const year = new Date().getFullYear();
  const [form, setForm] = useState({ id: `sipas-${year}`, surveyVersion: '', year: String(year), geography: 'vn-34', titleVi: `Khảo sát SIPAS ${year}`, titleEn: `SIPAS survey ${year}`, design: 'household' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/waves', { ...form, surveyVersion: Number(form.surveyVersion), year: Number(form.year) });
      onCreated(t({ vi: `Đã tạo đợt ${form.titleVi} (nháp, mã ${form.id}).`, en: `Created wave ${form.titleEn} (draft, id ${form.id}).` }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form-grid" onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor="new-wave-id">{t({ vi: 'Mã đợt', en: 'Wave id' })}</label>
        <input id="new-wave-id" value={form.id} onChange={set('id')} required aria-describedby="new-wave-id-hint" />
        <small id="new-wave-id-hint">{t({ vi: 'Chữ thường, số và dấu gạch ngang', en: 'Lower-case letters, digits and dashes' })}</small>
      </div>
      <div className="field">
        <label htmlFor="new-wave-version">{t({ vi: 'Phiên bản phiếu hỏi', en: 'Questionnaire version' })}</label>
        <select id="new-wave-version" value={form.surveyVersion} onChange={set('surveyVersion')} required>
          <option value="">{t({ vi: '— Chọn —', en: '— Choose —' })}</option>
          {versions.status === 'ok' && versions.data.versions.map((v) => (
            <option key={v.id} value={v.id}>{t({ vi: v.titleVi, en: v.titleEn })} — {v.survey} v{v.version}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="new-wave-year">{t({ vi: 'Năm', en: 'Year' })}</label>
        <input id="new-wave-year" type="number" min={2000} max={2100} value={form.year} onChange={set('year')} required />
      </div>
      <div className="field">
        <label htmlFor="new-wave-geography">{t({ vi: 'Đơn vị hành chính', en: 'Geography' })}</label>
        <select id="new-wave-geography" value={form.geography} onChange={set('geography')}>
          <option value="vn-34">{t(GEOGRAPHY_LABELS['vn-34'])}</option>
          <option value="vn-63">{t(GEOGRAPHY_LABELS['vn-63'])}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="new-wave-vi">{t({ vi: 'Tên tiếng Việt', en: 'Vietnamese title' })}</label>
        <input id="new-wave-vi" value={form.titleVi} onChange={set('titleVi')} required />
      </div>
      <div className="field">
        <label htmlFor="new-wave-en">{t({ vi: 'Tên tiếng Anh', en: 'English title' })}</label>
        <input id="new-wave-en" value={form.titleEn} onChange={set('titleEn')} required />
      </div>
      <div className="field">
        <label htmlFor="new-wave-design">{t({ vi: 'Thiết kế mẫu', en: 'Design' })}</label>
        <select id="new-wave-design" value={form.design} onChange={set('design')}>
          {DESIGNS.map((d) => <option key={d.value} value={d.value}>{t(d.label)}</option>)}
        </select>
      </div>
      <FormProblem error={error} />
      <div className="actions"><button type="submit" className="button" disabled={busy}>{t({ vi: 'Tạo đợt khảo sát', en: 'Create wave' })}</button></div>
    </form>
  );
}

/** `/admin/waves`: every wave (draft and closed too) with its runs; create, open, close, rename, estimate. */
export function WaveAdminPage() {
  const { t } = useLang();
  const waves = useApi<{ waves: OfficialWave[] }>('/api/dashboard/waves');
  const [message, setMessage] = useState<string | null>(null);
  const changed = (m: string) => {
    setMessage(m);
    waves.reload();
  };
  return (
    <section>
      <h1>{t({ vi: 'Đợt khảo sát', en: 'Survey waves' })}</h1>
      {message && <p className="notice success" role="status">{message}</p>}
      <section className="panel" aria-labelledby="new-wave-title">
        <h2 id="new-wave-title">{t({ vi: 'Tạo đợt khảo sát mới', en: 'New survey wave' })}</h2>
        <NewWaveForm onCreated={changed} />
      </section>
      {waves.status === 'loading' && <p aria-busy="true">{t({ vi: 'Đang tải…', en: 'Loading…' })}</p>}
      {waves.status === 'error' && <p className="notice error" role="alert">{t({ vi: 'Không tải được danh sách đợt khảo sát.', en: 'Could not load the waves.' })}</p>}
      {waves.status === 'ok' && waves.data.waves.map((w) => <WaveRow key={`${w.id}:${w.status}:${w.titleVi}:${w.runs.length}`} wave={w} onChanged={changed} />)}
    </section>
  );
}
