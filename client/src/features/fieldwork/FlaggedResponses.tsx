import { useMemo, useState } from 'react';
import { ProblemNotice } from '../../components/ProblemNotice';
import { TableScroll } from '../../components/TableScroll';
import { api } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { CHANNEL_LABELS, FLAG_LABELS } from './labels';
import type { FlaggedResponse, ProvinceProgress } from './types';

interface Props { wave: string; provinces: ProvinceProgress[]; flagged: FlaggedResponse[]; total: number; canExclude: boolean; onChanged(): void }

/** Responses with quality flags; analysts and administrators exclude them from runs, or include them again. */
export function FlaggedResponses({ wave, provinces, flagged, total, canExclude, onChanged }: Props) {
  const { t, lang } = useLang();
  // The places by name: the report's provinces list every unit that has a response.
  const names = useMemo(() => new Map(provinces.flatMap((p) => [[p.code, p.nameVi] as const, ...p.units.map((u) => [`${p.code}|${u.code}`, u.nameVi] as const)])), [provinces]);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const change = async (r: FlaggedResponse, body: Record<string, string>) => {
    setBusy(r.id);
    setError(null);
    try {
      await api.patch(`/api/waves/${encodeURIComponent(wave)}/responses/${r.id}`, body);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  if (flagged.length === 0) return <p className="notice success">{t({ vi: 'Không có phiếu nào bị cảnh báo.', en: 'No flagged responses.' })}</p>;
  return (
    <>
      {error !== null && <ProblemNotice error={error} />}
      <TableScroll label={t({ vi: 'Phiếu bị cảnh báo', en: 'Flagged responses' })}>
        <table>
          <caption>{t({ vi: `Phiếu bị cảnh báo (${total}${total > flagged.length ? `, hiển thị ${flagged.length} phiếu mới nhất` : ''})`, en: `Flagged responses (${total}${total > flagged.length ? `, newest ${flagged.length} shown` : ''})` })}</caption>
          <thead>
            <tr>
              <th scope="col">{t({ vi: 'Nhận lúc', en: 'Received' })}</th>
              <th scope="col">{t({ vi: 'Địa bàn', en: 'Place' })}</th>
              <th scope="col">{t({ vi: 'Kênh', en: 'Channel' })}</th>
              <th scope="col" className="num">{t({ vi: 'Thời gian (phút)', en: 'Minutes' })}</th>
              <th scope="col">{t({ vi: 'Cảnh báo', en: 'Flags' })}</th>
              <th scope="col">{t({ vi: 'Trạng thái', en: 'Status' })}</th>
            </tr>
          </thead>
          <tbody>
            {flagged.map((r) => (
              <tr key={r.id}>
                <td>{dateTime(r.receivedAt, lang)}</td>
                <td>{names.get(r.province) ?? r.province} / {r.unit ? names.get(`${r.province}|${r.unit}`) ?? r.unit : '—'}</td>
                <td>{t(CHANNEL_LABELS[r.channel])}</td>
                <td className="num">{r.durationMs === null ? '—' : (r.durationMs / 60_000).toFixed(1)}</td>
                <td>{r.flags.map((f) => t(FLAG_LABELS[f])).join(', ')}</td>
                <td>
                  {r.status === 'excluded' ? (
                    <>
                      <strong>{t({ vi: 'Đã loại', en: 'Excluded' })}</strong>: {r.exclusionReason}
                      {canExclude && (
                        <button type="button" className="button small secondary" disabled={busy === r.id} onClick={() => void change(r, { status: 'complete' })}>
                          {t({ vi: 'Đưa trở lại', en: 'Include again' })}
                        </button>
                      )}
                    </>
                  ) : canExclude ? (
                    <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void change(r, { status: 'excluded', reason: reasons[r.id] ?? '' }); }}>
                      <label>
                        <span className="visually-hidden">{t({ vi: 'Lý do loại phiếu', en: 'Reason for excluding' })}</span>
                        <input required minLength={3} maxLength={500} placeholder={t({ vi: 'Lý do loại', en: 'Reason' })}
                          value={reasons[r.id] ?? ''} onChange={(e) => setReasons({ ...reasons, [r.id]: e.target.value })} />
                      </label>
                      <button type="submit" className="button small" disabled={busy === r.id}>{t({ vi: 'Loại khỏi ước lượng', en: 'Exclude' })}</button>
                    </form>
                  ) : t({ vi: 'Đang tính', en: 'Included' })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
