import { useState, type FormEvent } from 'react';
import { Link } from '../../components/Link';
import { ProblemNotice } from '../../components/ProblemNotice';
import { TableScroll } from '../../components/TableScroll';
import { integer, percent } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { navigate, queryParams } from '../../lib/navigate';
import { useUser } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { FlaggedResponses } from './FlaggedResponses';
import { ProgressTable } from './ProgressTable';
import type { PaperCounts } from '../paper/types';
import type { FieldworkReport, QualityPolicy } from './types';

const POLICY_KEYS = ['speederShare', 'straightLineMinItems', 'burstSize', 'burstWindowMinutes'] as const;

function PolicyForm({ policy, onApply }: { policy: QualityPolicy; onApply(p: Record<string, string>): void }) {
  const { t } = useLang();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(POLICY_KEYS.map((k) => [k, String(policy[k])])));
  const field = (key: (typeof POLICY_KEYS)[number], label: { vi: string; en: string }, step: string) => (
    <label>
      <span>{t(label)}</span>
      <input type="number" step={step} min={0} value={values[key]} onChange={(e) => setValues({ ...values, [key]: e.target.value })} />
    </label>
  );
  const submit = (e: FormEvent) => { e.preventDefault(); onApply(values); };
  return (
    <details className="policy">
      <summary>{t({ vi: 'Ngưỡng cảnh báo chất lượng', en: 'Quality thresholds' })}</summary>
      <form className="form-grid" onSubmit={submit}>
        {field('speederShare', { vi: 'Quá nhanh: dưới tỷ lệ này của thời gian trung vị', en: 'Speeder: under this share of the median time' }, '0.05')}
        {field('straightLineMinItems', { vi: 'Chọn một đáp án: từ số câu đánh giá', en: 'Straight-lining: from this many ratings' }, '1')}
        {field('burstSize', { vi: 'Dồn dập: số phiếu từ một thiết bị', en: 'Burst: responses from one device' }, '1')}
        {field('burstWindowMinutes', { vi: 'trong số phút', en: 'within minutes' }, '0.5')}
        <button type="submit" className="button">{t({ vi: 'Áp dụng', en: 'Apply' })}</button>
      </form>
    </details>
  );
}

/** The paper channel's forms per commune: printed, returned, read (scanned or keyed), in verification, stored. */
function PaperTable({ wave, communes }: { wave: string; communes: PaperCounts[] }) {
  const { t, lang } = useLang();
  const sum = (k: 'printed' | 'returned' | 'read' | 'verification' | 'stored') => communes.reduce((a, c) => a + c[k], 0);
  const cells = (c: Pick<PaperCounts, 'printed' | 'returned' | 'read' | 'verification' | 'stored'>) => (['printed', 'returned', 'read', 'verification', 'stored'] as const)
    .map((k) => <td key={k} className="num">{integer(c[k], lang)}</td>);
  return (
    <section aria-labelledby="paper-heading">
      <h2 id="paper-heading">{t({ vi: 'Phiếu giấy theo xã', en: 'Paper forms by commune' })}</h2>
      <TableScroll label={t({ vi: 'Phiếu giấy theo xã', en: 'Paper forms by commune' })}><table data-testid="paper-counts">
        <thead><tr>
          <th scope="col">{t({ vi: 'Xã/phường', en: 'Commune' })}</th><th scope="col">{t({ vi: 'Đã in', en: 'Printed' })}</th>
          <th scope="col">{t({ vi: 'Đã nhận', en: 'Returned' })}</th><th scope="col">{t({ vi: 'Đã đọc', en: 'Read' })}</th>
          <th scope="col">{t({ vi: 'Chờ kiểm tra', en: 'In verification' })}</th><th scope="col">{t({ vi: 'Đã lưu', en: 'Stored' })}</th>
        </tr></thead>
        <tbody>{communes.map((c) => (
          <tr key={c.commune ?? 'blank'}><th scope="row">{c.name ?? c.commune ?? t({ vi: 'Phiếu trắng (chưa rõ xã)', en: 'Blank forms (no commune)' })}</th>{cells(c)}</tr>
        ))}</tbody>
        <tfoot><tr><th scope="row">{t({ vi: 'Tổng', en: 'Total' })}</th>{cells({ printed: sum('printed'), returned: sum('returned'), read: sum('read'), verification: sum('verification'), stored: sum('stored') })}</tr></tfoot>
      </table></TableScroll>
      <p><Link href={`/admin/paper/${encodeURIComponent(wave)}`}>{t({ vi: 'In, tải bản quét, nhập tay và kiểm tra phiếu giấy', en: 'Print, upload scans, key and verify paper forms' })}</Link></p>
    </section>
  );
}

/** `/admin/fieldwork/:wave`: responses against targets and the quality flags, for officials in their scope. */
export function FieldworkPage({ wave }: { wave: string }) {
  const { t, lang } = useLang();
  const user = useUser();
  const query = queryParams();
  const policyQuery = new URLSearchParams(POLICY_KEYS.flatMap((k) => (query.get(k) ? [[k, query.get(k)!]] : [])));
  const report = useApi<FieldworkReport>(`/api/waves/${encodeURIComponent(wave)}/fieldwork${policyQuery.size ? `?${policyQuery}` : ''}`);
  if (report.status === 'loading') return <p aria-busy="true">{t({ vi: 'Đang tải tiến độ thực địa…', en: 'Loading fieldwork progress…' })}</p>;
  if (report.status === 'error') return <ProblemNotice error={report.error} />;
  const r = report.data;
  const enc = encodeURIComponent(wave);
  return (
    <article className="admin-page">
      <h1>{t({ vi: 'Theo dõi thực địa', en: 'Fieldwork monitor' })}: {t({ vi: r.wave.titleVi, en: r.wave.titleEn })}</h1>
      <nav className="subnav" aria-label={t({ vi: 'Trang của đợt khảo sát', en: 'Pages of this wave' })}>
        {r.unitKind === 'commune' && <Link href={`/admin/sample/${enc}`}>{t({ vi: 'Kế hoạch mẫu', en: 'Sample plan' })}</Link>}
        {r.unitKind === 'commune' && <Link href={`/admin/paper/${enc}`}>{t({ vi: 'Phiếu giấy', en: 'Paper forms' })}</Link>}
        <Link href={`/admin/weights/${enc}`}>{t({ vi: 'Tổng biên và trọng số', en: 'Margins and weights' })}</Link>
        <button type="button" className="button small secondary" onClick={() => report.reload()}>{t({ vi: 'Cập nhật', en: 'Refresh' })}</button>
      </nav>
      <p className="lead" role="status">
        {t({
          vi: `Đã nhận ${integer(r.totals.received, lang)} phiếu${r.totals.target ? ` / chỉ tiêu ${integer(r.totals.target, lang)} (${percent(r.totals.received / r.totals.target, lang, 0)})` : ''}; ${integer(r.totals.excluded, lang)} phiếu đã loại.`,
          en: `${integer(r.totals.received, lang)} responses received${r.totals.target ? ` of a target of ${integer(r.totals.target, lang)} (${percent(r.totals.received / r.totals.target, lang, 0)})` : ''}; ${integer(r.totals.excluded, lang)} excluded.`,
        })}
      </p>
      {r.totals.notSampled > 0 && (
        <p className="notice" data-testid="not-sampled">
          {t({
            vi: `${integer(r.totals.notSampled, lang)} phiếu gửi qua đường dẫn mở, không có mã mời: được lưu giữ nhưng không thuộc mẫu, nên không được tính vào số liệu chính thức, xếp hạng, báo cáo hay dữ liệu mở (chỉ có thể ước lượng riêng, là mẫu phi xác suất).`,
            en: `${integer(r.totals.notSampled, lang)} responses came through the open link without an invitation code: kept, but not in the sample, so outside the official figures, rankings, reports and open data (they can only be estimated separately, as non-probability figures).`,
          })}
        </p>
      )}
      <PolicyForm policy={r.policy} onApply={(values) => navigate(`/admin/fieldwork/${enc}?${new URLSearchParams(values)}`, { replace: true })} />
      {r.provinces.length === 0
        ? <p className="notice">{t({ vi: 'Chưa có phiếu trả lời hay chỉ tiêu nào trong phạm vi của bạn.', en: 'No responses or targets in your scope yet.' })}</p>
        : <ProgressTable wave={wave} provinces={r.provinces} unitKind={r.unitKind} />}
      {r.paper.length > 0 && <PaperTable wave={wave} communes={r.paper} />}
      <section aria-labelledby="flagged-heading">
        <h2 id="flagged-heading">{t({ vi: 'Phiếu cần xem lại', en: 'Responses to review' })}</h2>
        <FlaggedResponses wave={wave} provinces={r.provinces} flagged={r.flagged} total={r.flaggedCount} canExclude={user.role !== 'province_official'} onChanged={() => report.reload()} />
      </section>
    </article>
  );
}
