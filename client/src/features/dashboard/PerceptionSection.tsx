import { Chart, type ChartOption } from '../../components/Chart';
import { CsvButton } from '../../components/CsvButton';
import { integer, percent } from '../../lib/format';
import { useLang, type Lang } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { PERCEPTION_HEADINGS } from './labels';
import { ProblemNotice } from './ProblemNotice';
import type { Geography, PerceptionQuestion, Perceptions, Share, ShareRow } from './types';
import { dashboardUrls } from './urls';

interface ShareLine { r: ShareRow; s: Share }

const PALETTE = ['#a4161a', '#e07a5f', '#3d5a80', '#98c1d9', '#6b6b6b', '#81b29a', '#f2cc8f', '#5e548e'];

function shareChart(q: PerceptionQuestion, lang: Lang, t: (x: { vi: string; en: string }) => string): ChartOption {
  const labels = q.rows.map((r) => (r.label ? t(r.label) : t({ vi: 'Tất cả người trả lời', en: 'All who answered' })));
  const options = q.rows[0]?.shares ?? [];
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: '#1b1b1b' } },
    tooltip: { trigger: 'item', valueFormatter: (v: number) => percent(v / 100, lang, 1) },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%', color: '#1b1b1b' } },
    yAxis: { type: 'category', inverse: true, data: labels, axisLabel: { color: '#1b1b1b', width: 240, overflow: 'truncate' } },
    series: options.map((o, k) => ({
      type: 'bar', stack: 'share', name: t(o.label), itemStyle: { color: PALETTE[k % PALETTE.length] },
      data: q.rows.map((r) => (r.shares[k]?.share ?? 0) * 100),
    })),
  };
}

function QuestionShares({ q, fileName }: { q: PerceptionQuestion; fileName: string }) {
  const { t, lang } = useLang();
  const options = q.rows[0]?.shares ?? [];
  const rowLabel = (r: ShareRow) => (r.label ? t(r.label) : t({ vi: 'Tất cả người trả lời', en: 'All who answered' }));
  return (
    <div className="perception">
      <h3>{t(PERCEPTION_HEADINGS[q.name] ?? q.title)}</h3>
      <p className="muted">{t({ vi: 'Câu hỏi', en: 'Question' })}: {t(q.title)}</p>
      <Chart
        option={shareChart(q, lang, t)} height={q.rows.length * 34 + 80}
        label={t({ vi: `Biểu đồ tỷ lệ có trọng số: ${(PERCEPTION_HEADINGS[q.name] ?? q.title).vi}; số liệu ở bảng dưới.`, en: `Chart of weighted shares: ${(PERCEPTION_HEADINGS[q.name] ?? q.title).en}; figures in the table below.` })}
      />
      <div className="table-wrap">
        <table>
          <caption>{t(PERCEPTION_HEADINGS[q.name] ?? q.title)} — {t({ vi: 'tỷ lệ có trọng số (trọng số thiết kế)', en: 'weighted shares (design weights)' })}</caption>
          <thead>
            <tr>
              {q.kind === 'matrix' && <th scope="col">{t({ vi: 'Nội dung', en: 'Item' })}</th>}
              {options.map((o) => <th scope="col" key={o.value}>{t(o.label)}</th>)}
              <th scope="col">{t({ vi: 'Số người trả lời (n)', en: 'Respondents (n)' })}</th>
            </tr>
          </thead>
          <tbody>
            {q.rows.map((r) => (
              <tr key={r.value ?? 'all'}>
                {q.kind === 'matrix' && <th scope="row">{rowLabel(r)}</th>}
                {r.shares.map((s) => <td key={s.value}>{percent(s.share, lang, 1)}</td>)}
                <td>{integer(r.n, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CsvButton
        fileName={`${fileName}-${q.name}.csv`}
        rows={q.rows.flatMap((r) => r.shares.map((s): ShareLine => ({ r, s })))}
        columns={[
          { header: 'question', value: () => q.name },
          { header: 'row', value: (x: ShareLine) => x.r.value },
          { header: 'answer', value: (x: ShareLine) => x.s.value },
          { header: 'n_answer', value: (x: ShareLine) => x.s.n },
          { header: 'n_answered', value: (x: ShareLine) => x.r.n },
          { header: 'weighted_share', value: (x: ShareLine) => x.s.share },
        ]}
      />
    </div>
  );
}

/**
 * Perceptions and expectations, as design-weighted shares of those who answered each question; they come
 * from the responses directly (they are not in estimation runs) and carry no confidence interval here.
 */
export function PerceptionSection({ wave, geography, province, where }: { wave: string; geography: Geography; province?: string; where: { vi: string; en: string } }) {
  const { t } = useLang();
  const loaded = useApi<Perceptions>(dashboardUrls.perceptions(wave, geography, province));
  const fileName = `${wave}-${geography}-${province ?? 'national'}-perceptions`;
  return (
    <section aria-labelledby="perceptions-title">
      <h2 id="perceptions-title">{t({ vi: 'Nhận thức và kỳ vọng của người dân', en: 'Perceptions and expectations' })} — {t(where)}</h2>
      <p className="muted">
        {t({
          vi: 'Tỷ lệ có trọng số: mỗi phiếu tính theo trọng số thiết kế (trọng số cơ sở), trên số người đã trả lời câu hỏi; không hiệu chỉnh theo giới tính, tuổi và không kèm khoảng tin cậy.',
          en: 'Weighted shares: each response counts with its design (base) weight, over those who answered the question; not raked to sex and age, and shown without confidence intervals.',
        })}
      </p>
      {loaded.status !== 'ok' ? <ProblemNotice loaded={loaded} /> : loaded.data.questions.length === 0 ? (
        <p className="notice">{t({ vi: 'Phiếu hỏi của đợt này không có câu hỏi về nhận thức và kỳ vọng.', en: 'This wave\'s questionnaire has no perception or expectation questions.' })}</p>
      ) : loaded.data.questions.map((q) => <QuestionShares key={q.name} q={q} fileName={fileName} />)}
    </section>
  );
}
