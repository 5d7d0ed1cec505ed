import { useState, type FormEvent } from 'react';
import { Link } from '../../components/Link';
import { ProblemNotice } from '../../components/ProblemNotice';
import { TableScroll } from '../../components/TableScroll';
import { api } from '../../lib/api';
import { useLang } from '../../lib/i18n';
import { navigate } from '../../lib/navigate';
import { useSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { useWaveTitle } from '../../lib/use-wave-title';
import type { PaperCounts, ReadResult, VerificationListEntry } from './types';

/**
 * `/admin/paper/:wave`: the paper channel of a wave — print forms (per invitation or blank with serials) and
 * upload scans (national administrators), key a form that cannot be scanned, the forms waiting for
 * verification (uncertain readings and double entry's disagreements), and forms printed/returned/read/in
 * verification/stored per commune. A province official sees and handles their province's communes.
 */
export function PaperPage({ wave }: { wave: string }) {
  const { t } = useLang();
  const enc = encodeURIComponent(wave);
  const counts = useApi<{ communes: PaperCounts[] }>(`/api/waves/${enc}/paper/counts`);
  const list = useApi<{ forms: VerificationListEntry[] }>(`/api/waves/${enc}/paper/verification`);
  const title = useWaveTitle(wave);
  const communeNames = new Map(counts.status === 'ok' ? counts.data.communes.flatMap((c) => (c.commune && c.name ? [[c.commune, c.name] as const] : [])) : []);
  const [count, setCount] = useState('10');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [read, setRead] = useState<ReadResult | null>(null);
  const [code, setCode] = useState('');
  const { state } = useSession();
  const national = state.status === 'signed-in' && state.user.role === 'national_admin';

  const openKeying = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const { form } = await api.post<{ form: { id: string } }>(`/api/waves/${enc}/paper/lookup`, { form: code });
      navigate(`/admin/paper-key/${form.id}`);
    } catch (err) { setError(err); }
  };

  const print = async (body: unknown) => {
    setBusy(true);
    setError(null);
    try {
      const { blob } = await api.download(`/api/waves/${enc}/paper/forms`, 'application/pdf', body);
      const url = URL.createObjectURL(blob);
      const a = Object.assign(document.createElement('a'), { href: url, download: `phieu-giay-${wave}.pdf` });
      a.click();
      URL.revokeObjectURL(url);
      counts.reload();
    } catch (e) { setError(e); } finally { setBusy(false); }
  };

  const upload = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    setError(null);
    const merged: ReadResult = { forms: [], pages: [] };
    try {
      for (const file of Array.from(files)) {
        const r = await api.uploadFile<ReadResult>(`/api/waves/${enc}/paper/scans?name=${encodeURIComponent(file.name)}`, file);
        merged.forms.push(...r.forms);
        merged.pages.push(...r.pages);
      }
      setRead(merged);
      counts.reload();
      list.reload();
    } catch (e) { setError(e); } finally { setBusy(false); }
  };

  return (
    <article className="admin-page">
      <h1>{t({ vi: 'Phiếu giấy', en: 'Paper forms' })}: {t(title)}</h1>
      <nav className="subnav">
        <Link href={`/admin/fieldwork/${enc}`}>{t({ vi: 'Theo dõi thực địa', en: 'Fieldwork monitor' })}</Link>
        <Link href={`/admin/sample/${enc}`}>{t({ vi: 'Kế hoạch mẫu', en: 'Sample plan' })}</Link>
      </nav>
      {error !== null && <ProblemNotice error={error} />}
      {national && (<>
      <section aria-labelledby="paper-print">
        <h2 id="paper-print">{t({ vi: 'In phiếu', en: 'Print forms' })}</h2>
        <button type="button" disabled={busy} onClick={() => print({ invitations: true })}>{t({ vi: 'In phiếu theo phiếu mời (mọi xã được chọn)', en: 'Print a form per invitation (all selected communes)' })}</button>
        <label>{t({ vi: 'Số phiếu trắng', en: 'Blank forms' })} <input type="number" min={1} max={5000} value={count} onChange={(e) => setCount(e.target.value)} /></label>
        <button type="button" disabled={busy} onClick={() => print({ count: Number(count) })}>{t({ vi: 'In phiếu trắng đánh số', en: 'Print numbered blank forms' })}</button>
      </section>
      <section aria-labelledby="paper-scans">
        <h2 id="paper-scans">{t({ vi: 'Tải lên bản quét', en: 'Upload scans' })}</h2>
        <label>{t({ vi: 'Tệp quét (PDF, PNG, JPEG, TIFF)', en: 'Scan files (PDF, PNG, JPEG, TIFF)' })}
          <input type="file" multiple accept="application/pdf,image/png,image/jpeg,image/tiff" disabled={busy} onChange={(e) => upload(e.target.files)} /></label>
        {busy && <p aria-busy="true">{t({ vi: 'Đang xử lý…', en: 'Working…' })}</p>}
        {read && (
          <p role="status">{t({
            vi: `Đã đọc ${read.pages.filter((p) => p.status === 'read').length}/${read.pages.length} trang: ${read.forms.filter((f) => f.status === 'stored').length} phiếu đã lưu, ${read.forms.filter((f) => f.status === 'verification').length} chờ kiểm tra.`,
            en: `Read ${read.pages.filter((p) => p.status === 'read').length}/${read.pages.length} pages: ${read.forms.filter((f) => f.status === 'stored').length} stored, ${read.forms.filter((f) => f.status === 'verification').length} to verify.`,
          })}</p>
        )}
      </section>
      </>)}
      <section aria-labelledby="paper-keying">
        <h2 id="paper-keying">{t({ vi: 'Nhập tay phiếu không quét được', en: 'Key a form that cannot be scanned' })}</h2>
        <form onSubmit={openKeying}>
          <label>{t({ vi: 'Mã phiếu in trên giấy (mã mời hoặc số sê-ri)', en: 'Code printed on the form (invitation code or serial)' })}
            <input type="text" autoComplete="off" spellCheck={false} value={code} onChange={(e) => setCode(e.target.value)} required /></label>
          <button type="submit">{t({ vi: 'Mở phiếu để nhập', en: 'Open the form for keying' })}</button>
        </form>
      </section>
      <section aria-labelledby="paper-verify">
        <h2 id="paper-verify">{t({ vi: 'Phiếu chờ kiểm tra', en: 'Forms to verify' })}</h2>
        {list.status === 'ok' && (list.data.forms.length === 0 ? <p>{t({ vi: 'Không có phiếu nào chờ kiểm tra.', en: 'No form is waiting.' })}</p> : (
          <ul>{list.data.forms.map((f) => <li key={f.id}><Link href={`/admin/paper-forms/${f.id}`}>{f.label}</Link> · {(f.commune && communeNames.get(f.commune)) ?? f.commune ?? '—'} · {t({ vi: `${f.uncertain} câu`, en: `${f.uncertain} question(s)` })}{f.disagreements > 0 && <> · {t({ vi: `${f.disagreements} chênh lệch giữa hai lần nhập`, en: `${f.disagreements} disagreement(s) between entries` })}</>}</li>)}</ul>
        ))}
      </section>
      <section aria-labelledby="paper-counts">
        <h2 id="paper-counts">{t({ vi: 'Theo xã', en: 'By commune' })}</h2>
        {counts.status === 'ok' && (
          <TableScroll label={t({ vi: 'Phiếu giấy theo xã', en: 'Paper forms by commune' })}><table>
            <thead><tr>
              <th>{t({ vi: 'Xã/phường', en: 'Commune' })}</th><th>{t({ vi: 'Đã in', en: 'Printed' })}</th><th>{t({ vi: 'Đã nhận', en: 'Returned' })}</th>
              <th>{t({ vi: 'Đã đọc', en: 'Read' })}</th><th>{t({ vi: 'Chờ kiểm tra', en: 'In verification' })}</th><th>{t({ vi: 'Đã lưu', en: 'Stored' })}</th>
            </tr></thead>
            <tbody>{counts.data.communes.map((c) => (
              <tr key={c.commune ?? 'blank'}><td>{c.name ?? c.commune ?? t({ vi: 'Phiếu trắng', en: 'Blank forms' })}</td><td className="num">{c.printed}</td><td className="num">{c.returned}</td><td className="num">{c.read}</td><td className="num">{c.verification}</td><td className="num">{c.stored}</td></tr>
            ))}</tbody>
          </table></TableScroll>
        )}
      </section>
    </article>
  );
}
