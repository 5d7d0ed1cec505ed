import { Link } from '../../components/Link';
import { ProblemNotice } from '../../components/ProblemNotice';
import { SyntheticNotice } from '../../components/SyntheticNotice';
import { dateTime, integer } from '../../lib/format';
import { useLang, type Text } from '../../lib/i18n';
import { useUser } from '../../lib/session';
import { useApi, type Loaded } from '../../lib/use-api';
import { GEOGRAPHY_LABELS } from '../dashboard/labels';
import type { OfficialWave } from '../dashboard/types';
import type { RunDetail } from '../runs/types';
import type { SamplePlanView } from '../sample-plan/types';
import type { KioskDevice } from '../service-points/types';

type State = 'done' | 'todo' | 'partial' | 'n/a' | 'unknown';

interface Step { key: string; title: Text; state: State; detail: Text; href: string; linkText: Text }

const STATE_TEXT: Record<State, Text> = {
  done: { vi: 'Xong', en: 'Done' },
  partial: { vi: 'Đang làm', en: 'In progress' },
  todo: { vi: 'Chưa làm', en: 'To do' },
  'n/a': { vi: 'Không áp dụng', en: 'Not applicable' },
  unknown: { vi: 'Không xem được', en: 'Not available' },
};
const MARK: Record<State, string> = { done: '✓', partial: '◐', todo: '○', 'n/a': '–', unknown: '?' };

const ok = <T,>(l: Loaded<T>): T | null => (l.status === 'ok' ? l.data : null);

/**
 * `/admin/waves/:wave`: where a wave stands, step by step from questionnaire to publication, each step
 * linking to the page where it is done.
 */
export function WaveLifePage({ wave }: { wave: string }) {
  const { t, lang } = useLang();
  const user = useUser();
  const enc = encodeURIComponent(wave);
  const waves = useApi<{ waves: OfficialWave[] }>('/api/dashboard/waves');
  const info = ok(waves)?.waves.find((w) => w.id === wave);
  const household = info?.design === 'household';
  const kioskDesign = info?.design === 'service_point';
  const sample = useApi<SamplePlanView>(info && household ? `/api/waves/${enc}/sample` : null);
  const devices = useApi<{ devices: KioskDevice[] }>(info && kioskDesign && user.role !== 'analyst' ? '/api/kiosk-devices' : null);
  const margins = useApi<{ margins: unknown[] }>(info && user.role !== 'province_official' ? `/api/waves/${enc}/margins` : null);
  const runs = useApi<{ runs: RunDetail[] }>(info ? `/api/waves/${enc}/runs` : null);

  if (waves.status === 'loading') return <p aria-busy="true">{t({ vi: 'Đang tải…', en: 'Loading…' })}</p>;
  if (waves.status === 'error') return <ProblemNotice error={waves.error} />;
  if (!info) return <p className="notice error" role="alert">{t({ vi: `Không có đợt khảo sát “${wave}”.`, en: `No survey wave “${wave}”.` })}</p>;

  const plan = ok(sample)?.plan ?? null;
  const communes = ok(sample)?.communes ?? [];
  const target = communes.reduce((s, c) => s + c.target, 0);
  const printed = communes.filter((c) => c.invitations.issued > 0).length;
  const live = (ok(devices)?.devices ?? []).filter((d) => d.status === 'active' && (d.wave === null || d.wave === wave));
  const marginCount = ok(margins)?.margins.length ?? null;
  const succeeded = (ok(runs)?.runs ?? []).filter((r) => r.status === 'succeeded');
  const latest = succeeded.reduce<RunDetail | null>((a, r) => (!a || r.finishedAt > a.finishedAt ? r : a), null);
  const published = succeeded.find((r) => r.publishedAt);

  const steps: Step[] = [
    {
      key: 'questionnaire', title: { vi: 'Phiếu hỏi', en: 'Questionnaire' }, state: 'done',
      detail: { vi: `Phiếu hỏi số ${info.questionnaireVersion}; đợt đang ở trạng thái ${info.status === 'open' ? 'mở' : info.status === 'draft' ? 'nháp' : 'đã đóng'}.`, en: `Questionnaire version ${info.questionnaireVersion}; the wave is ${info.status}.` },
      href: '/admin/waves', linkText: { vi: 'Sửa đợt khảo sát', en: 'Edit the wave' },
    },
    {
      key: 'geography', title: { vi: 'Địa giới hành chính', en: 'Geography' }, state: 'done',
      detail: GEOGRAPHY_LABELS[info.geography],
      href: `/admin/service-points/${enc}`, linkText: { vi: 'Điểm phục vụ của địa giới này', en: 'Service points of this geography' },
    },
    {
      key: 'sample', title: { vi: 'Kế hoạch mẫu', en: 'Sample plan' },
      state: !household ? 'n/a' : sample.status === 'error' ? 'unknown' : plan?.drawnAt ? 'done' : plan ? 'partial' : 'todo',
      detail: !household ? { vi: 'Đợt này không chọn mẫu hộ gia đình.', en: 'This wave draws no household sample.' }
        : plan?.drawnAt ? { vi: `Đã chọn ${communes.length} xã từ khung ${integer(plan.frameUnits, lang)} xã.`, en: `${communes.length} communes drawn from a frame of ${integer(plan.frameUnits, lang)}.` }
          : plan ? { vi: `Đã tải khung mẫu ${integer(plan.frameUnits, lang)} xã; chưa chọn mẫu.`, en: `Frame of ${integer(plan.frameUnits, lang)} communes uploaded; not drawn yet.` }
            : { vi: 'Chưa tải khung mẫu.', en: 'No frame uploaded yet.' },
      href: `/admin/sample/${enc}`, linkText: { vi: 'Kế hoạch mẫu', en: 'Sample plan' },
    },
    {
      key: 'invitations', title: { vi: 'In phiếu mời', en: 'Invitations printed' },
      state: !household ? 'n/a' : !plan?.drawnAt ? 'todo' : printed === communes.length && printed > 0 ? 'done' : printed > 0 ? 'partial' : 'todo',
      detail: !household ? { vi: 'Đợt này không dùng phiếu mời.', en: 'This wave uses no invitations.' }
        : { vi: `Đã in phiếu mời cho ${printed} / ${communes.length} xã được chọn.`, en: `Invitations printed for ${printed} of ${communes.length} selected communes.` },
      href: `/admin/sample/${enc}`, linkText: { vi: 'In phiếu mời', en: 'Print invitations' },
    },
    {
      key: 'kiosks', title: { vi: 'Ki-ốt', en: 'Kiosks enrolled' },
      state: !kioskDesign ? 'n/a' : devices.status !== 'ok' ? 'unknown' : live.length > 0 ? 'done' : 'todo',
      detail: !kioskDesign ? { vi: 'Đợt này không thu phiếu tại điểm phục vụ.', en: 'This wave does not collect at service points.' }
        : { vi: `${live.length} ki-ốt đang hoạt động cho đợt này.`, en: `${live.length} active kiosks for this wave.` },
      href: `/admin/service-points/${enc}`, linkText: { vi: 'Điểm phục vụ và ki-ốt', en: 'Service points and kiosks' },
    },
    {
      key: 'fieldwork', title: { vi: 'Tiến độ thực địa', en: 'Fieldwork progress' },
      state: info.responseCount === 0 ? 'todo' : target > 0 && info.responseCount < target ? 'partial' : 'done',
      detail: target > 0
        ? { vi: `Đã nhận ${integer(info.responseCount, lang)} / chỉ tiêu ${integer(target, lang)} phiếu.`, en: `${integer(info.responseCount, lang)} of ${integer(target, lang)} target responses received.` }
        : { vi: `Đã nhận ${integer(info.responseCount, lang)} phiếu.`, en: `${integer(info.responseCount, lang)} responses received.` },
      href: `/admin/fieldwork/${enc}`, linkText: { vi: 'Theo dõi thực địa', en: 'Fieldwork monitor' },
    },
    {
      key: 'margins', title: { vi: 'Tổng biên dân số', en: 'Population margins' },
      state: marginCount === null ? 'unknown' : marginCount > 0 ? 'done' : 'todo',
      detail: marginCount === null ? { vi: 'Chỉ quản trị viên và chuyên viên phân tích xem được.', en: 'Administrators and analysts only.' }
        : marginCount > 0 ? { vi: `Đã tải ${integer(marginCount, lang)} dòng tổng biên.`, en: `${integer(marginCount, lang)} margin rows uploaded.` }
          : { vi: 'Chưa tải tổng biên.', en: 'No margins uploaded yet.' },
      href: `/admin/weights/${enc}`, linkText: { vi: 'Tổng biên và trọng số', en: 'Margins and weights' },
    },
    {
      key: 'run', title: { vi: 'Lần ước lượng gần nhất', en: 'Latest estimation run' },
      state: runs.status === 'error' ? 'unknown' : latest ? 'done' : 'todo',
      detail: latest ? { vi: `${dateTime(latest.finishedAt, lang)} · ${integer(latest.respondentCount, lang)} người trả lời.`, en: `${dateTime(latest.finishedAt, lang)} · ${integer(latest.respondentCount, lang)} respondents.` }
        : { vi: 'Chưa có lần ước lượng thành công.', en: 'No successful run yet.' },
      href: latest ? `/admin/runs/${latest.id}` : '/admin/waves', linkText: latest ? { vi: 'Báo cáo và tệp xuất', en: 'Report and exports' } : { vi: 'Chạy ước lượng', en: 'Run the estimation' },
    },
    {
      key: 'published', title: { vi: 'Công bố dữ liệu mở', en: 'Published' },
      state: runs.status === 'error' ? 'unknown' : published ? 'done' : 'todo',
      detail: published ? { vi: `Đã công bố lúc ${dateTime(published.publishedAt!, lang)}.`, en: `Published ${dateTime(published.publishedAt!, lang)}.` }
        : { vi: 'Chưa công bố.', en: 'Not published.' },
      href: (published ?? latest) ? `/admin/runs/${(published ?? latest)!.id}` : '/admin/waves',
      linkText: published ? { vi: 'Xem lần đã công bố', en: 'See the published run' } : { vi: 'Xem trước và công bố', en: 'Preview and publish' },
    },
  ];

  return (
    <article className="admin-page">
      <h1>{t({ vi: info.titleVi, en: info.titleEn })}</h1>
      {info.isSynthetic && <SyntheticNotice />}
      <p className="muted">{t({ vi: 'Các bước của đợt khảo sát, từ phiếu hỏi đến công bố.', en: 'The wave\'s steps, from questionnaire to publication.' })}</p>
      <ol className="checklist">
        {steps.map((s) => (
          <li key={s.key} className={`step ${s.state}`} data-step={s.key} data-state={s.state}>
            <span className="mark" aria-hidden="true">{MARK[s.state]}</span>
            <div>
              <h2>{t(s.title)} <span className="state">— {t(STATE_TEXT[s.state])}</span></h2>
              <p>{t(s.detail)}</p>
              <Link href={s.href}>{t(s.linkText)}<span className="visually-hidden"> ({t(s.title)})</span></Link>
            </div>
          </li>
        ))}
      </ol>
    </article>
  );
}
