import { Chart } from '../../components/Chart';
import { CsvButton } from '../../components/CsvButton';
import { integer, percent } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { ciChartOption, ciText, Flags, rowColumns } from './figures';
import type { Indicator, ResultRow } from './types';

interface ElementBreakdownProps {
  /** e.g. "cả nước" or a province's name. */
  where: { vi: string; en: string };
  indicators: readonly Indicator[];
  rows: readonly ResultRow[];
  /** National rows to show beside a province's. */
  compare?: readonly ResultRow[];
  fileName: string;
}

const GROUPS = [
  { id: 'policy', label: { vi: 'Xây dựng và thực hiện chính sách: 4 nội dung', en: 'Policy making and implementation: 4 contents' } },
  { id: 'service', label: { vi: 'Cung ứng dịch vụ hành chính công: 5 yếu tố', en: 'Administrative service delivery: 5 elements' } },
];

/** The policy composite's four contents and the service composite's five elements, as chart and table. */
export function ElementBreakdown({ where, indicators, rows, compare, fileName }: ElementBreakdownProps) {
  const { t, lang } = useLang();
  const find = (list: readonly ResultRow[] | undefined, id: string) => list?.find((r) => r.indicator === id && r.domain_type !== 'national_mean_of_provinces') ?? null;
  const groups = GROUPS.map((g) => ({
    ...g,
    items: indicators.filter((i) => i.id === g.id || (i.kind === 'element' && i.group === g.id))
      .map((i) => ({ indicator: i, row: find(rows, i.id), compare: find(compare, i.id) })),
  }));
  const all = groups.flatMap((g) => g.items);
  const option = ciChartOption(
    all.map((x) => ({ label: t(x.indicator.label), row: x.row, compare: x.compare })), lang,
    { estimate: t(where), ci: t({ vi: 'KTC 95%', en: '95% CI' }), compare: compare ? t({ vi: 'Cả nước', en: 'National' }) : undefined },
  );
  return (
    <section aria-labelledby={`${fileName}-title`}>
      <h2 id={`${fileName}-title`}>{t({ vi: 'Các nội dung và yếu tố thành phần', en: 'Contents and elements' })} — {t(where)}</h2>
      <Chart option={option} height={all.length * 34 + 60} label={t({
        vi: `Biểu đồ tỷ lệ hài lòng theo từng nội dung, yếu tố (${where.vi}) với khoảng tin cậy 95%; số liệu ở bảng dưới.`,
        en: `Chart of satisfaction by content and element (${where.en}) with 95% confidence intervals; figures in the table below.`,
      })} />
      <div className="table-wrap">
        <table>
          <caption>{t({ vi: 'Tỷ lệ hài lòng theo nội dung, yếu tố', en: 'Satisfaction by content and element' })} — {t(where)}</caption>
          <thead>
            <tr>
              <th scope="col">{t({ vi: 'Nội dung / yếu tố', en: 'Content / element' })}</th>
              <th scope="col">{t({ vi: 'Tỷ lệ hài lòng', en: 'Satisfied' })}</th>
              <th scope="col">{t({ vi: 'KTC 95%', en: '95% CI' })}</th>
              <th scope="col">n</th>
              {compare && <th scope="col">{t({ vi: 'Cả nước', en: 'National' })}</th>}
              <th scope="col">{t({ vi: 'Độ tin cậy', en: 'Reliability' })}</th>
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g.id}>
              <tr className="group-row"><th scope="rowgroup" colSpan={compare ? 6 : 5}>{t(g.label)}</th></tr>
              {g.items.map((x) => (
                <tr key={x.indicator.id} className={x.indicator.kind === 'composite' ? 'composite-row' : undefined}>
                  <th scope="row">{t(x.indicator.label)}</th>
                  <td>{percent(x.row?.p, lang)}</td>
                  <td>{ciText(x.row, lang)}</td>
                  <td>{integer(x.row?.n, lang)}</td>
                  {compare && <td>{percent(x.compare?.p, lang)}</td>}
                  <td>{x.row ? <Flags flags={x.row.flags} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
      <CsvButton fileName={`${fileName}.csv`} rows={all} columns={rowColumns((x: { row: ResultRow | null }) => x.row)} />
    </section>
  );
}
