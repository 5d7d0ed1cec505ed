import { dateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { GEOGRAPHY_LABELS, SCHEME_LABELS } from './labels';
import { StartRunButton } from './StartRunButton';
import type { ViewBase } from './types';

/** Where the figures come from: the stored run, its scheme, and whether the wave was re-estimated on the 34 units. */
export function RunStatus({ view, onRunStarted }: { view: ViewBase; onRunStarted(): void }) {
  const { t, lang } = useLang();
  return (
    <>
      {view.reestimated && (
        <p className="notice">
          {t({
            vi: `Đợt ${view.wave.year} được khảo sát trên 63 tỉnh cũ và được ước lượng lại theo 34 đơn vị mới: giữ nguyên tầng và đơn vị mẫu, chỉ đổi miền ước lượng — không lấy trung bình tỷ lệ của các tỉnh cũ.`,
            en: `The ${view.wave.year} wave was surveyed on the 63 old provinces and re-estimated on the 34 new units: same strata and sampling units, only the estimation domains change — old provincial percentages are never averaged.`,
          })}
        </p>
      )}
      {view.run && view.scheme ? (
        <p className="run-info">
          {t({ vi: 'Số liệu từ lần ước lượng ngày', en: 'Figures from the estimation run of' })} {dateTime(view.run.finishedAt, lang)}
          {' · '}{t(GEOGRAPHY_LABELS[view.geography])}
          {' · '}{t({ vi: 'phương pháp: ', en: 'method: ' })}<strong>{t(SCHEME_LABELS[view.scheme])}</strong>
          {' · '}{t({ vi: 'khoảng tin cậy 95% (logit)', en: '95% confidence intervals (logit)' })}
        </p>
      ) : (
        <section className="empty-state" aria-labelledby="no-run-title">
          <h2 id="no-run-title">{t({ vi: 'Chưa có kết quả ước lượng', en: 'No estimation results yet' })}</h2>
          <p>
            {t({
              vi: `Đợt này chưa có lần ước lượng nào theo ${GEOGRAPHY_LABELS[view.geography].vi}.`,
              en: `This wave has no estimation run on the ${GEOGRAPHY_LABELS[view.geography].en} yet.`,
            })}
          </p>
          {view.canStartRun ? (
            <StartRunButton
              wave={view.wave.id} geography={view.geography} onDone={onRunStarted}
              label={{ vi: 'Bắt đầu ước lượng', en: 'Start an estimation run' }}
            />
          ) : (
            <p>{t({ vi: 'Vui lòng đề nghị chuyên viên phân tích hoặc quản trị viên chạy ước lượng cho đợt này.', en: 'Please ask an analyst or an administrator to run the estimation for this wave.' })}</p>
          )}
        </section>
      )}
    </>
  );
}
