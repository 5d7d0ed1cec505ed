import { CsvButton } from '../../components/CsvButton';
import { integer, percent } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { ComparisonNote } from './ComparisonNote';
import { ChangeText, changeColumns, ciText, Flags, rowColumns } from './figures';
import type { Change, Overview, ResultRow } from './types';

const COMPOSITES = ['sipas', 'policy', 'service'];

interface CsvLine { row: ResultRow | null; change: Change | null }

/**
 * The national index and its composites: the weighted figure (each province by its population) beside
 * the equal-weight mean of provinces (the official convention), and the change from the previous wave.
 */
export function NationalSummary({ overview, onRunStarted }: { overview: Overview; onRunStarted(): void }) {
  const { t, lang } = useLang();
  const of = (rows: ResultRow[], id: string) => rows.find((r) => r.indicator === id) ?? null;
  const change = (type: string, id: string): Change | null =>
    overview.changes.find((c) => c.domain_type === type && c.indicator === id) ?? null;
  const rows = overview.indicators.map((i) => ({
    indicator: i, national: of(overview.national, i.id), mean: of(overview.meanOfProvinces, i.id),
    change: change('national', i.id), meanChange: change('national_mean_of_provinces', i.id),
  }));
  const prevYear = overview.comparison?.previousWave.year;
  return (
    <section aria-labelledby="national-title">
      <h2 id="national-title">{t({ vi: 'Chỉ số cả nước', en: 'National index' })}</h2>
      <div className="cards">
        {rows.filter((r) => COMPOSITES.includes(r.indicator.id)).map((r) => (
          <article key={r.indicator.id} className="card" aria-labelledby={`card-${r.indicator.id}`}>
            <h3 id={`card-${r.indicator.id}`}>{t(r.indicator.label)}</h3>
            <p className="big" data-testid={`national-${r.indicator.id}`}>{percent(r.national?.p, lang)}</p>
            <p className="muted">
              {t({ vi: 'Cả nước, có trọng số dân số', en: 'National, population-weighted' })} · {t({ vi: 'KTC 95%', en: '95% CI' })} {ciText(r.national, lang)} · n = {integer(r.national?.n, lang)}
            </p>
            <p>
              {t({ vi: 'Bình quân các tỉnh (không trọng số)', en: 'Mean of provinces (unweighted)' })}:{' '}
              <strong data-testid={`mean-${r.indicator.id}`}>{percent(r.mean?.p, lang)}</strong>
            </p>
            {prevYear !== undefined && (
              <p>{t({ vi: `Thay đổi so với ${prevYear}`, en: `Change since ${prevYear}` })}: <ChangeText change={r.change} /></p>
            )}
          </article>
        ))}
      </div>
      <ComparisonNote comparison={overview.comparison} canStartRun={overview.canStartRun} onRunStarted={onRunStarted} />
      <div className="table-wrap">
        <table>
          <caption>{t({ vi: 'Tất cả chỉ số, cả nước', en: 'All indicators, national' })}</caption>
          <thead>
            <tr>
              <th scope="col">{t({ vi: 'Chỉ số', en: 'Indicator' })}</th>
              <th scope="col">{t({ vi: 'Cả nước (có trọng số)', en: 'National (weighted)' })}</th>
              <th scope="col">{t({ vi: 'KTC 95%', en: '95% CI' })}</th>
              <th scope="col">n</th>
              <th scope="col">{t({ vi: 'Bình quân các tỉnh (không trọng số)', en: 'Mean of provinces (unweighted)' })}</th>
              <th scope="col">{prevYear !== undefined ? t({ vi: `Thay đổi so với ${prevYear}`, en: `Change since ${prevYear}` }) : t({ vi: 'Thay đổi', en: 'Change' })}</th>
              <th scope="col">{t({ vi: 'Độ tin cậy', en: 'Reliability' })}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.indicator.id}>
                <th scope="row">{t(r.indicator.label)}</th>
                <td>{percent(r.national?.p, lang)}</td>
                <td>{ciText(r.national, lang)}</td>
                <td>{integer(r.national?.n, lang)}</td>
                <td>{percent(r.mean?.p, lang)}</td>
                <td><ChangeText change={r.change} /></td>
                <td>{r.national ? <Flags flags={r.national.flags} /> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CsvButton
        fileName={`${overview.wave.id}-${overview.geography}-national.csv`}
        rows={[...rows.map((r): CsvLine => ({ row: r.national, change: r.change })), ...rows.map((r): CsvLine => ({ row: r.mean, change: r.meanChange }))]}
        columns={[...rowColumns((x: CsvLine) => x.row), ...changeColumns((x: CsvLine) => x.change)]}
      />
    </section>
  );
}
