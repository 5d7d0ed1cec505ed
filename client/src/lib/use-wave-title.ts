import type { Text } from './i18n';
import { useApi } from './use-api';

interface WaveItem { id: string; titleVi: string; titleEn: string }

/** A wave's title for headings of pages that know only its id; the id itself while the list loads. */
export function useWaveTitle(wave: string): Text {
  const waves = useApi<{ waves: WaveItem[] }>('/api/dashboard/waves');
  const found = waves.status === 'ok' ? waves.data.waves.find((w) => w.id === wave) : undefined;
  return found ? { vi: found.titleVi, en: found.titleEn } : { vi: wave, en: wave };
}
