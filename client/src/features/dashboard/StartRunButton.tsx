import { useState } from 'react';
import { api, ProblemError } from '../../lib/api';
import { useLang } from '../../lib/i18n';
import { dashboardUrls } from './urls';
import type { Geography } from './types';

interface StartRunButtonProps {
  wave: string;
  geography: Geography;
  label: { vi: string; en: string };
  onDone(): void;
}

/** Starts an estimation run of a wave on a geography (analysts and administrators) and waits for it. */
export function StartRunButton({ wave, geography, label, onDone }: StartRunButtonProps) {
  const { t } = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(dashboardUrls.startRun(wave), { geography });
      onDone();
    } catch (err) {
      setError(err instanceof ProblemError ? t({ vi: err.title, en: err.titleEn }) : t({ vi: 'Không kết nối được máy chủ. Vui lòng thử lại.', en: 'Could not reach the server. Please try again.' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="start-run">
      <button type="button" className="button" onClick={start} disabled={busy} aria-describedby={error ? `run-error-${wave}-${geography}` : undefined}>
        {busy ? t({ vi: 'Đang ước lượng… (có thể mất vài phút)', en: 'Estimating… (this may take a few minutes)' }) : t(label)}
      </button>
      {error && <p id={`run-error-${wave}-${geography}`} className="notice error" role="alert">{error}</p>}
    </div>
  );
}
