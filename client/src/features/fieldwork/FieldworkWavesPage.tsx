import { Link } from '../../components/Link';
import { ProblemNotice } from '../../components/ProblemNotice';
import { integer } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';

interface WaveItem { id: string; titleVi: string; titleEn: string; year: number; design: string; status: string; responseCount: number }

const STATUS = { draft: { vi: 'nháp', en: 'draft' }, open: { vi: 'đang mở', en: 'open' }, closed: { vi: 'đã đóng', en: 'closed' } } as const;

/** `/admin/fieldwork`: the waves whose fieldwork an official can follow, newest first. */
export function FieldworkWavesPage() {
  const { t, lang } = useLang();
  const waves = useApi<{ waves: WaveItem[] }>('/api/dashboard/waves');
  return (
    <article className="admin-page">
      <h1>{t({ vi: 'Theo dõi thực địa', en: 'Fieldwork monitor' })}</h1>
      {waves.status === 'loading' && <p aria-busy="true">{t({ vi: 'Đang tải các đợt khảo sát…', en: 'Loading survey waves…' })}</p>}
      {waves.status === 'error' && <ProblemNotice error={waves.error} />}
      {waves.status === 'ok' && (waves.data.waves.length === 0
        ? <p className="notice">{t({ vi: 'Chưa có đợt khảo sát nào.', en: 'No survey wave yet.' })}</p>
        : (
          <ul className="entry-list">
            {waves.data.waves.map((w) => (
              <li key={w.id}>
                <Link className="entry" href={`/admin/fieldwork/${encodeURIComponent(w.id)}`}>
                  <strong>{t({ vi: w.titleVi, en: w.titleEn })}</strong>
                  <span>{w.year} · {t(STATUS[w.status as keyof typeof STATUS] ?? { vi: w.status, en: w.status })} · {integer(w.responseCount, lang)} {t({ vi: 'phiếu', en: 'responses' })}</span>
                </Link>
              </li>
            ))}
          </ul>
        ))}
    </article>
  );
}
