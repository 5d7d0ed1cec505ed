import { NetworkError, ProblemError } from '../lib/api';
import { useLang } from '../lib/i18n';

/** A refused form submission: the server's title and each field's issue, announced to screen readers. */
export function FormProblem({ error }: { error: unknown }) {
  const { t } = useLang();
  if (!error) return null;
  if (error instanceof ProblemError) {
    return (
      <div className="notice error" role="alert">
        <p>{t({ vi: error.title, en: error.titleEn })}</p>
        {error.issues.length > 0 && (
          <ul>{error.issues.map((i, k) => <li key={k}><code>{i.field}</code>: {t({ vi: i.message, en: i.messageEn ?? i.message })}</li>)}</ul>
        )}
      </div>
    );
  }
  return (
    <p className="notice error" role="alert">
      {error instanceof NetworkError
        ? t({ vi: 'Không kết nối được máy chủ. Vui lòng thử lại.', en: 'Could not reach the server. Please try again.' })
        : String((error as Error)?.message ?? error)}
    </p>
  );
}
