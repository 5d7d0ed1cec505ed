import { useState } from 'react';
import { Chart } from '../../components/Chart';
import { CsvButton } from '../../components/CsvButton';
import { Link } from '../../components/Link';
import { integer, percent } from '../../lib/format';
import { useLang, type Text } from '../../lib/i18n';
import { navigate, queryParams } from '../../lib/navigate';
import { useApi } from '../../lib/use-api';
import { ChangeText, changeColumns, CiBar, ciChartOption, ciText, Flags, rowColumns, scaleOf } from './figures';
import { indicatorLabel, NOT_SIGNIFICANT, REGION_EN } from './labels';
import { ProblemNotice } from './ProblemNotice';
import { TileMap } from './TileMap';
import type { Geography, Indicator, RankedUnit, Rankings } from './types';
import { dashboardUrls, pageUrls } from './urls';

type SortKey = 'rank' | 'name' | 'change';

function RankChange({ unit }: { unit: RankedUnit }) {
  const { t } = useLang();
  if (unit.rankChange === null || !unit.change) return <span>—</span>;
  const moved = unit.rankChange === 0
    ? t({ vi: 'không đổi', en: 'unchanged' })
    : unit.rankChange > 0
      ? t({ vi: `↑ lên ${unit.rankChange} bậc`, en: `↑ up ${unit.rankChange}` })
      : t({ vi: `↓ xuống ${-unit.rankChange} bậc`, en: `↓ down ${-unit.rankChange}` });
  return (
    <span className={unit.change.significant ? 'rank-change' : 'rank-change muted'}>
      {t({ vi: `từ hạng ${unit.previousRank}: `, en: `from ${unit.previousRank}: ` })}{moved}
      {!unit.change.significant && unit.rankChange !== 0 && <> — <em>{t(NOT_SIGNIFICANT)}</em></>}
    </span>
  );
}

function sortUnits(units: readonly RankedUnit[], key: SortKey, ascending: boolean, lang: 'vi' | 'en'): RankedUnit[] {
  const value = (u: RankedUnit): number | string | null => key === 'rank' ? u.rank : key === 'change' ? u.change?.diff ?? null : (lang === 'vi' ? u.nameVi : u.nameEn);
  return [...units].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null) return y === null ? 0 : 1;
    if (y === null) return -1;
    const order = typeof x === 'string' ? x.localeCompare(String(y), lang) : x - (y as number);
    return ascending ? order : -order;
  });
}

interface RankingSectionProps {
  wave: string;
  geography: Geography;
  indicators: readonly Indicator[];
  /** The page's own address with another ranked indicator (the dashboard's by default). */
  hrefFor?: (indicator: string) => string;
}

/** Every unit ranked on one indicator, with CI, rank change and reliability; sortable and groupable by region. */
export function RankingSection({ wave, geography, indicators, hrefFor }: RankingSectionProps) {
  const { t, lang } = useLang();
  const indicator = queryParams().get('ind') ?? 'sipas';
  const loaded = useApi<Rankings>(dashboardUrls.rankings(wave, geography, indicator));
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'rank', ascending: true });
  const [byRegion, setByRegion] = useState(false);
  const choose = (id: string) => navigate(hrefFor ? hrefFor(id) : pageUrls.dashboard(wave, geography, { ind: id }), { replace: true });
  const label = indicatorLabel(indicators, indicator);

  const heading = (
    <h2 id="rankings-title">
      {t({ vi: 'Xếp hạng các tỉnh, thành phố', en: 'Provincial rankings' })}
      {loaded.status === 'ok' && ` (${loaded.data.total})`}
    </h2>
  );
  const picker = (
    <label className="inline-field">
      <span>{t({ vi: 'Chỉ số xếp hạng', en: 'Ranked indicator' })}</span>
      <select value={indicator} onChange={(e) => choose(e.target.value)}>
        {indicators.map((i) => <option key={i.id} value={i.id}>{t(i.label)}</option>)}
      </select>
    </label>
  );
  if (loaded.status !== 'ok') {
    return <section aria-labelledby="rankings-title">{heading}{picker}<ProblemNotice loaded={loaded} /></section>;
  }
  const data = loaded.data;
  if (!data.run) return null;
  const sorted = sortUnits(data.provinces, sort.key, sort.ascending, lang);
  const regions = [...new Set(data.provinces.map((u) => u.region))].sort((a, b) => a.localeCompare(b, 'vi'));
  const groups: { region: string | null; units: RankedUnit[] }[] = byRegion
    ? regions.map((region) => ({ region, units: sorted.filter((u) => u.region === region) }))
    : [{ region: null, units: sorted }];
  const scale = scaleOf(data.provinces.map((u) => u.row));
  const ariaSort = (key: SortKey) => (sort.key === key ? (sort.ascending ? 'ascending' : 'descending') : 'none');
  const sortButton = (key: SortKey, text: Text) => (
    <button type="button" className="sort" onClick={() => setSort((s) => ({ key, ascending: s.key === key ? !s.ascending : true }))}>
      {t(text)}<span aria-hidden="true">{sort.key === key ? (sort.ascending ? ' ▲' : ' ▼') : ' ↕'}</span>
    </button>
  );
  const regionName = (r: string) => (lang === 'vi' ? r : REGION_EN[r] ?? r);
  const regionRow = (r: string) => data.regions.find((x) => x.domain === r);
  const byRank = sortUnits(data.provinces, 'rank', true, lang);

  return (
    <section aria-labelledby="rankings-title">
      {heading}
      <div className="toolbar">
        {picker}
        <label className="checkbox">
          <input type="checkbox" checked={byRegion} onChange={(e) => setByRegion(e.target.checked)} />
          {t({ vi: 'Nhóm theo 6 vùng kinh tế - xã hội', en: 'Group by the 6 socio-economic regions' })}
        </label>
      </div>
      {data.restricted && (
        <p className="notice">
          {t({
            vi: `Bảng xếp hạng là số liệu công khai của tất cả ${data.total} đơn vị; tỉnh, thành phố của bạn được tô đậm. Bạn xem được số liệu chi tiết và tiến độ khảo sát của tỉnh mình phụ trách.`,
            en: `The ranking is public, for all ${data.total} units; your province is highlighted. You can see the details and fieldwork of the province you are responsible for.`,
          })}
        </p>
      )}
      {data.regionRule === 'admin_centre' && byRegion && (
        <p className="muted">
          {t({
            vi: 'Theo 34 đơn vị mới, mỗi tỉnh, thành phố được xếp vào vùng của tỉnh cũ đặt trung tâm hành chính (7 đơn vị gộp tỉnh của hai vùng). Nhóm vùng chỉ để trình bày; không tính chỉ số vùng theo 34 đơn vị.',
            en: 'On the 34 new units, each province is placed in the region of the former province hosting its administrative centre (7 units merged provinces of two regions). The grouping is for display; no regional index is computed on the 34 units.',
          })}
        </p>
      )}
      <TileMap geography={geography} units={data.provinces} indicator={label} mine={data.mine} />
      <div className="table-wrap">
        <table data-testid="rankings">
          <caption>
            {t(label)} — {t({ vi: 'tỷ lệ hài lòng, KTC 95%, thứ hạng và thay đổi', en: 'satisfaction, 95% CI, rank and change' })}
            {data.comparison && ` (${t({ vi: 'so với', en: 'vs' })} ${data.comparison.previousWave.year})`}
          </caption>
          <thead>
            <tr>
              <th scope="col" aria-sort={ariaSort('rank')}>{sortButton('rank', { vi: 'Hạng', en: 'Rank' })}</th>
              <th scope="col" aria-sort={ariaSort('name')}>{sortButton('name', { vi: 'Tỉnh, thành phố', en: 'Province' })}</th>
              <th scope="col">{t({ vi: 'Tỷ lệ hài lòng', en: 'Satisfied' })}</th>
              <th scope="col">{t({ vi: 'KTC 95%', en: '95% CI' })}</th>
              <th scope="col">n</th>
              <th scope="col">{t({ vi: 'Thay đổi thứ hạng', en: 'Rank change' })}</th>
              <th scope="col" aria-sort={ariaSort('change')}>{sortButton('change', { vi: 'Thay đổi tỷ lệ', en: 'Change' })}</th>
              <th scope="col">{t({ vi: 'Độ tin cậy', en: 'Reliability' })}</th>
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g.region ?? 'all'}>
              {g.region !== null && (
                <tr className="group-row">
                  <th scope="rowgroup" colSpan={8}>
                    {regionName(g.region)}
                    {regionRow(g.region) && <> — {t({ vi: 'cả vùng', en: 'whole region' })}: {percent(regionRow(g.region)!.p, lang)} ({ciText(regionRow(g.region)!, lang)})</>}
                  </th>
                </tr>
              )}
              {g.units.map((u) => (
                <tr key={u.code} data-province={u.code} className={data.mine.includes(u.code) ? 'own' : undefined}>
                  <td>{u.rank ?? '—'}<span className="visually-hidden">/{data.total}</span></td>
                  <th scope="row">
                    {!data.restricted || data.mine.includes(u.code)
                      ? <Link href={pageUrls.province(wave, geography, u.code)}>{lang === 'vi' ? u.nameVi : u.nameEn}</Link>
                      : lang === 'vi' ? u.nameVi : u.nameEn}
                    {data.mine.includes(u.code) && <> <span className="own-badge">{t({ vi: 'Tỉnh của bạn', en: 'Your province' })}</span></>}
                    {!byRegion && <div className="muted small">{regionName(u.region)}</div>}
                  </th>
                  <td>{percent(u.row?.p, lang)}</td>
                  <td className="ci-cell">{ciText(u.row, lang)}<CiBar row={u.row} scale={scale} /></td>
                  <td>{integer(u.row?.n, lang)}</td>
                  <td><RankChange unit={u} /></td>
                  <td><ChangeText change={u.change} /></td>
                  <td>{u.row ? <Flags flags={u.row.flags} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
      <CsvButton
        fileName={`${wave}-${geography}-rankings-${indicator}.csv`}
        rows={byRank}
        columns={[
          { header: 'code', value: (u: RankedUnit) => u.code },
          { header: 'name', value: (u: RankedUnit) => u.nameVi },
          { header: 'region', value: (u: RankedUnit) => u.region },
          { header: 'rank', value: (u: RankedUnit) => u.rank },
          { header: 'previous_rank', value: (u: RankedUnit) => u.previousRank },
          { header: 'rank_change', value: (u: RankedUnit) => u.rankChange },
          ...rowColumns((u: RankedUnit) => u.row),
          ...changeColumns((u: RankedUnit) => u.change),
        ]}
      />
      {byRank.length > 1 && (
        <details className="chart-details">
          <summary>{t({ vi: 'Xem biểu đồ xếp hạng', en: 'Show the ranking chart' })}</summary>
          <Chart
            height={byRank.length * 20 + 60}
            label={t({ vi: `Biểu đồ xếp hạng ${t(label)} với khoảng tin cậy 95%; số liệu ở bảng trên.`, en: `Ranking chart of ${t(label)} with 95% confidence intervals; figures in the table above.` })}
            option={ciChartOption(byRank.map((u) => ({ label: lang === 'vi' ? u.nameVi : u.nameEn, row: u.row })), lang, { estimate: t(label), ci: t({ vi: 'KTC 95%', en: '95% CI' }) })}
          />
        </details>
      )}
    </section>
  );
}
