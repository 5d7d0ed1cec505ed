import { dateTime, integer, percent } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { CHANNEL_LABELS, FLAG_LABELS } from './labels';
import type { Channel, Progress, ProvinceProgress, QualityFlag } from './types';

function Row({ name, p, header }: { name: string; p: Progress; header?: boolean }) {
  const { t, lang } = useLang();
  const channels = (Object.keys(p.channels) as Channel[]).filter((c) => p.channels[c] > 0)
    .map((c) => `${t(CHANNEL_LABELS[c])} ${integer(p.channels[c], lang)}`).join(' · ');
  const flags = (Object.keys(p.flags) as QualityFlag[]).filter((f) => p.flags[f] > 0)
    .map((f) => `${t(FLAG_LABELS[f])} ${integer(p.flags[f], lang)}`).join(' · ');
  const share = p.target ? Math.min(1, p.received / p.target) : null;
  return (
    <tr className={header ? 'group-row' : undefined}>
      <th scope="row">{name}</th>
      <td className="num">
        {integer(p.received, lang)}{p.target !== null && <> / {integer(p.target, lang)}</>}
        {share !== null && <progress max={1} value={share} aria-label={t({ vi: `${name}: ${percent(share, lang, 0)} chỉ tiêu`, en: `${name}: ${percent(share, lang, 0)} of target` })} />}
      </td>
      <td className="num">{p.received ? percent(p.complete / p.received, lang, 0) : '—'}</td>
      <td>{p.lastReceivedAt ? dateTime(p.lastReceivedAt, lang) : '—'}</td>
      <td>{channels || '—'}</td>
      <td>{flags || '—'}{p.refusedCodes > 0 && <>{flags ? ' · ' : ''}{t({ vi: `Dùng lại mã ${p.refusedCodes}`, en: `Code reuse ${p.refusedCodes}` })}</>}</td>
    </tr>
  );
}

/** Responses against targets, per province and, under each, per commune (or service point). */
export function ProgressTable({ provinces, unitKind }: { provinces: ProvinceProgress[]; unitKind: 'commune' | 'service_point' }) {
  const { t } = useLang();
  return (
    <div className="table-scroll">
      <table className="fieldwork-table">
        <caption>{t(unitKind === 'commune'
          ? { vi: 'Tiến độ theo tỉnh và xã/phường', en: 'Progress by province and commune' }
          : { vi: 'Tiến độ theo tỉnh và điểm phục vụ', en: 'Progress by province and service point' })}</caption>
        <thead>
          <tr>
            <th scope="col">{t(unitKind === 'commune' ? { vi: 'Tỉnh / xã', en: 'Province / commune' } : { vi: 'Tỉnh / điểm phục vụ', en: 'Province / service point' })}</th>
            <th scope="col" className="num">{t({ vi: 'Đã nhận / chỉ tiêu', en: 'Received / target' })}</th>
            <th scope="col" className="num">{t({ vi: 'Hợp lệ', en: 'Complete' })}</th>
            <th scope="col">{t({ vi: 'Phiếu gần nhất', en: 'Last received' })}</th>
            <th scope="col">{t({ vi: 'Kênh', en: 'Channels' })}</th>
            <th scope="col">{t({ vi: 'Cảnh báo chất lượng', en: 'Quality flags' })}</th>
          </tr>
        </thead>
        {provinces.map((p) => (
          <tbody key={p.code}>
            <Row name={p.nameVi} p={p} header />
            {p.units.map((u) => <Row key={u.code} name={`\u2003${u.nameVi}`} p={u} />)}
          </tbody>
        ))}
      </table>
    </div>
  );
}
