import { useId, useMemo, useState } from 'react';
import { TableScroll } from '../../components/TableScroll';
import { downloadText, toCsv, type CsvColumn } from '../../lib/csv';
import { dateTime, integer, percent } from '../../lib/format';
import { useLang, type Text } from '../../lib/i18n';
import { CHANNEL_LABELS, FLAG_LABELS } from './labels';
import type { Channel, Progress, ProvinceProgress, QualityFlag, UnitProgress } from './types';

type SortKey = 'name' | 'rate' | 'received' | 'flags' | 'last';

const SORTS: { key: SortKey; label: Text }[] = [
  { key: 'name', label: { vi: 'Tên (A–Z)', en: 'Name (A–Z)' } },
  { key: 'rate', label: { vi: 'Tỷ lệ đạt chỉ tiêu (thấp trước)', en: 'Share of target (lowest first)' } },
  { key: 'received', label: { vi: 'Số phiếu đã nhận (nhiều trước)', en: 'Responses received (most first)' } },
  { key: 'flags', label: { vi: 'Số cảnh báo (nhiều trước)', en: 'Quality flags (most first)' } },
  { key: 'last', label: { vi: 'Lâu chưa có phiếu (trước)', en: 'Longest without a response (first)' } },
];

/** Received against target; null when there is no target. */
const rate = (p: Progress) => (p.target ? p.received / p.target : null);
const flagCount = (p: Progress) => (Object.values(p.flags) as number[]).reduce((a, b) => a + b, 0);
const behind = (p: Progress) => p.target !== null && p.received < p.target;

/** Lower case without diacritics, so "ba dinh" finds "Phường Ba Đình". */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

function compare(key: SortKey): (a: Progress & { nameVi: string }, b: Progress & { nameVi: string }) => number {
  const byName = (a: { nameVi: string }, b: { nameVi: string }) => a.nameVi.localeCompare(b.nameVi, 'vi');
  const last = (p: Progress) => (p.lastReceivedAt ? Date.parse(p.lastReceivedAt) : -Infinity);
  switch (key) {
    case 'rate': return (a, b) => (rate(a) ?? Infinity) - (rate(b) ?? Infinity) || byName(a, b);
    case 'received': return (a, b) => b.received - a.received || byName(a, b);
    case 'flags': return (a, b) => flagCount(b) - flagCount(a) || byName(a, b);
    case 'last': return (a, b) => last(a) - last(b) || byName(a, b);
    default: return byName;
  }
}

function Cells({ name, p }: { name: string; p: Progress }) {
  const { t, lang } = useLang();
  const channels = (Object.keys(p.channels) as Channel[]).filter((c) => p.channels[c] > 0)
    .map((c) => `${t(CHANNEL_LABELS[c])} ${integer(p.channels[c], lang)}`).join(' · ');
  const flags = (Object.keys(p.flags) as QualityFlag[]).filter((f) => p.flags[f] > 0)
    .map((f) => `${t(FLAG_LABELS[f])} ${integer(p.flags[f], lang)}`);
  if (p.refusedCodes > 0) flags.push(t({ vi: `Dùng lại mã ${integer(p.refusedCodes, lang)}`, en: `Code reuse ${integer(p.refusedCodes, lang)}` }));
  const share = rate(p);
  return (
    <>
      <td className="num">
        {integer(p.received, lang)}{p.target !== null && <> / {integer(p.target, lang)}</>}
        {share !== null && <progress max={1} value={Math.min(1, share)} aria-label={t({ vi: `${name}: ${percent(share, lang, 0)} chỉ tiêu`, en: `${name}: ${percent(share, lang, 0)} of target` })} />}
      </td>
      <td className="num">{share === null ? '—' : percent(share, lang, 0)}</td>
      <td className="num">{p.received ? percent(p.complete / p.received, lang, 0) : '—'}</td>
      <td>{flags.join(' · ') || '—'}</td>
      <td>{p.lastReceivedAt ? dateTime(p.lastReceivedAt, lang) : '—'}</td>
      <td>{channels || '—'}</td>
    </>
  );
}

interface Props {
  wave: string;
  provinces: ProvinceProgress[];
  unitKind: 'commune' | 'service_point';
}

/**
 * Responses against targets: one summary row per province (received / target, share of target, share
 * complete, quality flags, last response, channels) that opens onto its communes (or service points), with
 * search by name (diacritics optional), sorting and filters for units behind target or flagged, as ODK
 * Central and Kobo offer; the units shown can be downloaded as CSV with Vietnamese headers and names.
 */
export function ProgressTable({ wave, provinces, unitKind }: Props) {
  const { t, lang } = useLang();
  const id = useId();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortKey>('name');
  const [onlyBehind, setOnlyBehind] = useState(false);
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const unitWord: Text = unitKind === 'commune' ? { vi: 'xã/phường', en: 'communes' } : { vi: 'điểm phục vụ', en: 'service points' };

  const needle = searchable(query.trim());
  const shown = useMemo(() => {
    const keep = (u: UnitProgress) => (!onlyBehind || behind(u)) && (!onlyFlagged || flagCount(u) + u.refusedCodes > 0);
    const order = compare(sort);
    return provinces.flatMap((p) => {
      const provinceHit = needle !== '' && searchable(p.nameVi).includes(needle);
      const units = p.units.filter((u) => keep(u) && (needle === '' || provinceHit || searchable(u.nameVi).includes(needle))).sort(order);
      const filtering = onlyBehind || onlyFlagged || needle !== '';
      return !filtering || units.length > 0 ? [{ province: p, units }] : [];
    }).sort((a, b) => order(a.province, b.province));
  }, [provinces, needle, sort, onlyBehind, onlyFlagged]);
  const filtering = onlyBehind || onlyFlagged || needle !== '';
  const unitCount = shown.reduce((n, s) => n + s.units.length, 0);
  const isOpen = (code: string) => open.has(code) || needle !== '';
  const toggle = (code: string) => setOpen((prev) => {
    const next = new Set(prev);
    if (next.has(code)) next.delete(code); else next.add(code);
    return next;
  });

  const csvColumns: CsvColumn<UnitProgress & { provinceName: string }>[] = [
    { header: 'Tỉnh, thành phố', value: (u) => u.provinceName },
    { header: unitKind === 'commune' ? 'Xã, phường' : 'Điểm phục vụ', value: (u) => u.nameVi },
    { header: 'Chỉ tiêu', value: (u) => u.target },
    { header: 'Đã nhận', value: (u) => u.received },
    { header: 'Tỷ lệ đạt chỉ tiêu', value: (u) => rate(u) },
    { header: 'Hợp lệ', value: (u) => u.complete },
    { header: 'Đã loại', value: (u) => u.excluded },
    { header: 'Ngoài mẫu (đường dẫn mở)', value: (u) => u.notSampled },
    ...(Object.keys(FLAG_LABELS) as QualityFlag[]).map((f) => ({ header: `Cảnh báo: ${FLAG_LABELS[f].vi}`, value: (u: UnitProgress) => u.flags[f] })),
    { header: 'Mã mời bị dùng lại', value: (u) => u.refusedCodes },
    ...(Object.keys(CHANNEL_LABELS) as Channel[]).map((c) => ({ header: `Kênh: ${CHANNEL_LABELS[c].vi}`, value: (u: UnitProgress) => u.channels[c] })),
    { header: 'Phiếu gần nhất', value: (u) => u.lastReceivedAt },
    { header: 'Mã tỉnh', value: (u) => u.province },
    { header: unitKind === 'commune' ? 'Mã xã' : 'Mã điểm phục vụ', value: (u) => u.code },
  ];
  const download = () => downloadText(`${wave}-tien-do-thuc-dia.csv`, toCsv(
    shown.flatMap((s) => s.units.map((u) => ({ ...u, provinceName: s.province.nameVi }))), csvColumns,
  ));

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t(unitKind === 'commune'
        ? { vi: 'Tiến độ theo tỉnh và xã/phường', en: 'Progress by province and commune' }
        : { vi: 'Tiến độ theo tỉnh và điểm phục vụ', en: 'Progress by province and service point' })}</h2>
      <div className="toolbar fieldwork-controls" role="search" aria-label={t({ vi: 'Tìm và lọc', en: 'Search and filter' })}>
        <label className="inline-field">
          <span>{t({ vi: `Tìm tỉnh hoặc ${unitWord.vi}`, en: `Find a province or ${unitWord.en}` })}</span>
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t({ vi: 'Ví dụ: Ba Đình', en: 'E.g. Ba Dinh' })} />
        </label>
        <label className="inline-field">
          <span>{t({ vi: 'Sắp xếp theo', en: 'Sort by' })}</span>
          <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
            {SORTS.map((s) => <option key={s.key} value={s.key}>{t(s.label)}</option>)}
          </select>
        </label>
        <fieldset>
          <legend>{t({ vi: 'Chỉ hiện', en: 'Show only' })}</legend>
          {unitKind === 'commune' && (
            <label className="checkbox"><input type="checkbox" checked={onlyBehind} onChange={(e) => setOnlyBehind(e.target.checked)} />
              {t({ vi: 'Chưa đạt chỉ tiêu', en: 'Behind target' })}</label>
          )}
          <label className="checkbox"><input type="checkbox" checked={onlyFlagged} onChange={(e) => setOnlyFlagged(e.target.checked)} />
            {t({ vi: 'Có cảnh báo chất lượng', en: 'With quality flags' })}</label>
        </fieldset>
      </div>
      <p role="status" aria-live="polite" data-testid="fieldwork-shown">
        {filtering
          ? t({ vi: `${integer(shown.length, lang)} tỉnh, ${integer(unitCount, lang)} ${unitWord.vi} phù hợp.`, en: `${integer(shown.length, lang)} provinces, ${integer(unitCount, lang)} ${unitWord.en} match.` })
          : t({ vi: `${integer(shown.length, lang)} tỉnh, ${integer(unitCount, lang)} ${unitWord.vi}. Bấm tên tỉnh để xem từng ${unitWord.vi}.`, en: `${integer(shown.length, lang)} provinces, ${integer(unitCount, lang)} ${unitWord.en}. Open a province to see its ${unitWord.en}.` })}
      </p>
      <TableScroll label={t({ vi: 'Bảng tiến độ thực địa', en: 'Fieldwork progress table' })}>
        <table className="fieldwork-table">
          <caption className="visually-hidden">{t({ vi: 'Tiến độ thực địa theo tỉnh; mở một tỉnh để xem từng đơn vị', en: 'Fieldwork progress by province; open a province for its units' })}</caption>
          <thead>
            <tr>
              <th scope="col">{t(unitKind === 'commune' ? { vi: 'Tỉnh / xã', en: 'Province / commune' } : { vi: 'Tỉnh / điểm phục vụ', en: 'Province / service point' })}</th>
              <th scope="col" className="num">{t({ vi: 'Đã nhận / chỉ tiêu', en: 'Received / target' })}</th>
              <th scope="col" className="num">{t({ vi: 'Tỷ lệ đạt', en: 'Of target' })}</th>
              <th scope="col" className="num">{t({ vi: 'Hợp lệ', en: 'Complete' })}</th>
              <th scope="col">{t({ vi: 'Cảnh báo chất lượng', en: 'Quality flags' })}</th>
              <th scope="col">{t({ vi: 'Phiếu gần nhất', en: 'Last received' })}</th>
              <th scope="col">{t({ vi: 'Kênh', en: 'Channels' })}</th>
            </tr>
          </thead>
          {shown.map(({ province: p, units }) => {
            const expanded = isOpen(p.code);
            return (
              <tbody key={p.code} data-province={p.code}>
                <tr className="group-row">
                  <th scope="row">
                    <button type="button" className="expand" aria-expanded={expanded} onClick={() => toggle(p.code)}>
                      <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> {p.nameVi}
                      <span className="muted"> ({integer(units.length, lang)}{filtering && units.length !== p.units.length ? `/${integer(p.units.length, lang)}` : ''} {t(unitWord)})</span>
                    </button>
                  </th>
                  <Cells name={p.nameVi} p={p} />
                </tr>
                {expanded && units.map((u) => (
                  <tr key={u.code} data-unit={u.code} className="unit-row">
                    <th scope="row">{u.nameVi}</th>
                    <Cells name={u.nameVi} p={u} />
                  </tr>
                ))}
              </tbody>
            );
          })}
        </table>
      </TableScroll>
      <button type="button" className="button secondary" onClick={download} disabled={unitCount === 0}>
        {t({ vi: `Tải CSV các ${unitWord.vi} đang hiện`, en: `Download the ${unitWord.en} shown (CSV)` })}
      </button>
    </section>
  );
}
