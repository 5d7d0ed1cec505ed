import { Link } from '../../components/Link';
import { integer, percent } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { queryParams } from '../../lib/navigate';
import { useApi } from '../../lib/use-api';
import { BreakdownSection } from './BreakdownSection';
import { ComparisonNote } from './ComparisonNote';
import { ElementBreakdown } from './ElementBreakdown';
import { ChangeText, ciText, Flags } from './figures';
import { GEOGRAPHY_LABELS, REGION_EN } from './labels';
import { PerceptionSection } from './PerceptionSection';
import { ProblemNotice } from './ProblemNotice';
import { RankingSection } from './RankingSection';
import { RunStatus } from './RunStatus';
import { TrendSection } from './TrendSection';
import type { Geography, OfficialWave, ProvinceDetail, ResultRow } from './types';
import { dashboardUrls, pageUrls } from './urls';
import { viewParams } from './view-params';
import { ViewControls } from './ViewControls';

const COMPOSITES = ['sipas', 'policy', 'service'];

function Detail({ detail, onRunStarted }: { detail: ProvinceDetail; onRunStarted(): void }) {
  const { t, lang } = useLang();
  const p = detail.province;
  const name = lang === 'vi' ? p.nameVi : p.nameEn;
  const where = { vi: p.nameVi, en: p.nameEn };
  const of = (rows: ResultRow[], id: string, type?: string) => rows.find((r) => r.indicator === id && (!type || r.domain_type === type)) ?? null;
  const fileName = `${detail.wave.id}-${detail.geography}-${p.code}`;
  return (
    <>
      <RunStatus view={detail} onRunStarted={onRunStarted} />
      {detail.run && (
        <>
          <section aria-labelledby="province-figures-title">
            <h2 id="province-figures-title">{t({ vi: 'Chỉ số của tỉnh so với cả nước', en: 'The province against the nation' })}</h2>
            <div className="cards">
              {COMPOSITES.map((id) => {
                const row = of(detail.figures, id);
                const rank = detail.ranks.find((r) => r.indicator === id);
                const info = detail.indicators.find((i) => i.id === id);
                return (
                  <article key={id} className="card" aria-labelledby={`pcard-${id}`}>
                    <h3 id={`pcard-${id}`}>{info ? t(info.label) : id}</h3>
                    <p className="big" data-testid={`province-${id}`}>{percent(row?.p, lang)}</p>
                    <p className="muted">{t({ vi: 'KTC 95%', en: '95% CI' })} {ciText(row, lang)} · n = {integer(row?.n, lang)}</p>
                    {row && <p><Flags flags={row.flags} /></p>}
                    <p data-testid={`rank-${id}`}>
                      {t({ vi: 'Hạng', en: 'Rank' })}: <strong>{rank?.rank ?? '—'}</strong>/{rank?.of ?? '—'}
                      {rank?.range && (
                        <span className="muted small">
                          {' '}({rank.range.best === rank.range.worst
                            ? t({ vi: 'chắc chắn theo khoảng tin cậy', en: 'certain given the intervals' })
                            : t({ vi: `theo khoảng tin cậy: từ hạng ${rank.range.best} đến ${rank.range.worst}`, en: `given the intervals: between ${rank.range.best} and ${rank.range.worst}` })})
                        </span>
                      )}
                    </p>
                    <p>{t({ vi: 'Cả nước (có trọng số)', en: 'National (weighted)' })}: {percent(of(detail.national, id, 'national')?.p, lang)}</p>
                    {detail.comparison && (
                      <p>{t({ vi: `Thay đổi so với ${detail.comparison.previousWave.year}`, en: `Change since ${detail.comparison.previousWave.year}` })}: <ChangeText change={detail.changes.find((c) => c.indicator === id)} /></p>
                    )}
                  </article>
                );
              })}
            </div>
            <ComparisonNote comparison={detail.comparison} canStartRun={detail.canStartRun} onRunStarted={onRunStarted} />
          </section>
          <ElementBreakdown
            where={where} indicators={detail.indicators} rows={detail.figures}
            compare={detail.national.filter((r) => r.domain_type === 'national')} fileName={`${fileName}-elements`}
          />
        </>
      )}
      <TrendSection trend={detail.trend} geography={detail.geography} name={name} fileName={`${fileName}-trend`} />
      {detail.run && (
        <BreakdownSection
          rows={detail.breakdowns} fileName={`${fileName}-national-breakdowns`}
          note={{
            vi: 'Các phân tổ theo giới tính và nhóm tuổi dưới đây là của cả nước, không phải của riêng tỉnh: lần ước lượng lưu trữ chỉ phân tổ theo giới tính, nhóm tuổi ở cấp quốc gia, và khoảng 600 người trả lời của một tỉnh chia thành 10 nhóm phần lớn sẽ không đủ tin cậy.',
            en: 'The breakdowns by sex and age group below are national, not the province\'s own: stored runs break down by sex and age group nationally only, and a province\'s ~600 respondents split into 10 groups would mostly be unreliable.',
          }}
        />
      )}
      {detail.run && (
        <RankingSection
          wave={detail.wave.id} geography={detail.geography} indicators={detail.indicators}
          hrefFor={(ind) => `${location.pathname}?${new URLSearchParams({ ...Object.fromEntries(queryParams()), ind })}`}
        />
      )}
      <PerceptionSection wave={detail.wave.id} geography={detail.geography} province={p.code} where={where} />
    </>
  );
}

/** The same unit in another geography: its successor among the 34, or its only former province among the 63. */
function provinceHref(detail: ProvinceDetail | null, code: string, current: Geography) {
  return (wave: string, geography: Geography) => {
    if (geography === current) return pageUrls.province(wave, geography, code);
    if (geography === 'vn-34' && detail?.province.successor) return pageUrls.province(wave, geography, detail.province.successor);
    if (geography === 'vn-63' && detail?.province.members.length === 1) return pageUrls.province(wave, geography, detail.province.members[0]);
    return pageUrls.dashboard(wave, geography);
  };
}

/** One unit's page; also a province official's landing page on `/admin`. */
export function ProvinceView({ waves, wave, geography, code }: { waves: OfficialWave[]; wave: OfficialWave; geography: Geography; code: string }) {
  const { t, lang } = useLang();
  const loaded = useApi<ProvinceDetail>(dashboardUrls.province(wave.id, geography, code));
  const detail = loaded.status === 'ok' ? loaded.data : null;
  return (
    <>
      <p><Link href={pageUrls.dashboard(wave.id, geography, { view: 'national' })}>← {t({ vi: 'Về kết quả cả nước', en: 'Back to national results' })}</Link></p>
      <h1>
        {detail ? (lang === 'vi' ? detail.province.nameVi : detail.province.nameEn) : t({ vi: `Tỉnh, thành phố mã ${code}`, en: `Province code ${code}` })}
      </h1>
      {detail && (
        <p className="muted">
          {t(GEOGRAPHY_LABELS[geography])} · {t({ vi: 'Vùng', en: 'Region' })}: {lang === 'vi' ? detail.province.region : REGION_EN[detail.province.region] ?? detail.province.region}
          {geography === 'vn-34' && detail.members.length > 1 && (
            <> · {t({ vi: 'gồm các tỉnh cũ', en: 'merging former provinces' })} {detail.members.map((m) => (lang === 'vi' ? m.nameVi : m.nameEn)).join(', ')}</>
          )}
        </p>
      )}
      <ViewControls waves={waves} wave={wave} geography={geography} hrefFor={provinceHref(detail, code, geography)} />
      {loaded.status === 'ok' ? <Detail detail={loaded.data} onRunStarted={loaded.reload} /> : (
        <>
          <ProblemNotice loaded={loaded} />
          {loaded.status === 'error' && (
            <p><Link href={pageUrls.dashboard(wave.id, geography)}>{t({ vi: 'Xem kết quả cả nước và tỉnh của bạn', en: 'See the national results and your province' })}</Link></p>
          )}
        </>
      )}
    </>
  );
}

/** `/admin/provinces/:code`: one unit's figures, ranks, change, trend and perceptions. */
export function ProvincePage({ code }: { code: string }) {
  const waves = useApi<{ waves: OfficialWave[] }>(dashboardUrls.waves());
  if (waves.status !== 'ok') return <ProblemNotice loaded={waves} />;
  const { wave, geography } = viewParams(waves.data.waves);
  if (!wave) return null;
  return (
    <section className="dashboard">
      <ProvinceView key={`${wave.id}:${geography}:${code}`} waves={waves.data.waves} wave={wave} geography={geography} code={code} />
    </section>
  );
}
