import { useLang } from '../../lib/i18n';
import { GEOGRAPHY_LABELS, SCHEME_LABELS } from './labels';
import { StartRunButton } from './StartRunButton';
import type { Comparison } from './types';

/** What the change is measured against, on which units, and what to do when a run is missing. */
export function ComparisonNote({ comparison, canStartRun, onRunStarted }: { comparison: Comparison | null; canStartRun: boolean; onRunStarted(): void }) {
  const { t } = useLang();
  if (!comparison) {
    return <p className="comparison-note">{t({ vi: 'Chưa có đợt khảo sát trước để so sánh.', en: 'There is no earlier wave to compare with.' })}</p>;
  }
  const prev = comparison.previousWave;
  const prevTitle = t({ vi: prev.titleVi, en: prev.titleEn });
  return (
    <div className="comparison-note">
      <p>
        {t({ vi: 'So sánh với', en: 'Compared with' })} <strong>{prevTitle}</strong>
        {' '}({t({ vi: 'hai mẫu độc lập, kiểm định t hai phía, mức ý nghĩa 5%', en: 'independent samples, two-sided t test at 5%' })})
        {comparison.scheme && <>{' · '}{t(SCHEME_LABELS[comparison.scheme])}</>}
      </p>
      {comparison.geography === 'vn-34' && (
        <p className="notice">
          {comparison.acrossReorganisation
            ? t({
              vi: `So sánh qua đợt sắp xếp đơn vị hành chính năm 2025 được thực hiện theo 34 tỉnh, thành phố mới: đợt ${prev.year} được ước lượng lại từ phiếu trả lời với 34 đơn vị mới làm miền ước lượng.`,
              en: `Comparisons across the 2025 reorganisation are made on the 34 new provinces: the ${prev.year} wave is re-estimated from its responses with the 34 new units as domains.`,
            })
            : t({ vi: 'So sánh theo 34 tỉnh, thành phố mới.', en: 'Compared on the 34 new provinces.' })}
        </p>
      )}
      {comparison.missingRun && (
        <div className="notice">
          <p>
            {t({
              vi: `Chưa thể so sánh: đợt "${comparison.missingRun.wave}" chưa được ước lượng theo ${GEOGRAPHY_LABELS[comparison.missingRun.geography].vi}.`,
              en: `No comparison yet: wave "${comparison.missingRun.wave}" has not been estimated on the ${GEOGRAPHY_LABELS[comparison.missingRun.geography].en}.`,
            })}
          </p>
          {canStartRun ? (
            <StartRunButton
              wave={comparison.missingRun.wave} geography={comparison.missingRun.geography} onDone={onRunStarted}
              label={{ vi: `Ước lượng đợt "${comparison.missingRun.wave}" theo 34 đơn vị`, en: `Estimate wave "${comparison.missingRun.wave}" on the 34 units` }}
            />
          ) : (
            <p>{t({ vi: 'Vui lòng đề nghị chuyên viên phân tích chạy ước lượng này.', en: 'Please ask an analyst to run this estimation.' })}</p>
          )}
        </div>
      )}
    </div>
  );
}
