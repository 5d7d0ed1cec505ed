import type { QualityPolicy } from '../../contracts/fieldwork';
export type { QualityPolicy } from '../../contracts/fieldwork';
export const DEFAULT_QUALITY_POLICY: QualityPolicy = {
  speederShare: 0.3,
  straightLineMinItems: 10,
  burstSize: 5,
  burstWindowMinutes: 5,
};
