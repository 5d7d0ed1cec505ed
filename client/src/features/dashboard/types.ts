/** Shapes of the /api/dashboard answers (server/dashboard/). */
import type { ComparisonRow, EstimateRow, Scheme } from '@contracts/estimation';
import type { Unit } from '@contracts/units';
import type { Text } from '../../lib/i18n';

export type { Scheme, Unit };
export type Geography = 'vn-63' | 'vn-34';

export interface WaveSummary {
  id: string;
  year: number;
  geography: Geography;
  titleVi: string;
  titleEn: string;
  design: string;
  status: 'draft' | 'open' | 'closed';
  isSynthetic: boolean;
}

export interface RunSummary {
  id: string;
  geography: Geography;
  schemes: Scheme[];
  status: 'succeeded' | 'failed';
  error: string | null;
  respondentCount: number;
  finishedAt: string;
}

export interface OfficialWave extends WaveSummary {
  questionnaireVersion: number;
  createdAt: string;
  responseCount: number;
  runs: RunSummary[];
}

/** One stored result row (METHOD.md §6), as the engine defines it; flags arrive as plain strings. */
export type ResultRow = Omit<EstimateRow, 'flags'> & { flags: string[] };

/** A wave-to-wave difference (METHOD.md §5) for one national or domain row, and whether it is significant. */
export interface Change extends ComparisonRow {
  domain_type: string;
  significant: boolean;
}

export interface Indicator {
  id: string;
  kind: 'composite' | 'element' | 'overall';
  group: string | null;
  label: Text;
}

export interface Comparison {
  previousWave: WaveSummary;
  geography: Geography;
  acrossReorganisation: boolean;
  scheme: Scheme | null;
  currentRunId: string | null;
  previousRunId: string | null;
  missingRun: { wave: string; geography: Geography } | null;
}

export interface ViewBase {
  wave: WaveSummary;
  geography: Geography;
  reestimated: boolean;
  run: RunSummary | null;
  scheme: Scheme | null;
  canStartRun: boolean;
  indicators: Indicator[];
}

export interface HeadlineFigure {
  indicator: string;
  mean: ResultRow | null;
  meanInterval: { lo: number; hi: number } | null;
  meanChange: Change | null;
  weighted: ResultRow | null;
  weightedChange: Change | null;
}

export interface HeadlineProvince { code: string; nameVi: string; nameEn: string; rank: number; of: number; row: ResultRow }

/** The official headline (server/dashboard/headline.ts). */
export interface Headline {
  indicator: string;
  provinces: number;
  figure: HeadlineFigure;
  top: HeadlineProvince[];
  bottom: HeadlineProvince[];
  elements: HeadlineFigure[];
}

export interface Overview extends ViewBase {
  headline: Headline | null;
  national: ResultRow[];
  meanOfProvinces: ResultRow[];
  breakdowns: ResultRow[];
  comparison: Comparison | null;
  changes: Change[];
}

export interface RankedUnit extends Unit {
  row: ResultRow | null;
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
  change: Change | null;
}

export interface Rankings extends ViewBase {
  indicator: string;
  restricted: boolean;
  /** A province official's own units in this geography (highlighted); empty for national roles. */
  mine: string[];
  regionRule: 'region' | 'admin_centre';
  total: number;
  comparison: Comparison | null;
  regions: ResultRow[];
  provinces: RankedUnit[];
}

export interface TrendPoint {
  wave: WaveSummary;
  run: RunSummary | null;
  scheme: Scheme | null;
  province: ResultRow[];
  national: ResultRow[];
}

export interface ProvinceDetail extends ViewBase {
  province: Unit;
  figures: ResultRow[];
  national: ResultRow[];
  breakdowns: ResultRow[];
  ranks: { indicator: string; rank: number | null; of: number; range: { best: number; worst: number } | null }[];
  /** The former provinces the unit merged (vn-34), or the province itself (vn-63). */
  members: { code: string; nameVi: string; nameEn: string }[];
  comparison: Comparison | null;
  changes: Change[];
  nationalChanges: Change[];
  trend: TrendPoint[];
}

export interface Share { value: string; label: Text; n: number; share: number | null }
export interface ShareRow { value: string | null; label: Text | null; n: number; shares: Share[] }
export interface PerceptionQuestion { name: string; kind: 'single' | 'matrix'; title: Text; rows: ShareRow[] }

export interface Perceptions {
  wave: WaveSummary;
  geography: Geography;
  province: Unit | null;
  weighting: 'base_weight';
  questions: PerceptionQuestion[];
}
