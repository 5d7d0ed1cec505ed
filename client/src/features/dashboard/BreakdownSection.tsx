import { Chart } from '../../components/Chart';
import { CsvButton } from '../../components/CsvButton';
import { integer, percent } from '../../lib/format';
import { useLang, type Text } from '../../lib/i18n';
import { ciChartOption, ciText, Flags, rowColumns } from './figures';
import { breakdownLabel, DOMAIN_TYPE_LABELS } from './labels';
import type { ResultRow } from './types';

const COMPOSITES = ['sipas', 'policy', 'service'];

interface BreakdownSectionProps {
  rows: readonly ResultRow[];
  /** Shown under the title, e.g. that these are national breakdowns on a province's page. */
  note?: Text;
  fileName: string;
}

/** The composite indices by sex, age group and (on the 63 provinces) region, as chart and table. */
export function BreakdownSection({ rows, note, fileName }: BreakdownSectionProps) {
  const { t, lang } = useLang();
  const types = ['sex', 'age_group', 'region'].filter((type) => rows.some((r) => r.domain_type === type));
  if (types.length === 0) return null;
  const sipas = types.flatMap((type) => rows.filter((r) => r.indicator === 'sipas' && r.domain_type === type));
  const label = (r: ResultRow) => t(breakdownLabel(r.domain_type, r.domain));
  return (
    <section aria-labelledby={`${fileName}-title`}>
      <h2 id={`${fileName}-title`}>{t({ vi: 'Phân tổ theo giới tính, nhóm tuổi và vùng — cả nước', en: 'By sex, age group and region — national' })}</h2>
      {note && <p className="notice">{t(note)}</p>}
      <Chart
        height={sipas.length * 28 + 60}
        label={t({ vi: 'Biểu đồ chỉ số SIPAS theo giới tính, nhóm tuổi và vùng với khoảng tin cậy 95%; số liệu ở bảng dưới.', en: 'Chart of the SIPAS index by sex, age group and region with 95% confidence intervals; figures in the table below.' })}
        option={ciChartOption(sipas.map((r) => ({ label: label(r), row: r })), lang, { estimate: 'SIPAS', ci: t({ vi: 'KTC 95%', en: '95% CI' }) })}
      />
      {types.map((type) => {
        const domains = [...new Set(rows.filter((r) => r.domain_type === type).map((r) => r.domain))];
        return (
          <div className="table-wrap" key={type}>
            <table>
              <caption>{t(DOMAIN_TYPE_LABELS[type])} — {t({ vi: 'tỷ lệ hài lòng (KTC 95%)', en: 'satisfaction (95% CI)' })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(DOMAIN_TYPE_LABELS[type])}</th>
                  {COMPOSITES.map((c) => <th scope="col" key={c}>{c === 'sipas' ? 'SIPAS' : c === 'policy' ? t({ vi: 'Chính sách', en: 'Policy' }) : t({ vi: 'Dịch vụ hành chính công', en: 'Administrative services' })}</th>)}
                  <th scope="col">n</th>
                  <th scope="col">{t({ vi: 'Độ tin cậy (SIPAS)', en: 'Reliability (SIPAS)' })}</th>
                </tr>
              </thead>
              <tbody>
                {domains.map((d) => {
                  const of = (c: string) => rows.find((r) => r.domain_type === type && r.domain === d && r.indicator === c) ?? null;
                  return (
                    <tr key={d}>
                      <th scope="row">{t(breakdownLabel(type, d))}</th>
                      {COMPOSITES.map((c) => <td key={c}>{percent(of(c)?.p, lang)} <small>({ciText(of(c), lang)})</small></td>)}
                      <td>{integer(of('sipas')?.n, lang)}</td>
                      <td>{of('sipas') ? <Flags flags={of('sipas')!.flags} /> : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      })}
      <CsvButton fileName={`${fileName}.csv`} rows={rows} columns={rowColumns((r: ResultRow) => r)} />
    </section>
  );
}
