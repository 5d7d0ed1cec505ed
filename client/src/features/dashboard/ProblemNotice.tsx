import { ProblemError } from '../../lib/api';
import { useLang } from '../../lib/i18n';
import type { Loaded } from '../../lib/use-api';

/** Loading and failure states of a fetched section; a 403 is explained politely. */
export function ProblemNotice({ loaded }: { loaded: Loaded<unknown> }) {
  const { t } = useLang();
  if (loaded.status === 'loading') return <p aria-busy="true">{t({ vi: 'Đang tải…', en: 'Loading…' })}</p>;
  if (loaded.status !== 'error') return null;
  const err = loaded.error;
  if (err instanceof ProblemError && err.status === 403) {
    return (
      <div className="notice error" role="alert">
        <p><strong>{t({ vi: 'Xin lỗi, bạn không có quyền xem nội dung này.', en: 'Sorry, you are not allowed to see this.' })}</strong></p>
        <p>{t({ vi: err.title, en: err.titleEn })}</p>
      </div>
    );
  }
  if (err instanceof ProblemError) return <p className="notice error" role="alert">{t({ vi: err.title, en: err.titleEn })}</p>;
  return <p className="notice error" role="alert">{t({ vi: 'Không kết nối được máy chủ. Vui lòng thử lại.', en: 'Could not reach the server. Please try again.' })}</p>;
}
