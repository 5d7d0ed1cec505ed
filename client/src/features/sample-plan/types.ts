/**
 * Shape of the sample-plan answer (server/sampling/sample-plan.view.ts). PlanCommune and SamplePlanView stay
 * copies: the server's are inferred, not exported, and carry Dates that arrive here as strings.
 */
import type { StratumSummary } from '@contracts/sample-plan';

export type Stratification = 'province' | 'province_urban_rural';

export interface PlanCommune {
  code: string;
  nameVi: string;
  province: string;
  provinceNameVi: string;
  stratum: string;
  urbanRural: 'urban' | 'rural';
  adultPopulation: number;
  probability: number;
  certainty: boolean;
  target: number;
  designWeight: number;
  invitations: { issued: number; used: number; lastIssuedAt: string | null; refused: number };
}

export interface SamplePlanView {
  wave: { id: string; titleVi: string; titleEn: string; geography: string; status: string };
  plan: null | {
    frameChecksum: string;
    frameUploadedAt: string;
    frameUnits: number;
    framePopulation: number;
    stratification: Stratification | null;
    communesPerStratum: number | null;
    respondentsPerCommune: number | null;
    seed: number | null;
    drawnAt: string | null;
    usedInvitations: number;
    frozen: boolean;
  };
  strata: StratumSummary[];
  communes: PlanCommune[];
}
