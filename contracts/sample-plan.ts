export interface StratumSummary {
  stratum: string;
  province: string;
  units: number;
  population: number;
  selected: number;
  certainty: number;
  /** Σπ over the stratum's units: the number of communes drawn. */
  sumProbabilities: number;
  target: number;
}
