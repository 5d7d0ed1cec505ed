import { NetworkError, ProblemError } from '../lib/api';
import './admin-pages.css';
import { useLang } from '../lib/i18n';

/** A refusal from the server, with every listed problem (e.g. each bad line of an upload). */
export function ProblemNotice({ error }: { error: unknown }) {
  const { t } = useLang();
  if (error instanceof ProblemError) {
    return (
      <div className="notice error" role="alert">
        <p>{t({ vi: error.title, en: error.titleEn })}</p>
        {error.issues.length > 0 && (
          <ul className="problem-list">
            {error.issues.map((i, k) => <li key={`${i.field}:${i.rule}:${k}`}>{t({ vi: i.message, en: i.messageEn ?? i.message })}</li>)}
          </ul>
        )}
      </div>
    );
  }
  const offline = error instanceof NetworkError;
  return (
    <p className="notice error" role="alert">
      {offline
        ? t({ vi: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.', en: 'Could not reach the server. Check the network and try again.' })
        : t({ vi: 'Đã có lỗi không mong muốn.', en: 'Something unexpected went wrong.' })}
    </p>
  );
}
