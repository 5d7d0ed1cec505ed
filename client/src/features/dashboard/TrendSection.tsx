import { Chart, CHART_COLORS } from '../../components/Chart';
import { CsvButton } from '../../components/CsvButton';
import { percent } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { ciText, rowColumns } from './figures';
import { GEOGRAPHY_LABELS } from './labels';
import type { Geography, ResultRow, TrendPoint } from './types';

interface TrendLine { wave: string; year: number; row: ResultRow }

/** A unit's composite indices over the waves estimated on the same units, beside the national index. */
export function TrendSection({ trend, geography, name, fileName }: { trend: TrendPoint[]; geography: Geography; name: string; fileName: string }) {
  const { t, lang } = useLang();
  const shown = trend.filter((p) => p.run);
  const missing = trend.filter((p) => !p.run);
  const of = (rows: ResultRow[], id: string) => rows.find((r) => r.indicator === id) ?? null;
  const series = [
    { id: 'sipas', label: `${name}: SIPAS`, color: CHART_COLORS.main, rows: (p: TrendPoint) => p.province },
    { id: 'policy', label: `${name}: ${t({ vi: 'chính sách', en: 'policy' })}`, color: '#e07a5f', rows: (p: TrendPoint) => p.province },
    { id: 'service', label: `${name}: ${t({ vi: 'dịch vụ', en: 'services' })}`, color: '#3d5a80', rows: (p: TrendPoint) => p.province },
    { id: 'sipas', label: t({ vi: 'Cả nước: SIPAS', en: 'National: SIPAS' }), color: CHART_COLORS.national, rows: (p: TrendPoint) => p.national },
  ];
  return (
    <section aria-labelledby="trend-title">
      <h2 id="trend-title">{t({ vi: 'Xu hướng qua các đợt', en: 'Trend over waves' })}</h2>
      <p className="muted">
        {t({ vi: `Các đợt được ước lượng theo ${GEOGRAPHY_LABELS[geography].vi}.`, en: `Waves estimated on the ${GEOGRAPHY_LABELS[geography].en}.` })}
        {missing.length > 0 && ' ' + t({
          vi: `Chưa có số liệu theo cách chia này cho: ${missing.map((p) => p.wave.year).join(', ')}${geography === 'vn-63' ? ' (các đợt từ 2025 chỉ có theo 34 đơn vị — chọn "34 tỉnh, thành phố" để xem xu hướng qua năm 2025)' : ' (cần chạy ước lượng theo 34 đơn vị cho các đợt này)'}.`,
          en: `No figures on these units for: ${missing.map((p) => p.wave.year).join(', ')}${geography === 'vn-63' ? ' (waves from 2025 exist on the 34 units only — choose "34 provinces" to follow the trend across 2025)' : ' (these waves need an estimation run on the 34 units)'}.`,
        })}
      </p>
      {shown.length > 0 && (
        <>
          <Chart
            height={280}
            label={t({ vi: `Biểu đồ xu hướng chỉ số của ${name} và cả nước qua các đợt; số liệu ở bảng dưới.`, en: `Trend chart of ${name}'s indices and the national index; figures in the table below.` })}
            option={{
              animation: false,
              grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
              legend: { top: 0, textStyle: { color: '#1b1b1b' } },
              tooltip: { trigger: 'axis', valueFormatter: (v: number) => percent(v / 100, lang) },
              xAxis: { type: 'category', data: shown.map((p) => String(p.wave.year)), axisLabel: { color: '#1b1b1b' } },
              yAxis: { type: 'value', scale: true, axisLabel: { formatter: '{value}%', color: '#1b1b1b' } },
              series: series.map((s) => ({
                type: 'line', name: s.label, itemStyle: { color: s.color }, lineStyle: { color: s.color },
                data: shown.map((p) => { const r = of(s.rows(p), s.id); return r?.p == null ? null : r.p * 100; }),
              })),
            }}
          />
          <div className="table-wrap">
            <table>
              <caption>{t({ vi: 'Xu hướng', en: 'Trend' })} — {name}</caption>
              <thead>
                <tr>
                  <th scope="col">{t({ vi: 'Đợt', en: 'Wave' })}</th>
                  <th scope="col">SIPAS</th>
                  <th scope="col">{t({ vi: 'Chính sách', en: 'Policy' })}</th>
                  <th scope="col">{t({ vi: 'Dịch vụ hành chính công', en: 'Administrative services' })}</th>
                  <th scope="col">{t({ vi: 'Cả nước (SIPAS)', en: 'National (SIPAS)' })}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((p) => (
                  <tr key={p.wave.id}>
                    <th scope="row">{t({ vi: p.wave.titleVi, en: p.wave.titleEn })}</th>
                    {['sipas', 'policy', 'service'].map((id) => (
                      <td key={id}>{percent(of(p.province, id)?.p, lang)} <small>({ciText(of(p.province, id), lang)})</small></td>
                    ))}
                    <td>{percent(of(p.national, 'sipas')?.p, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CsvButton
            fileName={`${fileName}.csv`}
            rows={shown.flatMap((p) => [...p.province, ...p.national].map((row): TrendLine => ({ wave: p.wave.id, year: p.wave.year, row })))}
            columns={[
              { header: 'wave', value: (x: TrendLine) => x.wave },
              { header: 'year', value: (x: TrendLine) => x.year },
              ...rowColumns((x: TrendLine) => x.row),
            ]}
          />
        </>
      )}
    </section>
  );
}
