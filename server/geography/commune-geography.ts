/**
 * Where a wave's communes live. A real wave's communes belong to its geography version (`vn-63`, `vn-34`);
 * the synthetic demo's communes live in the demo's own versions (`demo-63`, `demo-34`: copies of the real
 * provinces, with the generator's communes), so no synthetic commune is ever offered to, validated for or
 * drawn into a real wave (issue #14). The demo waves keep their real geography for everything else
 * (provinces, estimation runs, dashboards, tile grids).
 */
export const DEMO_GEOGRAPHIES = {
  'vn-63': { code: 'demo-63', nameVi: '63 tỉnh — xã mô phỏng (dữ liệu mẫu)', nameEn: '63 provinces — synthetic communes (demo)' },
  'vn-34': { code: 'demo-34', nameVi: '34 tỉnh — xã mô phỏng (dữ liệu mẫu)', nameEn: '34 provinces — synthetic communes (demo)' },
} as const;

/** The geography version holding the communes of `wave`: the demo's own for a synthetic wave. */
export function communeGeography(wave: { geography_code: string; is_synthetic: boolean }): string {
  if (!wave.is_synthetic) return wave.geography_code;
  return DEMO_GEOGRAPHIES[wave.geography_code as keyof typeof DEMO_GEOGRAPHIES]?.code ?? wave.geography_code;
}
