import { useState } from 'react';
import { ProblemNotice } from '../../components/ProblemNotice';
import { TableScroll } from '../../components/TableScroll';
import { api } from '../../lib/api';
import { saveBlob } from '../../lib/csv';
import { decimal, integer } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { stratumLabel } from './stratum-label';
import type { PlanCommune } from './types';

interface Props { wave: string; communes: PlanCommune[]; canPrint: boolean; onPrinted(): void }

/** The drawn communes with π, target and design weight, and their invitation sheets. */
export function SelectedCommunes({ wave, communes, canPrint, onPrinted }: Props) {
  const { t, lang } = useLang();
  const [printing, setPrinting] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const print = async (c: PlanCommune) => {
    if (c.invitations.issued > c.invitations.used && !confirm(t({
      vi: `In lại phiếu mời của ${c.nameVi} sẽ hủy ${c.invitations.issued - c.invitations.used} mã chưa dùng của lần in trước. Tiếp tục?`,
      en: `Printing ${c.nameVi} again cancels the ${c.invitations.issued - c.invitations.used} unused codes of the earlier sheet. Continue?`,
    }))) return;
    setPrinting(c.code);
    setError(null);
    try {
      const { blob, filename } = await api.download(`/api/waves/${encodeURIComponent(wave)}/sample/communes/${c.code}/invitations`);
      saveBlob(filename ?? `phieu-moi-${c.code}.pdf`, blob);
      onPrinted();
    } catch (err) {
      setError(err);
    } finally {
      setPrinting(null);
    }
  };
  return (
    <>
      <div role="status" aria-live="polite">
        {printing && <p className="notice" aria-busy="true">{t({ vi: 'Đang tạo phiếu mời (PDF)…', en: 'Making the invitation sheet (PDF)…' })}</p>}
      </div>
      {error !== null && <ProblemNotice error={error} />}
      <TableScroll label={t({ vi: 'Các xã được chọn', en: 'Selected communes' })}>
        <table>
          <caption>{t({ vi: `Các xã được chọn (${communes.length})`, en: `Selected communes (${communes.length})` })}</caption>
          <thead>
            <tr>
              <th scope="col">{t({ vi: 'Xã/phường', en: 'Commune' })}</th>
              <th scope="col">{t({ vi: 'Tỉnh', en: 'Province' })}</th>
              <th scope="col">{t({ vi: 'Tầng', en: 'Stratum' })}</th>
              <th scope="col" className="num">{t({ vi: 'Dân số 18+', en: 'Adults' })}</th>
              <th scope="col" className="num">π</th>
              <th scope="col" className="num">{t({ vi: 'Chỉ tiêu', en: 'Target' })}</th>
              <th scope="col" className="num">{t({ vi: 'Trọng số thiết kế', en: 'Design weight' })}</th>
              <th scope="col">{t({ vi: 'Phiếu mời (đã dùng/đã in)', en: 'Invitations (used/printed)' })}</th>
            </tr>
          </thead>
          <tbody>
            {communes.map((c) => (
              <tr key={c.code}>
                <th scope="row">{c.nameVi} <span className="muted">({c.code})</span></th>
                <td>{c.provinceNameVi}</td>
                <td>{t(stratumLabel(c.stratum, (code) => (code === c.province ? { vi: c.provinceNameVi, en: c.provinceNameVi } : undefined)))}</td>
                <td className="num">{integer(c.adultPopulation, lang)}</td>
                <td className="num">{c.certainty ? t({ vi: '1 (chắc chắn)', en: '1 (certain)' }) : decimal(c.probability, lang, 4)}</td>
                <td className="num">{integer(c.target, lang)}</td>
                <td className="num">{decimal(c.designWeight, lang, 1)}</td>
                <td>
                  {integer(c.invitations.used, lang)}/{integer(c.invitations.issued, lang)}
                  {canPrint && (
                    <button type="button" className="button small" disabled={printing !== null} onClick={() => void print(c)}
                      aria-label={t({ vi: `In phiếu mời của ${c.nameVi} (PDF)`, en: `Print invitations of ${c.nameVi} (PDF)` })}>
                      {c.invitations.issued ? t({ vi: 'In lại', en: 'Reprint' }) : t({ vi: 'In phiếu mời', en: 'Print invitations' })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
