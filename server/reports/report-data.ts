import type { EstimationRunsTable, WavesTable } from '../db/database';
import type { Selectable } from 'kysely';
import type { EstimateRow, Scheme } from '../estimation/types';
import type { WavePerceptions } from '../perceptions/perceptions.service';
import type { IndexDefinition } from '../surveys/index-definition';

export type ReportRun = Selectable<EstimationRunsTable>;
export type ReportWave = Selectable<WavesTable>;

/** A reporting unit of the run's geography, with the region it is tabulated under. */
export interface ReportProvince { code: string; name: string; region: string }

/** An earlier wave's stored run, reduced to the rows the report compares with. */
export interface EarlierRun {
  wave: ReportWave;
  run: ReportRun;
  /** The national, mean-of-provinces and (headline) province rows of the scheme the report uses (or `design` if that run lacks it). */
  rows: EstimateRow[];
}

/**
 * Everything the annual report prints, read from one stored run (and, for context, the earlier waves'
 * stored runs): never from live estimates. Perceptions are the tally stored with the run (the one the
 * dashboard shows); only a run made before runs stored it has them tallied from the wave's responses, and
 * `perceptionsMatchRun` then says whether those responses are still exactly the run's input.
 */
export interface ReportData {
  run: ReportRun;
  wave: ReportWave;
  definition: IndexDefinition;
  /** The weighting whose figures the report prints: `raked` when the run has it, else `design_fpc`, else `design`. */
  scheme: Scheme;
  /** Every result row of the run (all schemes). */
  rows: EstimateRow[];
  provinces: ReportProvince[];
  /** The latest run in the same geography of the most recent earlier wave, if any. */
  previous: EarlierRun | null;
  /** National headline of every wave up to this one (oldest first), this run last. */
  trend: { wave: ReportWave; runId: string; row: EstimateRow }[];
  perceptions: WavePerceptions | null;
  perceptionsMatchRun: boolean;
  generatedAt: Date;
}
