import { useState } from 'react';
import { ProblemNotice } from '../../components/ProblemNotice';
import { saveBlob } from '../../lib/csv';
import { integer } from '../../lib/format';
import { useLang, type Text } from '../../lib/i18n';
import { fetchFile, type FileProgress } from './fetch-file';

interface Props {
  url: string;
  label: Text;
  /** What the file holds, under the button. */
  detail: Text;
  fallbackName: string;
}

type State = { phase: 'idle' } | FileProgress | { phase: 'done'; name: string } | { phase: 'failed'; error: unknown };

const kb = (bytes: number) => Math.max(1, Math.round(bytes / 1024));

/** One download of a run: the button, then live progress (building, then receiving), then the saved file. */
export function DownloadButton({ url, label, detail, fallbackName }: Props) {
  const { t, lang } = useLang();
  const [state, setState] = useState<State>({ phase: 'idle' });
  const busy = state.phase === 'building' || state.phase === 'receiving';
  const start = async () => {
    try {
      const { blob, filename } = await fetchFile(url, setState);
      const name = filename ?? fallbackName;
      saveBlob(name, blob);
      setState({ phase: 'done', name });
    } catch (error) {
      setState({ phase: 'failed', error });
    }
  };
  return (
    <li className="download">
      <button type="button" className="button" disabled={busy} onClick={() => void start()}>{t(label)}</button>
      <span className="help">{t(detail)}</span>
      <div role="status" aria-live="polite">
        {state.phase === 'building' && (
          <p className="notice" aria-busy="true">
            <progress aria-label={t({ vi: 'Đang tạo tệp', en: 'Building the file' })} />
            {t({ vi: `Máy chủ đang tạo tệp… ${state.seconds} giây`, en: `The server is building the file… ${state.seconds} s` })}
          </p>
        )}
        {state.phase === 'receiving' && (
          <p className="notice" aria-busy="true">
            <progress max={state.total ?? undefined} value={state.total ? state.received : undefined} aria-label={t({ vi: 'Đang tải về', en: 'Downloading' })} />
            {t({
              vi: `Đang tải về ${integer(kb(state.received), lang)}${state.total ? ` / ${integer(kb(state.total), lang)}` : ''} KB`,
              en: `Downloading ${integer(kb(state.received), lang)}${state.total ? ` / ${integer(kb(state.total), lang)}` : ''} KB`,
            })}
          </p>
        )}
        {state.phase === 'done' && <p className="notice success">{t({ vi: `Đã tải về ${state.name}.`, en: `Downloaded ${state.name}.` })}</p>}
      </div>
      {state.phase === 'failed' && <ProblemNotice error={state.error} />}
    </li>
  );
}
