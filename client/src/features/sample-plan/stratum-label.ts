import type { Text } from '../../lib/i18n';

const AREA: Record<string, Text> = {
  urban: { vi: 'thành thị', en: 'urban' }, U: { vi: 'thành thị', en: 'urban' },
  rural: { vi: 'nông thôn', en: 'rural' }, R: { vi: 'nông thôn', en: 'rural' },
};

/**
 * A stratum's name for the screen: `01-urban` (or the demo's `01-U`) is "Hà Nội — thành thị", `01` is
 * "Hà Nội"; a label of another form is shown as it is.
 */
export function stratumLabel(stratum: string, provinceName: (code: string) => Text | undefined): Text {
  const m = /^([0-9]+)(?:-(urban|rural|U|R))?$/.exec(stratum);
  const province = m ? provinceName(m[1]) : undefined;
  if (!m || !province) return { vi: stratum, en: stratum };
  const area = m[2] ? AREA[m[2]] : null;
  return area ? { vi: `${province.vi} — ${area.vi}`, en: `${province.en} — ${area.en}` } : province;
}
