import { Link } from '../../components/Link';
import { useLang } from '../../lib/i18n';
import { useUser } from '../../lib/session';
import { queryParams } from '../../lib/navigate';
import { useApi } from '../../lib/use-api';
import { BreakdownSection } from './BreakdownSection';
import { ElementBreakdown } from './ElementBreakdown';
import { HeadlineSection } from './HeadlineSection';
import { NationalSummary } from './NationalSummary';
import { PerceptionSection } from './PerceptionSection';
import { ProblemNotice } from './ProblemNotice';
import { ProvinceView } from './ProvincePage';
import { RankingSection } from './RankingSection';
import { RunStatus } from './RunStatus';
import type { Geography, OfficialWave, Overview, Unit } from './types';
import { dashboardUrls, pageUrls } from './urls';
import { viewParams } from './view-params';
import { ViewControls } from './ViewControls';

const NATIONAL = { vi: 'cả nước', en: 'national' };

/** A province official's own units in the shown geography, as shortcuts to their pages. */
function MyProvinces({ wave, geography }: { wave: string; geography: Geography }) {
  const { t, lang } = useLang();
  const user = useUser();
  const units = useApi<{ units: Unit[] }>(user.scope ? `/api/dashboard/units?geography=${geography}` : null);
  if (!user.scope) return null;
  const mine = user.scope.covers[geography];
  const nameOf = (code: string) => {
    const unit = units.status === 'ok' ? units.data.units.find((u) => u.code === code) : undefined;
    return unit ? (lang === 'vi' ? unit.nameVi : unit.nameEn) : code;
  };
  return (
    <nav className="notice" aria-label={t({ vi: 'Tỉnh của tôi', en: 'My province' })}>
      {mine.length === 0
        ? t({
          vi: 'Tỉnh của bạn đã hợp nhất với tỉnh khác trong 34 đơn vị mới, nên đơn vị mới chứa số liệu của tỉnh khác: bạn xem được số liệu cả nước; hãy chọn "63 tỉnh, thành phố" để xem tỉnh của mình (các đợt đến 2024).',
          en: 'Your province merged with another into one of the 34 new units, which holds another province\'s data: you can see national figures; choose "63 provinces" to see your province (waves up to 2024).',
        })
        : <>{t({ vi: 'Tỉnh của tôi: ', en: 'My province: ' })}{mine.map((code, k) => (
          <span key={code}>{k > 0 && ', '}<Link href={pageUrls.province(wave, geography, code)}>{nameOf(code)}</Link></span>
        ))}</>}
    </nav>
  );
}

function WaveDashboard({ waves, wave, geography }: { waves: OfficialWave[]; wave: OfficialWave; geography: Geography }) {
  const overview = useApi<Overview>(dashboardUrls.overview(wave.id, geography));
  // A province official who asked for the national page stays on it when changing wave or indicator.
  const extra: Record<string, string> = queryParams().get('view') === 'national' ? { view: 'national' } : {};
  return (
    <>
      <ViewControls waves={waves} wave={wave} geography={geography} hrefFor={(w, g) => pageUrls.dashboard(w, g, extra)} />
      {overview.status !== 'ok' ? <ProblemNotice loaded={overview} /> : (
        <>
          <RunStatus view={overview.data} onRunStarted={overview.reload} />
          <MyProvinces wave={wave.id} geography={geography} />
          {overview.data.run && (
            <>
              {overview.data.headline && (
                <HeadlineSection
                  headline={overview.data.headline} wave={overview.data.wave} geography={geography}
                  indicators={overview.data.indicators} previousYear={overview.data.comparison?.previousWave.year}
                />
              )}
              <NationalSummary overview={overview.data} onRunStarted={overview.reload} />
              <ElementBreakdown where={NATIONAL} indicators={overview.data.indicators} rows={overview.data.national} fileName={`${wave.id}-${geography}-elements`} />
              <RankingSection
                wave={wave.id} geography={geography} indicators={overview.data.indicators}
                hrefFor={(ind) => pageUrls.dashboard(wave.id, geography, { ...extra, ind })}
              />
              <BreakdownSection rows={overview.data.breakdowns} fileName={`${wave.id}-${geography}-breakdowns`} />
            </>
          )}
          <PerceptionSection wave={wave.id} geography={geography} where={NATIONAL} />
        </>
      )}
    </>
  );
}

/**
 * `/admin`: the national dashboard of one wave, in one geography. A province official lands on their own
 * province instead (rank, elements against the nation, change, the public ranking), with a link to the
 * national page (`?view=national`).
 */
export function DashboardPage() {
  const { t } = useLang();
  const user = useUser();
  const waves = useApi<{ waves: OfficialWave[] }>(dashboardUrls.waves());
  if (waves.status === 'ok' && user.scope && queryParams().get('view') !== 'national') {
    const { wave, geography } = viewParams(waves.data.waves);
    const own = wave ? user.scope.covers[geography][0] : undefined;
    if (wave && own) {
      return (
        <section className="dashboard">
          <ProvinceView key={`${wave.id}:${geography}:${own}`} waves={waves.data.waves} wave={wave} geography={geography} code={own} />
        </section>
      );
    }
  }
  return (
    <section className="dashboard">
      <h1>{t({ vi: 'Kết quả Chỉ số hài lòng (SIPAS)', en: 'SIPAS results' })}</h1>
      {waves.status !== 'ok' ? <ProblemNotice loaded={waves} /> : (() => {
        const { wave, geography } = viewParams(waves.data.waves);
        if (!wave) {
          return <p className="notice">{t({ vi: 'Chưa có đợt khảo sát nào. Quản trị viên có thể tạo đợt trong mục "Đợt khảo sát".', en: 'There is no survey wave yet. An administrator can create one under "Survey waves".' })}</p>;
        }
        return <WaveDashboard key={`${wave.id}:${geography}`} waves={waves.data.waves} wave={wave} geography={geography} />;
      })()}
    </section>
  );
}
