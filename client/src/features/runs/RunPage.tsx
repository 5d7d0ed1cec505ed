import { useMemo } from 'react';
import { Link } from '../../components/Link';
import { ProblemNotice } from '../../components/ProblemNotice';
import { NonProbabilityNotice } from '../../components/NonProbabilityNotice';
import { SyntheticNotice } from '../../components/SyntheticNotice';
import { dateTime, integer } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useUser } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { GEOGRAPHY_LABELS, SCHEME_LABELS } from '../dashboard/labels';
import type { OfficialWave, Unit } from '../dashboard/types';
import { DownloadButton } from './DownloadButton';
import { PublicationPanel } from './PublicationPanel';
import type { RunDetail } from './types';

/** `/admin/runs/:id`: one estimation run — its report and exports, and its publication to open data. */
export function RunPage({ id }: { id: string }) {
  const { t, lang } = useLang();
  const user = useUser();
  const detail = useApi<{ run: RunDetail }>(`/api/runs/${encodeURIComponent(id)}`);
  const run = detail.status === 'ok' ? detail.data.run : null;
  const waves = useApi<{ waves: OfficialWave[] }>(run ? '/api/dashboard/waves' : null);
  const units = useApi<{ units: Unit[] }>(run ? `/api/dashboard/units?geography=${run.geography}` : null);
  const names = useMemo(() => new Map(units.status === 'ok' ? units.data.units.map((u) => [u.code, u.nameVi] as const) : []), [units]);
  if (detail.status === 'loading') return <p aria-busy="true">{t({ vi: 'Đang tải lần ước lượng…', en: 'Loading the run…' })}</p>;
  if (detail.status === 'error') return <ProblemNotice error={detail.error} />;
  const r = detail.data.run;
  const wave = waves.status === 'ok' ? waves.data.waves.find((w) => w.id === r.wave) : undefined;
  const waveTitle = wave ? t({ vi: wave.titleVi, en: wave.titleEn }) : r.wave;
  const base = `/api/runs/${r.id}`;
  const short = r.id.slice(0, 8);
  return (
    <article className="admin-page">
      <h1>{t({ vi: 'Lần ước lượng', en: 'Estimation run' })}: {waveTitle}</h1>
      {wave?.isSynthetic && <SyntheticNotice />}
      {r.nonProbability && <NonProbabilityNotice />}
      {r.notSampled && (
        <p className="notice" role="note" data-testid="not-sampled-run">
          {t({
            vi: 'Lần ước lượng này chỉ dùng các phiếu gửi qua đường dẫn mở, không có mã mời (ngoài mẫu): không bao giờ được công bố, xếp hạng hay lập báo cáo.',
            en: 'This run uses only responses sent through the open link without an invitation code (outside the sample): it is never published, ranked or reported.',
          })}
        </p>
      )}
      <nav className="subnav" aria-label={t({ vi: 'Trang của đợt khảo sát', en: 'Pages of this wave' })}>
        <Link href={`/admin/waves/${encodeURIComponent(r.wave)}`}>{t({ vi: 'Tiến độ đợt khảo sát', en: 'Wave checklist' })}</Link>
        <Link href={`/admin?wave=${encodeURIComponent(r.wave)}&geo=${r.geography}`}>{t({ vi: 'Kết quả trên bảng điều khiển', en: 'Results on the dashboard' })}</Link>
      </nav>
      <dl className="facts">
        <dt>{t({ vi: 'Hoàn thành', en: 'Finished' })}</dt><dd>{dateTime(r.finishedAt, lang)}</dd>
        <dt>{t({ vi: 'Đơn vị hành chính', en: 'Geography' })}</dt><dd>{t(GEOGRAPHY_LABELS[r.geography])}</dd>
        <dt>{t({ vi: 'Số người trả lời', en: 'Respondents' })}</dt><dd>{integer(r.respondentCount, lang)}</dd>
        <dt>{t({ vi: 'Phương pháp', en: 'Methods' })}</dt><dd>{r.schemes.map((s) => t(SCHEME_LABELS[s])).join('; ')}</dd>
        <dt>{t({ vi: 'Kết quả', en: 'Outcome' })}</dt>
        <dd>{r.status === 'succeeded' ? t({ vi: 'thành công', en: 'succeeded' }) : `${t({ vi: 'thất bại', en: 'failed' })}: ${r.error ?? ''}`}</dd>
      </dl>
      {r.status === 'succeeded' && (
        <section aria-labelledby="downloads-heading">
          <h2 id="downloads-heading">{t({ vi: 'Báo cáo và tệp xuất', en: 'Report and exports' })}</h2>
          <ul className="downloads">
            {!r.notSampled && (
              <DownloadButton url={`${base}/report.pdf`} fallbackName={`sipas-${short}-bao-cao.pdf`}
                label={{ vi: 'Tải báo cáo năm (PDF)', en: 'Download the annual report (PDF)' }}
                detail={{ vi: 'Báo cáo đầy đủ với bảng xếp hạng, biểu đồ và phương pháp.', en: 'The full report with rankings, charts and method.' }} />
            )}
            <DownloadButton url={`${base}/estimates.xlsx`} fallbackName={`sipas-${short}-uoc-luong.xlsx`}
              label={{ vi: 'Tải bảng ước lượng (XLSX)', en: 'Download the estimates (XLSX)' }}
              detail={{ vi: 'Bảng tính Excel, mỗi phương pháp một trang.', en: 'An Excel workbook, one sheet per method.' }} />
            <DownloadButton url={`${base}/estimates.csv`} fallbackName={`sipas-${short}-uoc-luong.csv`}
              label={{ vi: 'Tải bảng ước lượng (CSV §6)', en: 'Download the estimates (CSV, §6)' }}
              detail={{ vi: 'Tệp CSV theo định dạng mục 6 của tài liệu phương pháp.', en: 'A CSV in the format of METHOD.md §6.' }} />
            <DownloadButton url={`${base}/microdata.zip`} fallbackName={`sipas-${short}-vi-du-lieu.zip`}
              label={{ vi: 'Tải vi dữ liệu (ZIP)', en: 'Download the microdata (ZIP)' }}
              detail={user.role === 'province_official'
                ? { vi: 'Chỉ người trả lời thuộc tỉnh, thành phố của bạn, với trọng số và sổ mã.', en: 'Only your province\'s respondents, with weights and codebook.' }
                : { vi: 'Mọi người trả lời, với trọng số, sổ mã và mã đọc dữ liệu.', en: 'Every respondent, with weights, codebook and import scripts.' }} />
          </ul>
        </section>
      )}
      {r.status === 'succeeded' && !r.notSampled && user.role === 'national_admin' && <PublicationPanel run={r} names={names} onChanged={() => detail.reload()} />}
      {r.status === 'succeeded' && user.role !== 'national_admin' && (
        <p className="help">{r.publishedAt
          ? t({ vi: `Đã công bố lên dữ liệu mở lúc ${dateTime(r.publishedAt, lang)}.`, en: `Published as open data ${dateTime(r.publishedAt, lang)}.` })
          : t({ vi: 'Chưa công bố. Chỉ quản trị viên quốc gia được công bố dữ liệu mở.', en: 'Not published. Only national administrators publish open data.' })}</p>
      )}
    </article>
  );
}
