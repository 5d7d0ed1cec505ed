export interface WeightSummary {
  n: number; sum: number; min: number | null; max: number | null; mean: number | null;
  cv: number | null; kishNeff: number | null; kishDeff: number | null;
}

export interface WeightDiagnostics {
  wave: string;
  design: string;
  respondents: number;
  marginRows: number;
  rakingError: { vi: string; en: string } | null;
  collapsed: { province: string; variable: string; level: string; into: string; total: number; vi: string; en: string }[];
  provinces: { province: string; nameVi: string; withoutDesignWeight: number; base: WeightSummary; raked: WeightSummary | null }[];
  national: { base: WeightSummary; raked: WeightSummary | null } | null;
}
