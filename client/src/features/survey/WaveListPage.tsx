import { useEffect, useState } from 'react';
import { api } from '../../lib/api';
import { useLang } from '../../lib/i18n';
import type { WaveInfo } from './types';

/**
 * `/s/`: the open waves a citizen can answer; `/kiosk/`: only those a kiosk can collect (a questionnaire
 * asking for the service point), opened in kiosk mode.
 */
export function WaveListPage({ mode }: { mode: 'survey' | 'kiosk' }) {
  const { t } = useLang();
  const [waves, setWaves] = useState<WaveInfo[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    api.get<{ waves: WaveInfo[] }>('/api/waves').then((r) => setWaves(mode === 'kiosk' ? r.waves.filter((w) => w.kiosk) : r.waves), () => setFailed(true));
  }, [mode]);

  if (failed) return <p className="notice error">{t({ vi: 'Không tải được danh sách đợt khảo sát. Vui lòng thử lại.', en: 'Could not load the survey waves. Please try again.' })}</p>;
  if (!waves) return <p aria-busy="true">{t({ vi: 'Đang tải…', en: 'Loading…' })}</p>;
  return (
    <section>
      <h1>{mode === 'kiosk'
        ? t({ vi: 'Chọn đợt khảo sát cho ki-ốt', en: 'Choose the survey wave for this kiosk' })
        : t({ vi: 'Các đợt khảo sát đang mở', en: 'Open survey waves' })}</h1>
      {mode === 'kiosk' && (
        <p className="notice">{t({
          vi: 'Ki-ốt chỉ nhận phiếu sau khi cán bộ đăng ký thiết bị cho một điểm phục vụ (mã đăng ký do khu vực cán bộ cấp).',
          en: 'A kiosk takes answers only once an official has enrolled it at a service point (the enrolment code comes from the officials’ area).',
        })}</p>
      )}
      {waves.length === 0 && mode === 'kiosk' ? (
        <p className="notice">{t({
          vi: 'Hiện không có đợt khảo sát nào dùng được trên ki-ốt: chưa đợt nào đang mở có phiếu hỏi tại điểm phục vụ. Cán bộ quản trị có thể mở một đợt như vậy trong khu vực cán bộ.',
          en: 'No survey wave can be answered on a kiosk right now: no open wave uses the service-point questionnaire. An administrator can open one in the officials’ area.',
        })}</p>
      ) : waves.length === 0 ? (
        <p className="notice">{t({
          vi: 'Hiện chưa có đợt khảo sát nào đang mở. Cán bộ quản trị có thể mở một đợt trong khu vực cán bộ.',
          en: 'No survey wave is open right now. An administrator can open one in the officials’ area.',
        })}</p>
      ) : (
        <ul className="entry-list">
          {waves.map((w) => (
            <li key={w.id}>
              <a className="entry" href={`/${mode === 'kiosk' ? 'kiosk' : 's'}/${encodeURIComponent(w.id)}`}>
                <strong>{t({ vi: w.titleVi, en: w.titleEn })}</strong>
                <span>{w.year}{w.isSynthetic ? ' · Dữ liệu mô phỏng (synthetic)' : ''}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
