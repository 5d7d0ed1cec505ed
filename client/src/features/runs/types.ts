/** Shapes of the run, publication-preview and units answers (server/estimation-runs, server/open-data). */
import type { Geography, Scheme } from '../dashboard/types';

export interface RunDetail {
  id: string;
  wave: string;
  geography: Geography;
  schemes: Scheme[];
  respondentCount: number;
  status: 'succeeded' | 'failed';
  error: string | null;
  startedAt: string;
  finishedAt: string;
  publishedAt: string | null;
  codeVersion: string;
  inputFingerprint: string;
  /** A run of a household wave's responses outside its sample: never published or reported (METHOD.md §7). */
  notSampled: boolean;
  /** Its figures are not from a probability sample (an `open` wave, or `notSampled`). */
  nonProbability: boolean;
}

export interface Interval { schemes: string[]; figure: 'p' | 'p_unweighted'; lo: number; hi: number }

export interface WithheldCell {
  domain_type: string;
  domain: string;
  indicator: string;
  n: number;
  reason: 'small_cell' | 'secondary';
  intervals: Interval[];
}

export interface PublicationPreview {
  run: { id: string; wave: string; geography: string; publishedAt: string | null };
  source: 'published' | 'preview';
  audit: {
    minCellSize: number;
    minInterval: number;
    ok: boolean;
    solves: number;
    counts: { small_cell: number; secondary: number };
    narrowest: (Interval & { domain_type: string; domain: string; indicator: string }) | null;
    withheld: WithheldCell[];
  };
  /** The name of every indicator `withheld` mentions, by id. */
  indicators: Record<string, { vi: string; en: string }>;
}
