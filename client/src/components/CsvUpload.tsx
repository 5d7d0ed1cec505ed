import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../lib/api';
import { useLang, type Text } from '../lib/i18n';
import { ProblemNotice } from './ProblemNotice';

interface CsvUploadProps<T> {
  /** Where the file's text is posted (`text/csv`). */
  url: string;
  label: Text;
  /** What the file must contain, shown under the field. */
  help: ReactNode;
  submitLabel: Text;
  onUploaded(result: T): void;
}

type State = { phase: 'idle' } | { phase: 'uploading'; name: string } | { phase: 'done'; name: string } | { phase: 'failed'; error: unknown };

/**
 * Choose a CSV file and upload it; the server checks it whole, so a refusal lists every bad line and
 * nothing is stored.
 */
export function CsvUpload<T>({ url, label, help, submitLabel, onUploaded }: CsvUploadProps<T>) {
  const { t } = useLang();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ phase: 'idle' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setState({ phase: 'uploading', name: file.name });
    try {
      const result = await api.upload<T>(url, await file.text());
      setState({ phase: 'done', name: file.name });
      onUploaded(result);
    } catch (error) {
      setState({ phase: 'failed', error });
    }
    // Choosing the same (corrected) file again must count as a new choice.
    if (input.current) input.current.value = '';
    setFile(null);
  };
  return (
    <form className="csv-upload" onSubmit={submit}>
      <label htmlFor={id}>{t(label)}</label>
      <input ref={input} id={id} type="file" accept=".csv,text/csv" aria-describedby={`${id}-help`}
        onChange={(e) => { setFile(e.target.files?.[0] ?? null); setState({ phase: 'idle' }); }} />
      <div id={`${id}-help`} className="help">{help}</div>
      <button type="submit" className="button" disabled={!file || state.phase === 'uploading'}>{t(submitLabel)}</button>
      <div role="status" aria-live="polite">
        {state.phase === 'uploading' && <p className="notice" aria-busy="true">{t({ vi: `Đang tải lên và kiểm tra ${state.name}…`, en: `Uploading and checking ${state.name}…` })}</p>}
        {state.phase === 'done' && <p className="notice success">{t({ vi: `Đã tải lên ${state.name}.`, en: `${state.name} uploaded.` })}</p>}
      </div>
      {state.phase === 'failed' && <ProblemNotice error={state.error} />}
    </form>
  );
}
