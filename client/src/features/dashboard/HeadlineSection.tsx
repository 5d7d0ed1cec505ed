import { Link } from '../../components/Link';
import { integer, percent } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { ChangeText, ciText } from './figures';
import { indicatorLabel } from './labels';
import type { Geography, Headline, HeadlineProvince, Indicator, WaveSummary } from './types';
import { pageUrls } from './urls';

interface HeadlineProps {
  headline: Headline;
  wave: WaveSummary;
  geography: Geography;
  indicators: readonly Indicator[];
  previousYear: number | undefined;
}

function intervalText(i: { lo: number; hi: number } | null, lang: 'vi' | 'en'): string {
  return i ? `${percent(i.lo, lang, 1)} – ${percent(i.hi, lang, 1)}` : '—';
}

function ProvinceList({ title, units, wave, geography, id }: { title: string; units: HeadlineProvince[]; wave: string; geography: Geography; id: string }) {
  const { t, lang } = useLang();
  return (
    <div className="headline-list">
      <h3 id={id}>{title}</h3>
      <ol aria-labelledby={id}>
        {units.map((u) => (
          <li key={u.code} value={u.rank}>
            <Link href={pageUrls.province(wave, geography, u.code)}>{lang === 'vi' ? u.nameVi : u.nameEn}</Link>{' '}
            <strong>{percent(u.row.p, lang)}</strong>{' '}
            <span className="muted small">({t({ vi: 'KTC 95%', en: '95% CI' })} {ciText(u.row, lang)})</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * What the ministry publishes first: the national SIPAS as the unweighted mean of provinces (the official
 * convention, METHOD.md §5) with its interval and its change from the previous wave, the top and bottom five
 * units, the five service elements, and the population-weighted national figure beside it, named as such.
 */
export function HeadlineSection({ headline, wave, geography, indicators, previousYear }: HeadlineProps) {
  const { t, lang } = useLang();
  const f = headline.figure;
  const label = indicatorLabel(indicators, headline.indicator);
  const since = previousYear !== undefined ? t({ vi: `So với ${previousYear}`, en: `Since ${previousYear}` }) : null;
  return (
    <section aria-labelledby="headline-title" className="headline">
      <h2 id="headline-title">{t(label)} {t({ vi: 'cả nước', en: 'national' })} {wave.year}</h2>
      <div className="cards">
        <article className="card headline-card" aria-labelledby="headline-official">
          <h3 id="headline-official">{t({ vi: 'Chỉ số chính thức: bình quân các tỉnh, thành phố', en: 'Official index: mean of provinces' })}</h3>
          <p className="big" data-testid="headline-mean">{percent(f.mean?.p, lang)}</p>
          <p>{t({ vi: 'KTC 95%', en: '95% CI' })} <span data-testid="headline-mean-ci">{intervalText(f.meanInterval, lang)}</span></p>
          {since && <p>{since}: <span data-testid="headline-mean-change"><ChangeText change={f.meanChange} /></span></p>}
          <p className="muted small">
            {t({
              vi: `Trung bình cộng không trọng số của ${headline.provinces} tỉnh, thành phố: mỗi tỉnh có trọng số như nhau.`,
              en: `Unweighted mean of ${headline.provinces} provinces: every province counts the same.`,
            })}
          </p>
        </article>
        <article className="card" aria-labelledby="headline-weighted">
          <h3 id="headline-weighted">{t({ vi: 'Cả nước, có trọng số dân số', en: 'National, population-weighted' })}</h3>
          <p className="big secondary" data-testid="headline-weighted">{percent(f.weighted?.p, lang)}</p>
          <p>{t({ vi: 'KTC 95%', en: '95% CI' })} {ciText(f.weighted, lang)} · n = {integer(f.weighted?.n, lang)}</p>
          {since && <p>{since}: <ChangeText change={f.weightedChange} /></p>}
          <p className="muted small">
            {t({
              vi: 'Mỗi người dân có trọng số như nhau, nên tỉnh đông dân đóng góp nhiều hơn; không phải con số công bố chính thức.',
              en: 'Every resident counts the same, so populous provinces weigh more; not the officially published figure.',
            })}
          </p>
        </article>
      </div>
      {headline.top.length > 0 && (
        <div className="headline-lists">
          <ProvinceList id="headline-top" title={t({ vi: 'Năm tỉnh, thành phố cao nhất', en: 'Top five provinces' })} units={headline.top} wave={wave.id} geography={geography} />
          <ProvinceList id="headline-bottom" title={t({ vi: 'Năm tỉnh, thành phố thấp nhất', en: 'Bottom five provinces' })} units={headline.bottom} wave={wave.id} geography={geography} />
        </div>
      )}
      {headline.elements.length > 0 && (
        <div className="table-wrap">
          <table data-testid="headline-elements">
            <caption>{t({ vi: 'Các yếu tố cung ứng dịch vụ hành chính công', en: 'The elements of administrative service delivery' })}</caption>
            <thead>
              <tr>
                <th scope="col">{t({ vi: 'Yếu tố', en: 'Element' })}</th>
                <th scope="col">{t({ vi: 'Bình quân các tỉnh', en: 'Mean of provinces' })}</th>
                <th scope="col">{t({ vi: 'KTC 95%', en: '95% CI' })}</th>
                {since && <th scope="col">{since}</th>}
                <th scope="col">{t({ vi: 'Cả nước (trọng số dân số)', en: 'National (population-weighted)' })}</th>
              </tr>
            </thead>
            <tbody>
              {headline.elements.map((e) => (
                <tr key={e.indicator}>
                  <th scope="row">{t(indicatorLabel(indicators, e.indicator))}</th>
                  <td>{percent(e.mean?.p, lang)}</td>
                  <td>{intervalText(e.meanInterval, lang)}</td>
                  {since && <td><ChangeText change={e.meanChange} /></td>}
                  <td>{percent(e.weighted?.p, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
