import { useCallback, useEffect, useState } from 'react';
import { Link } from '../../components/Link';
import { ProblemNotice } from '../../components/ProblemNotice';
import { api } from '../../lib/api';
import { useLang } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import type { VerificationForm, VerificationItem } from './types';

/**
 * `/admin/paper-forms/:id`: a clerk settles a paper form's uncertain questions one at a time, beside the
 * cut-out of the scan (or, for a disagreement of double entry, what each clerk keyed). Keyboard first: the digit of a choice answers, 0 records "no answer"; for boxes,
 * digits toggle and Enter confirms; for text, type and press Enter. The form is stored when none remain.
 */
export function VerifyPage({ id }: { id: string }) {
  const { t } = useLang();
  const loaded = useApi<{ form: VerificationForm }>(`/api/paper/forms/${encodeURIComponent(id)}`);
  const [form, setForm] = useState<VerificationForm | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // On the data, not on `loaded` (a new object every render), so an answer set by a POST is not overwritten.
  const loadedForm = loaded.status === 'ok' ? loaded.data.form : null;
  useEffect(() => { if (loadedForm) setForm(loadedForm); }, [loadedForm]);

  const settle = useCallback(async (question: string, value: unknown) => {
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ form: VerificationForm }>(`/api/paper/forms/${encodeURIComponent(id)}/settle`, { question, value });
      setForm(res.form);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, [id]);

  if (loaded.status === 'loading' || (!form && loaded.status === 'ok')) return <p aria-busy="true">{t({ vi: 'Đang tải…', en: 'Loading…' })}</p>;
  if (loaded.status === 'error') return <ProblemNotice error={loaded.error} />;
  const current = form!;
  const item = current.items[0];
  return (
    <article className="admin-page paper-verify">
      <h1>{t({ vi: 'Kiểm tra phiếu giấy', en: 'Verify a paper form' })} — {current.label}</h1>
      <nav className="subnav"><Link href={`/admin/paper/${encodeURIComponent(current.wave)}`}>{t({ vi: 'Phiếu giấy của đợt', en: 'Paper forms of the wave' })}</Link></nav>
      {error !== null && <ProblemNotice error={error} />}
      {current.status === 'stored' && <p className="notice" role="status" data-testid="stored">{t({ vi: 'Đã lưu phiếu trả lời. Không còn câu nào cần kiểm tra.', en: 'The response is stored. Nothing is left to verify.' })}</p>}
      {current.status === 'refused' && current.problem && (
        <div className="notice error" role="alert">
          <p>{t({ vi: 'Phiếu đủ câu trả lời nhưng không lưu được:', en: 'The form is complete but could not be stored:' })} {current.problem.title}</p>
          <ul>{current.problem.errors.map((e, k) => <li key={k}>{e.field}: {e.message}</li>)}</ul>
        </div>
      )}
      {item && current.status === 'verification' && (
        <>
          <p role="status">{t({ vi: `Còn ${current.items.length} câu cần kiểm tra`, en: `${current.items.length} question(s) left to verify` })}</p>
          <ItemPanel key={item.question} id={id} item={item} busy={busy} onSettle={settle} />
        </>
      )}
    </article>
  );
}

function ItemPanel({ id, item, busy, onSettle }: { id: string; item: VerificationItem; busy: boolean; onSettle(q: string, v: unknown): void }) {
  const { t } = useLang();
  const [picked, setPicked] = useState<number[]>([]);
  const [text, setText] = useState('');
  useEffect(() => {
    if (item.kind === 'text') return;
    const onKey = (e: KeyboardEvent) => {
      if (busy || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === '0') { e.preventDefault(); onSettle(item.question, null); return; }
      const n = Number(e.key);
      if (Number.isInteger(n) && n >= 1 && n <= item.choices.length) {
        e.preventDefault();
        if (item.kind === 'single') onSettle(item.question, item.choices[n - 1].value);
        else setPicked((p) => (p.includes(n - 1) ? p.filter((k) => k !== n - 1) : [...p, n - 1]));
      } else if (e.key === 'Enter' && item.kind === 'multiple' && picked.length) {
        e.preventDefault();
        onSettle(item.question, picked.sort((a, b) => a - b).map((k) => item.choices[k].value));
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [item, busy, picked, onSettle]);
  return (
    <section className="paper-item" aria-labelledby="paper-question">
      {item.scanned && <img className="paper-cutout" alt={t({ vi: `Ảnh quét của câu ${item.title}`, en: `Scan of ${item.title}` })}
        src={`/api/paper/forms/${encodeURIComponent(id)}/cutouts/${encodeURIComponent(item.question)}`} />}
      {item.keyed && (
        <dl className="paper-keyed" data-testid="keyed-values">
          {item.keyed.map((v, k) => (
            <div key={k}>
              <dt>{t({ vi: `Lần nhập ${k + 1}`, en: `Entry ${k + 1}` })}</dt>
              <dd>{v === null ? t({ vi: 'Không trả lời', en: 'No answer' }) : (Array.isArray(v) ? v : [v]).map((x) => {
                const n = item.choices.findIndex((c) => c.value === x);
                return n < 0 ? String(x) : `${n + 1} — ${item.choices[n].label}`;
              }).join('; ')}</dd>
            </div>
          ))}
        </dl>
      )}
      <h2 id="paper-question">{item.title}</h2>
      {item.kind === 'text' ? (
        <form onSubmit={(e) => { e.preventDefault(); onSettle(item.question, text.trim() || null); }}>
          <label htmlFor="paper-text">{t({ vi: 'Gõ lại nội dung viết tay (để trống nếu không có)', en: 'Type the handwriting (leave empty if none)' })}</label>
          <textarea id="paper-text" autoFocus value={text} onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); onSettle(item.question, text.trim() || null); } }} />
          <button type="submit" disabled={busy}>{t({ vi: 'Lưu', en: 'Save' })}</button>
        </form>
      ) : (
        <>
          <p className="hint">{item.kind === 'single'
            ? t({ vi: 'Bấm số của lựa chọn; 0 nếu không có câu trả lời.', en: 'Press the choice’s number; 0 for no answer.' })
            : t({ vi: 'Bấm số để chọn/bỏ từng ô, rồi Enter; 0 nếu không có câu trả lời.', en: 'Press numbers to toggle boxes, then Enter; 0 for no answer.' })}</p>
          <ol className="paper-choices">
            {item.choices.map((c, k) => (
              <li key={k}>
                <button type="button" disabled={busy} aria-pressed={picked.includes(k)}
                  onClick={() => (item.kind === 'single' ? onSettle(item.question, c.value) : setPicked((p) => (p.includes(k) ? p.filter((x) => x !== k) : [...p, k])))}>
                  <kbd>{k + 1}</kbd> {c.label}
                </button>
              </li>
            ))}
            <li><button type="button" disabled={busy} onClick={() => onSettle(item.question, null)}><kbd>0</kbd> {t({ vi: 'Không có câu trả lời', en: 'No answer' })}</button></li>
          </ol>
          {item.kind === 'multiple' && <button type="button" disabled={busy || !picked.length} onClick={() => onSettle(item.question, picked.sort((a, b) => a - b).map((k) => item.choices[k].value))}>{t({ vi: 'Xác nhận (Enter)', en: 'Confirm (Enter)' })}</button>}
        </>
      )}
    </section>
  );
}
