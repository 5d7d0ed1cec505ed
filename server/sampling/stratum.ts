import type { Stratification } from '../db/database';

/** A stratum's label, as responses carry it: `01` by province, `01-urban` by province × urban/rural. */
export function stratumOf(stratification: Stratification, provinceCode: string, urbanRural: 'urban' | 'rural'): string {
  return stratification === 'province' ? provinceCode : `${provinceCode}-${urbanRural}`;
}
