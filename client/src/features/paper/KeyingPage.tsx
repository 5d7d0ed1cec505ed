import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link } from '../../components/Link';
import { ProblemNotice } from '../../components/ProblemNotice';
import { api } from '../../lib/api';
import { useLang } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import type { KeyingForm, VerificationItem } from './types';

/** A field's keyed text → the choice positions it names (1-based): digits, or numbers split by spaces/commas when there are ten or more choices. */
function positions(text: string, choices: number): number[] | null {
  const t = text.trim();
  if (t === '' || t === '0') return [];
  const parts = choices >= 10 ? t.split(/[\s,;]+/) : t.replace(/[\s,;]+/g, '').split('');
  const ns = parts.map(Number);
  if (ns.some((n) => !Number.isInteger(n) || n < 1 || n > choices)) return null;
  return [...new Set(ns)].sort((a, b) => a - b);
}

/** The value sent for a field, or `undefined` when what was typed is not a choice. */
function valueOf(item: VerificationItem, text: string): unknown {
  if (item.kind === 'text') return text.trim() === '' ? null : text.trim();
  const ps = positions(text, item.choices.length);
  if (ps === null || (item.kind === 'single' && ps.length > 1)) return undefined;
  if (ps.length === 0) return null;
  return item.kind === 'single' ? item.choices[ps[0] - 1].value : ps.map((p) => item.choices[p - 1].value);
}

/**
 * `/admin/paper-key/:id`: keying a paper form by hand, keyboard first. One field per question in the
 * order (and so the tab order) of the paper form; a choice is keyed as its number (ratings 1–5), several
 * boxes as several digits, 0 or nothing for no answer; Enter moves to the next field, Ctrl+Enter saves.
 * The first entry may ask for a second (double entry); the second clerk keys blind, and any disagreement
 * goes to verification.
 */
export function KeyingPage({ id }: { id: string }) {
  const { t } = useLang();
  const loaded = useApi<{ form: KeyingForm }>(`/api/paper/forms/${encodeURIComponent(id)}/keying`);
  const [form, setForm] = useState<KeyingForm | null>(null);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [double, setDouble] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // On the data, not on `loaded` (a new object every render), so an answer set by a POST is not overwritten.
  const loadedForm = loaded.status === 'ok' ? loaded.data.form : null;
  useEffect(() => { if (loadedForm) setForm(loadedForm); }, [loadedForm]);
  useEffect(() => { formRef.current?.querySelector<HTMLElement>('input,textarea')?.focus(); }, [form?.id, form?.pass]);

  if (loaded.status === 'loading' || (!form && loaded.status === 'ok')) return <p aria-busy="true">{t({ vi: 'Đang tải…', en: 'Loading…' })}</p>;
  if (loaded.status === 'error') return <ProblemNotice error={loaded.error} />;
  const current = form!;
  const invalid = current.fields.filter((f) => valueOf(f, texts[f.question] ?? '') === undefined);

  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    if (invalid.length || busy) {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answers = Object.fromEntries(current.fields.map((f) => [f.question, valueOf(f, texts[f.question] ?? '')]).filter(([, v]) => v !== null));
      const res = await api.post<{ form: KeyingForm }>(`/api/paper/forms/${encodeURIComponent(id)}/keying`, { answers, double: current.pass === 1 && double });
      setForm(res.form);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void save(); return; }
    if (e.key !== 'Enter' || e.shiftKey || (e.target as HTMLElement).tagName === 'TEXTAREA' || (e.target as HTMLElement).tagName === 'BUTTON') return;
    // Enter moves on, as in the paper form's order.
    e.preventDefault();
    const all = [...(formRef.current?.querySelectorAll<HTMLElement>('input,textarea,button[type=submit]') ?? [])];
    all[all.indexOf(e.target as HTMLElement) + 1]?.focus();
  };

  const outcome = saved && (
    current.status === 'stored' ? <p className="notice" role="status" data-testid="keying-result">{t({ vi: 'Đã lưu phiếu trả lời.', en: 'The response is stored.' })}</p>
      : current.disagreements.length ? (
        <div className="notice" role="status" data-testid="keying-result">
          <p>{t({ vi: `Hai lần nhập khác nhau ở ${current.disagreements.length} câu: ${current.disagreements.join(', ')}.`, en: `The two entries differ on ${current.disagreements.length} question(s): ${current.disagreements.join(', ')}.` })}</p>
          <Link href={`/admin/paper-forms/${encodeURIComponent(id)}`}>{t({ vi: 'Giải quyết chênh lệch', en: 'Settle the disagreements' })}</Link>
        </div>
      ) : current.awaitingSecond ? <p className="notice" role="status" data-testid="keying-result">{t({ vi: 'Đã ghi lần nhập thứ nhất; phiếu chờ cán bộ thứ hai nhập lại để đối chiếu.', en: 'First entry recorded; the form waits for a second clerk to key it again.' })}</p>
        : current.status === 'refused' ? <p className="notice error" role="alert" data-testid="keying-result">{t({ vi: 'Phiếu không lưu được; xem trang kiểm tra phiếu.', en: 'The form could not be stored; see its verification page.' })}</p> : null
  );

  return (
    <article className="admin-page paper-keying">
      <h1>{t({ vi: 'Nhập tay phiếu giấy', en: 'Key a paper form' })} — {current.label}</h1>
      <nav className="subnav"><Link href={`/admin/paper/${encodeURIComponent(current.wave)}`}>{t({ vi: 'Phiếu giấy của đợt', en: 'Paper forms of the wave' })}</Link></nav>
      {error !== null && <ProblemNotice error={error} />}
      {outcome}
      {current.pass === null ? (
        !saved && <p className="notice" role="status">{current.status === 'stored'
          ? t({ vi: 'Phiếu này đã được lưu; không cần nhập nữa.', en: 'This form is stored; nothing is left to key.' })
          : current.disagreements.length
            ? <>{t({ vi: 'Phiếu đã được nhập hai lần và có chênh lệch cần giải quyết. ', en: 'The form has been keyed twice and has disagreements to settle. ' })}<Link href={`/admin/paper-forms/${encodeURIComponent(id)}`}>{t({ vi: 'Giải quyết chênh lệch', en: 'Settle the disagreements' })}</Link></>
            : t({ vi: 'Phiếu này không nhập tay được (đã đọc từ bản quét hoặc đã nhập đủ).', en: 'This form cannot be keyed (read from scans, or keyed already).' })}</p>
      ) : (
        <form ref={formRef} onSubmit={save} onKeyDown={onKey} noValidate>
          <p className="hint">{current.pass === 2
            ? t({ vi: 'Lần nhập thứ hai: nhập lại toàn bộ phiếu từ bản giấy, không xem lần nhập thứ nhất.', en: 'Second entry: key the whole form again from the paper, without the first entry.' })
            : current.awaitingSecond
              ? t({ vi: 'Bạn đã nhập lần thứ nhất; phiếu chờ cán bộ khác nhập lại. Gửi lại để sửa lần nhập của bạn.', en: 'You keyed the first entry; the form waits for another clerk. Send again to correct yours.' })
              : t({ vi: 'Gõ số của lựa chọn (0 hoặc để trống: không trả lời); nhiều ô: gõ các số liền nhau. Enter sang câu sau, Ctrl+Enter lưu.', en: 'Type the choice’s number (0 or empty: no answer); several boxes: type their numbers. Enter moves on, Ctrl+Enter saves.' })}</p>
          <ol className="paper-fields">
            {current.fields.map((f) => {
              const text = texts[f.question] ?? '';
              const value = valueOf(f, text);
              const fieldId = `key-${f.question.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
              const chosen = value === undefined || value === null || f.kind === 'text' ? []
                : (Array.isArray(value) ? value : [value]).map((v) => f.choices.find((c) => c.value === v)?.label ?? String(v));
              return (
                <li key={f.question}>
                  <label htmlFor={fieldId}>{f.title}</label>
                  {f.kind === 'text' ? (
                    <textarea id={fieldId} name={f.question} rows={2} value={text} onChange={(e) => setTexts((s) => ({ ...s, [f.question]: e.target.value }))} />
                  ) : (
                    <>
                      <input id={fieldId} name={f.question} type="text" inputMode="numeric" autoComplete="off" size={f.kind === 'single' ? 2 : 8}
                        aria-describedby={`${fieldId}-hint`} aria-invalid={value === undefined} value={text}
                        onChange={(e) => setTexts((s) => ({ ...s, [f.question]: e.target.value }))} />
                      <span id={`${fieldId}-hint`} className="hint">
                        {value === undefined
                          ? t({ vi: `Không hợp lệ: gõ 1–${f.choices.length} hoặc 0`, en: `Invalid: type 1–${f.choices.length} or 0` })
                          : chosen.length ? chosen.join('; ') : `1–${f.choices.length}: ${f.choices.map((c, k) => `${k + 1} ${c.label}`).join(' · ')}`}
                      </span>
                    </>
                  )}
                </li>
              );
            })}
          </ol>
          {current.pass === 1 && !current.awaitingSecond && (
            <label className="paper-double"><input type="checkbox" checked={double} onChange={(e) => setDouble(e.target.checked)} />
              {t({ vi: 'Nhập hai lần: chờ một cán bộ khác nhập lại phiếu để đối chiếu trước khi lưu', en: 'Double entry: wait for another clerk to key the form again before storing it' })}</label>
          )}
          {invalid.length > 0 && <p className="notice error" role="alert">{t({ vi: `${invalid.length} câu nhập chưa hợp lệ`, en: `${invalid.length} field(s) are not valid` })}</p>}
          <button type="submit" disabled={busy}>{t({ vi: 'Lưu lần nhập (Ctrl+Enter)', en: 'Save the entry (Ctrl+Enter)' })}</button>
        </form>
      )}
    </article>
  );
}
