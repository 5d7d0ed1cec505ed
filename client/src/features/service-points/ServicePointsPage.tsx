import { useEffect, useRef } from 'react';
import { Link } from '../../components/Link';
import { ProblemNotice } from '../../components/ProblemNotice';
import { useLang } from '../../lib/i18n';
import { useUser } from '../../lib/session';
import { useApi, type Loaded } from '../../lib/use-api';
import { asksQuestion } from '../kiosk/questionnaire-questions';
import type { QuestionnaireBundle } from '../survey/types';
import { NewPointForm } from './NewPointForm';
import { PointCard } from './PointCard';
import type { KioskDevice, ServicePoint } from './types';

/** The last answer while a reload is under way, so forms and shown codes are not unmounted by it. */
function useLastGood<T>(loaded: Loaded<T>): T | null {
  const last = useRef<T | null>(null);
  if (loaded.status === 'ok') last.current = loaded.data;
  return last.current;
}

/** Kiosks report every minute: the list is fetched again as often, without a flicker. */
const REFRESH_MS = 30_000;

/** `/admin/service-points/:wave`: the service points of a wave's geography and their kiosks. */
export function ServicePointsPage({ wave }: { wave: string }) {
  const { t } = useLang();
  const user = useUser();
  const bundle = useApi<QuestionnaireBundle>(`/api/waves/${encodeURIComponent(wave)}/questionnaire`);
  const geography = bundle.status === 'ok' ? bundle.data.wave.geography : null;
  const points = useApi<{ servicePoints: ServicePoint[] }>(geography ? `/api/service-points?geography=${geography}` : null);
  const devices = useApi<{ devices: KioskDevice[] }>(geography && user.role !== 'analyst' ? '/api/kiosk-devices' : null);
  const pointList = useLastGood(points);
  const deviceList = useLastGood(devices);
  const reloadDevices = devices.reload;
  useEffect(() => {
    const timer = setInterval(reloadDevices, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reloadDevices]);
  if (bundle.status === 'loading') return <p aria-busy="true">{t({ vi: 'Đang tải…', en: 'Loading…' })}</p>;
  if (bundle.status === 'error') return <ProblemNotice error={bundle.error} />;
  const { wave: info, questionnaire, provinces } = bundle.data;
  const kioskWave = asksQuestion(questionnaire, 'service_point') ? info.id : null;
  const manager = user.role !== 'analyst';
  const mine = user.role === 'province_official' && user.scope
    ? provinces.filter((p) => user.scope!.covers[info.geography as 'vn-63' | 'vn-34'].includes(p.code))
    : provinces;
  const nameOf = new Map(provinces.map((p) => [p.code, t({ vi: p.nameVi, en: p.nameEn })]));
  const reload = () => { points.reload(); devices.reload(); };
  return (
    <article className="admin-page">
      <h1>{t({ vi: 'Điểm phục vụ và ki-ốt', en: 'Service points and kiosks' })}: {t({ vi: info.titleVi, en: info.titleEn })}</h1>
      <nav className="subnav" aria-label={t({ vi: 'Trang của đợt khảo sát', en: 'Pages of this wave' })}>
        <Link href={`/admin/waves/${encodeURIComponent(wave)}`}>{t({ vi: 'Tiến độ đợt khảo sát', en: 'Wave checklist' })}</Link>
        <Link href={`/admin/fieldwork/${encodeURIComponent(wave)}`}>{t({ vi: 'Theo dõi thực địa', en: 'Fieldwork monitor' })}</Link>
      </nav>
      {kioskWave
        ? <p>{t({ vi: 'Ki-ốt đăng ký ở đây chỉ nhận phiếu của đợt này.', en: 'Kiosks enrolled here take answers for this wave only.' })}</p>
        : <p className="notice">{t({
          vi: 'Phiếu hỏi của đợt này không hỏi điểm phục vụ nên không dùng được trên ki-ốt. Bạn vẫn quản lý được các điểm phục vụ.',
          en: 'This wave\'s questionnaire does not ask for the service point, so kiosks cannot collect it. You can still manage service points.',
        })}</p>}
      {manager && <NewPointForm geography={info.geography} provinces={mine} onCreated={reload} />}
      <section aria-labelledby="points-heading">
        <h2 id="points-heading">{t({ vi: 'Các điểm phục vụ', en: 'Service points' })}</h2>
        {!pointList && points.status === 'loading' && <p aria-busy="true">{t({ vi: 'Đang tải…', en: 'Loading…' })}</p>}
        {points.status === 'error' && <ProblemNotice error={points.error} />}
        {pointList && (pointList.servicePoints.length === 0
          ? <p className="notice">{t({ vi: 'Chưa có điểm phục vụ nào.', en: 'No service point yet.' })}</p>
          : (
            <ul className="point-list">
              {pointList.servicePoints.map((p) => (
                <PointCard key={`${p.code}:${p.nameVi}:${p.active}`} point={p} provinceName={nameOf.get(p.province) ?? p.province}
                  devices={(deviceList?.devices ?? []).filter((d) => d.servicePoint.code === p.code)}
                  kioskWave={manager ? kioskWave : null} onChanged={reload} />
              ))}
            </ul>
          ))}
      </section>
    </article>
  );
}
