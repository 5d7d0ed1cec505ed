import { NonProbabilityNotice } from '../../components/NonProbabilityNotice';
import { SyntheticNotice } from '../../components/SyntheticNotice';
import { useLang } from '../../lib/i18n';
import { navigate } from '../../lib/navigate';
import { GEOGRAPHY_LABELS } from './labels';
import type { Geography, OfficialWave } from './types';

interface ViewControlsProps {
  waves: readonly OfficialWave[];
  wave: OfficialWave;
  geography: Geography;
  /** Where the page lives for another wave or geography. */
  hrefFor(wave: string, geography: Geography): string;
}

/** Wave picker and the choice of units (63 old provinces or 34 new units); a synthetic wave says so. */
export function ViewControls({ waves, wave, geography, hrefFor }: ViewControlsProps) {
  const { t } = useLang();
  // Another wave opens on its own units, unless the 34 units were chosen for a wave on the 63.
  const chose34 = geography === 'vn-34' && wave.geography === 'vn-63';
  const pickWave = (waveId: string) => {
    const next = waves.find((w) => w.id === waveId);
    navigate(hrefFor(waveId, chose34 || next?.geography === 'vn-34' ? 'vn-34' : 'vn-63'));
  };
  return (
    <>
      <form className="view-controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t({ vi: 'Đợt khảo sát', en: 'Survey wave' })}</span>
          <select value={wave.id} onChange={(e) => pickWave(e.target.value)}>
            {waves.map((w) => (
              <option key={w.id} value={w.id}>
                {t({ vi: w.titleVi, en: w.titleEn })} ({w.year}{w.isSynthetic ? t({ vi: ', mô phỏng', en: ', synthetic' }) : ''})
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{t({ vi: 'Đơn vị hành chính cấp tỉnh', en: 'Provincial units' })}</legend>
          {(['vn-63', 'vn-34'] as const).map((g) => (
            <label key={g} className="radio">
              <input
                type="radio" name="geography" value={g} checked={geography === g}
                disabled={g === 'vn-63' && wave.geography === 'vn-34'}
                onChange={() => navigate(hrefFor(wave.id, g))}
              />
              {t(GEOGRAPHY_LABELS[g])}
            </label>
          ))}
        </fieldset>
      </form>
      {wave.isSynthetic && <SyntheticNotice />}
      {wave.design === 'open' && <NonProbabilityNotice />}
    </>
  );
}
