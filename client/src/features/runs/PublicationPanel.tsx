import { useState } from 'react';
import { ProblemNotice } from '../../components/ProblemNotice';
import { TableScroll } from '../../components/TableScroll';
import { api } from '../../lib/api';
import { dateTime, integer, percent } from '../../lib/format';
import { useLang, type Text } from '../../lib/i18n';
import { breakdownLabel, DOMAIN_TYPE_LABELS } from '../dashboard/labels';
import type { PublicationPreview, RunDetail, WithheldCell } from './types';

const REASONS: Record<WithheldCell['reason'], Text> = {
  small_cell: { vi: 'ít người trả lời', en: 'too few respondents' },
  secondary: { vi: 'che bổ sung để không suy ra được ô nhỏ', en: 'also withheld so the small cells cannot be worked out' },
};

interface Props {
  run: RunDetail;
  /** Province and unit names by code, for the run's geography. */
  names: ReadonlyMap<string, string>;
  onChanged(): void;
}

function domainName(cell: { domain_type: string; domain: string }, names: ReadonlyMap<string, string>): Text {
  if (cell.domain_type === 'national') return { vi: 'Toàn quốc', en: 'National' };
  if (cell.domain_type === 'province') {
    const name = names.get(cell.domain) ?? cell.domain;
    return { vi: name, en: name };
  }
  const type = DOMAIN_TYPE_LABELS[cell.domain_type] ?? { vi: cell.domain_type, en: cell.domain_type };
  const value = breakdownLabel(cell.domain_type, cell.domain);
  return { vi: `${type.vi}: ${value.vi}`, en: `${type.en}: ${value.en}` };
}

/**
 * Publishing a run to open data, national administrators only: first the preview of what the public will
 * see (which cells are withheld and why), then the confirmation; unpublishing asks again before acting.
 */
export function PublicationPanel({ run, names, onChanged }: Props) {
  const { t, lang } = useLang();
  const [preview, setPreview] = useState<PublicationPreview | null>(null);
  const [phase, setPhase] = useState<'idle' | 'previewing' | 'publishing' | 'confirm-unpublish' | 'unpublishing'>('idle');
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<Text | null>(null);

  const act = async (busy: typeof phase, work: () => Promise<void>) => {
    setPhase(busy);
    setError(null);
    setMessage(null);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setPhase('idle');
    }
  };
  const loadPreview = () => act('previewing', async () => {
    setPreview(await api.get<PublicationPreview>(`/api/runs/${run.id}/publication/preview`));
  });
  const publish = () => act('publishing', async () => {
    await api.put(`/api/runs/${run.id}/publication`);
    setPreview(null);
    setMessage({ vi: 'Đã công bố lần ước lượng này lên dữ liệu mở.', en: 'This run is now published as open data.' });
    onChanged();
  });
  const unpublish = () => act('unpublishing', async () => {
    await api.delete(`/api/runs/${run.id}/publication`);
    setPreview(null);
    setMessage({ vi: 'Đã ngừng công bố: dữ liệu mở không còn lần ước lượng này.', en: 'Unpublished: open data no longer shows this run.' });
    onChanged();
  });
  const busy = phase !== 'idle' && phase !== 'confirm-unpublish';
  const audit = preview?.audit;

  return (
    <section aria-labelledby="publication-heading">
      <h2 id="publication-heading">{t({ vi: 'Công bố dữ liệu mở', en: 'Open data publication' })}</h2>
      {run.publishedAt
        ? <p className="notice success">{t({ vi: `Đã công bố lúc ${dateTime(run.publishedAt, lang)}.`, en: `Published ${dateTime(run.publishedAt, lang)}.` })}</p>
        : <p>{t({ vi: 'Chưa công bố. Công chúng chưa thấy số liệu của lần ước lượng này.', en: 'Not published. The public cannot see this run\'s figures yet.' })}</p>}
      <div role="status" aria-live="polite">
        {message && <p className="notice success">{t(message)}</p>}
        {phase === 'previewing' && <p className="notice" aria-busy="true">{t({ vi: 'Đang kiểm tra nguy cơ lộ thông tin cá nhân…', en: 'Checking disclosure risk…' })}</p>}
        {phase === 'publishing' && <p className="notice" aria-busy="true">{t({ vi: 'Đang công bố…', en: 'Publishing…' })}</p>}
        {phase === 'unpublishing' && <p className="notice" aria-busy="true">{t({ vi: 'Đang ngừng công bố…', en: 'Unpublishing…' })}</p>}
      </div>
      <div className="actions">
        <button type="button" className="button secondary" disabled={busy} onClick={() => void loadPreview()}>
          {run.publishedAt ? t({ vi: 'Xem những gì công chúng đang thấy', en: 'See what the public sees' }) : t({ vi: 'Xem trước những gì công chúng sẽ thấy', en: 'Preview what the public will see' })}
        </button>
        {run.publishedAt && phase !== 'confirm-unpublish' && (
          <button type="button" className="button secondary" disabled={busy} onClick={() => setPhase('confirm-unpublish')}>{t({ vi: 'Ngừng công bố', en: 'Unpublish' })}</button>
        )}
      </div>
      {phase === 'confirm-unpublish' && (
        <div className="notice" role="group" aria-label={t({ vi: 'Xác nhận ngừng công bố', en: 'Confirm unpublishing' })}>
          <p>{t({ vi: 'Số liệu sẽ biến mất khỏi dữ liệu mở ngay lập tức. Tiếp tục?', en: 'The figures leave open data at once. Continue?' })}</p>
          <div className="actions">
            <button type="button" className="button" onClick={() => void unpublish()}>{t({ vi: 'Xác nhận ngừng công bố', en: 'Confirm unpublishing' })}</button>
            <button type="button" className="button secondary" onClick={() => setPhase('idle')}>{t({ vi: 'Hủy', en: 'Cancel' })}</button>
          </div>
        </div>
      )}
      {error !== null && <ProblemNotice error={error} />}
      {audit && (
        <div className="panel" aria-labelledby="preview-heading">
          <h3 id="preview-heading">{t({ vi: 'Bản xem trước dữ liệu mở', en: 'Open data preview' })}</h3>
          <p>{t({
            vi: `Mọi ô được công bố, trừ ${integer(audit.counts.small_cell, lang)} ô có dưới ${audit.minCellSize} người trả lời và ${integer(audit.counts.secondary, lang)} ô che bổ sung. Không tỷ lệ bị che nào có thể bị suy ra hẹp hơn ${percent(audit.minInterval, lang, 0)} từ những gì được công bố.`,
            en: `Every cell is published except ${integer(audit.counts.small_cell, lang)} with fewer than ${audit.minCellSize} respondents and ${integer(audit.counts.secondary, lang)} withheld in addition. No withheld proportion can be narrowed below ${percent(audit.minInterval, lang, 0)} from what is published.`,
          })}</p>
          {!audit.ok && <p className="notice error" role="alert">{t({ vi: 'Kiểm tra chưa đạt: chưa thể công bố lần ước lượng này.', en: 'The check failed: this run cannot be published.' })}</p>}
          {audit.withheld.length > 0 && (
            <TableScroll label={t({ vi: 'Các ô bị che', en: 'Withheld cells' })}>
              <table>
                <caption>{t({ vi: `Các ô bị che (${audit.withheld.length})`, en: `Withheld cells (${audit.withheld.length})` })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t({ vi: 'Miền', en: 'Domain' })}</th>
                    <th scope="col">{t({ vi: 'Chỉ số', en: 'Indicator' })}</th>
                    <th scope="col" className="num">n</th>
                    <th scope="col">{t({ vi: 'Lý do', en: 'Reason' })}</th>
                  </tr>
                </thead>
                <tbody>
                  {audit.withheld.map((w) => (
                    <tr key={`${w.domain_type}:${w.domain}:${w.indicator}`}>
                      <th scope="row">{t(domainName(w, names))}</th>
                      <td>{t(preview.indicators[w.indicator] ?? { vi: w.indicator, en: w.indicator })}</td>
                      <td className="num">{integer(w.n, lang)}</td>
                      <td>{t(REASONS[w.reason])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          {!run.publishedAt && preview.source === 'preview' && (
            <div className="actions">
              <button type="button" className="button" disabled={busy || !audit.ok} onClick={() => void publish()}>
                {t({ vi: 'Xác nhận công bố', en: 'Confirm publication' })}
              </button>
              <button type="button" className="button secondary" disabled={busy} onClick={() => setPreview(null)}>{t({ vi: 'Hủy', en: 'Cancel' })}</button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
