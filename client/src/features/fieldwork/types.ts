/**
 * Shape of the fieldwork report (server/fieldwork/fieldwork.service.ts). Progress and FlaggedResponse stay
 * copies because their Date fields arrive here as strings.
 */
import type { ResponseChannel } from '../../../../server/db/database';
import type { QualityFlag } from '../../../../server/fieldwork/quality-flags';
import type { QualityPolicy } from '../../../../server/fieldwork/quality-policy';

import type { PaperCounts } from '../paper/types';

export type { QualityFlag, QualityPolicy };
export type Channel = ResponseChannel;

export interface Progress {
  received: number;
  complete: number;
  excluded: number;
  /** Open-link responses of a household wave: kept, outside its official figures. */
  notSampled: number;
  target: number | null;
  lastReceivedAt: string | null;
  channels: Record<Channel, number>;
  flags: Record<QualityFlag, number>;
  refusedCodes: number;
}

export interface UnitProgress extends Progress { code: string; nameVi: string; province: string }
export interface ProvinceProgress extends Progress { code: string; nameVi: string; units: UnitProgress[] }

export interface FlaggedResponse {
  id: string; province: string; unit: string | null; channel: Channel; receivedAt: string;
  durationMs: number | null; status: 'complete' | 'excluded'; exclusionReason: string | null; flags: QualityFlag[];
}

export interface FieldworkReport {
  wave: { id: string; titleVi: string; titleEn: string; design: string; status: string; geography: string };
  unitKind: 'commune' | 'service_point';
  policy: QualityPolicy;
  medianDurationMs: number | null;
  totals: Progress;
  provinces: ProvinceProgress[];
  flagged: FlaggedResponse[];
  flaggedCount: number;
  paper: PaperCounts[];
}
