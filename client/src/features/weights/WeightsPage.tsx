import { CsvUpload } from '../../components/CsvUpload';
import { Link } from '../../components/Link';
import { ProblemNotice } from '../../components/ProblemNotice';
import { TableScroll } from '../../components/TableScroll';
import { decimal, integer } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useUser } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { useWaveTitle } from '../../lib/use-wave-title';
import type { WeightDiagnostics, WeightSummary } from './types';

function SummaryCells({ s }: { s: WeightSummary | null }) {
  const { lang } = useLang();
  if (!s) return <><td className="num">—</td><td className="num">—</td><td className="num">—</td><td className="num">—</td></>;
  return (
    <>
      <td className="num">{decimal(s.min, lang, 1)}</td>
      <td className="num">{decimal(s.max, lang, 1)}</td>
      <td className="num">{decimal(s.cv, lang, 3)}</td>
      <td className="num">{decimal(s.kishNeff, lang, 1)}</td>
    </>
  );
}

/** `/admin/weights/:wave`: population margins, transaction counts and weight diagnostics. */
export function WeightsPage({ wave }: { wave: string }) {
  const { t, lang } = useLang();
  const user = useUser();
  const staff = user.role !== 'province_official';
  const enc = encodeURIComponent(wave);
  const diagnostics = useApi<WeightDiagnostics>(`/api/waves/${enc}/weights/diagnostics`);
  const title = useWaveTitle(wave);
  return (
    <article className="admin-page">
      <h1>{t({ vi: 'Tổng biên và trọng số', en: 'Margins and weights' })}: {t(title)}</h1>
      <nav className="subnav" aria-label={t({ vi: 'Trang của đợt khảo sát', en: 'Pages of this wave' })}>
        <Link href={`/admin/sample/${enc}`}>{t({ vi: 'Kế hoạch mẫu', en: 'Sample plan' })}</Link>
        <Link href={`/admin/fieldwork/${enc}`}>{t({ vi: 'Theo dõi thực địa', en: 'Fieldwork monitor' })}</Link>
      </nav>
      {staff && (
        <section aria-labelledby="margins-heading">
          <h2 id="margins-heading">{t({ vi: 'Tổng biên dân số', en: 'Population margins' })}</h2>
          <CsvUpload<{ rows: number; provinces: number }>
            url={`/api/waves/${enc}/margins`}
            label={{ vi: 'Tệp tổng biên (CSV)', en: 'Margins file (CSV)' }}
            help={<>{t({ vi: 'Các cột:', en: 'Columns:' })} <code>margin, province_code, level, total</code> — {t({ vi: 'margin là sex (F, M) hoặc age_group (18-29 … 60+).', en: 'margin is sex (F, M) or age_group (18-29 … 60+).' })}</>}
            submitLabel={{ vi: 'Tải lên tổng biên', en: 'Upload margins' }}
            onUploaded={() => diagnostics.reload()}
          />
          {diagnostics.status === 'ok' && diagnostics.data.design === 'service_point' && user.role === 'national_admin' && (
            <CsvUpload<{ periods: number; weighted: number; unweighted: number }>
              url={`/api/waves/${enc}/transactions`}
              label={{ vi: 'Số giao dịch của các điểm phục vụ (CSV)', en: 'Service points’ transactions (CSV)' }}
              help={<>{t({ vi: 'Các cột:', en: 'Columns:' })} <code>service_point_code, period_start, period_end, transactions</code></>}
              submitLabel={{ vi: 'Tải lên số giao dịch', en: 'Upload transactions' }}
              onUploaded={() => diagnostics.reload()}
            />
          )}
        </section>
      )}
      <section aria-labelledby="diagnostics-heading">
        <h2 id="diagnostics-heading">{t({ vi: 'Chẩn đoán trọng số', en: 'Weight diagnostics' })}</h2>
        {diagnostics.status === 'loading' && <p aria-busy="true">{t({ vi: 'Đang tính…', en: 'Computing…' })}</p>}
        {diagnostics.status === 'error' && <ProblemNotice error={diagnostics.error} />}
        {diagnostics.status === 'ok' && <Diagnostics d={diagnostics.data} lang={lang} />}
      </section>
    </article>
  );
}

function Diagnostics({ d, lang }: { d: WeightDiagnostics; lang: 'vi' | 'en' }) {
  const { t } = useLang();
  if (d.respondents === 0) return <p className="notice">{t({ vi: 'Chưa có phiếu trả lời hợp lệ nào.', en: 'No complete responses yet.' })}</p>;
  return (
    <>
      {d.marginRows === 0 && <p className="notice">{t({ vi: 'Chưa có tổng biên: chỉ có trọng số thiết kế.', en: 'No margins yet: design weights only.' })}</p>}
      {d.rakingError && <p className="notice error">{t({ vi: `Không hiệu chỉnh được: ${d.rakingError.vi}`, en: `Raking failed: ${d.rakingError.en}` })}</p>}
      {d.collapsed.length > 0 && (
        <div className="notice">
          <p>{t({ vi: 'Các ô trống đã được gộp trước khi hiệu chỉnh:', en: 'Empty cells collapsed before raking:' })}</p>
          <ul>{d.collapsed.map((c) => <li key={`${c.province}-${c.variable}-${c.level}`}>{t({ vi: c.vi, en: c.en })}</li>)}</ul>
        </div>
      )}
      <TableScroll label={t({ vi: 'Trọng số theo tỉnh', en: 'Weights by province' })}>
        <table>
          <caption>{t({ vi: 'Trọng số theo tỉnh: nhỏ nhất, lớn nhất, hệ số biến thiên (CV) và cỡ mẫu hiệu dụng Kish', en: 'Weights by province: min, max, coefficient of variation (CV) and Kish effective n' })}</caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>{t({ vi: 'Tỉnh', en: 'Province' })}</th>
              <th scope="col" rowSpan={2} className="num">n</th>
              <th scope="colgroup" colSpan={4}>{t({ vi: 'Trọng số thiết kế', en: 'Design weights' })}</th>
              <th scope="colgroup" colSpan={4}>{t({ vi: 'Sau hiệu chỉnh', en: 'Raked' })}</th>
            </tr>
            <tr>
              {[0, 1].map((k) => ['min', 'max', 'CV', 'n_eff'].map((h) => <th key={`${k}${h}`} scope="col" className="num">{h}</th>))}
            </tr>
          </thead>
          <tbody>
            {d.provinces.map((p) => (
              <tr key={p.province}>
                <th scope="row">{p.nameVi}{p.withoutDesignWeight > 0 && <span className="muted"> ({t({ vi: `${p.withoutDesignWeight} phiếu không có trọng số thiết kế`, en: `${p.withoutDesignWeight} without design weight` })})</span>}</th>
                <td className="num">{integer(p.base.n, lang)}</td>
                <SummaryCells s={p.base} />
                <SummaryCells s={p.raked} />
              </tr>
            ))}
            {d.national && (
              <tr>
                <th scope="row">{t({ vi: 'Toàn quốc', en: 'National' })}</th>
                <td className="num">{integer(d.national.base.n, lang)}</td>
                <SummaryCells s={d.national.base} />
                <SummaryCells s={d.national.raked} />
              </tr>
            )}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
