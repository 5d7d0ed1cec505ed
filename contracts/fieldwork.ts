import type { PaperCounts } from './paper';

export type QualityFlag = 'speeder' | 'straight_lining' | 'device_burst';

/** Thresholds of the fieldwork monitor's quality flags; each can be changed per request. */
export interface QualityPolicy {
  /**
   * A response is a speeder when its duration is under this share of the wave's median duration.
   * @default 0.3
   */
  speederShare: number;
  /**
   * Straight-lining needs at least this many rating statements answered, all with the same value.
   * @default 10
   */
  straightLineMinItems: number;
  /**
   * A burst is at least this many responses from one device within `burstWindowMinutes`.
   * @default 5
   */
  burstSize: number;
  /** @default 5 */
  burstWindowMinutes: number;
}

export type ResponseChannel = 'kiosk' | 'phone' | 'web' | 'paper';

export interface Progress<Time = string> {
  received: number;
  complete: number;
  excluded: number;
  /**
   * Received through the open link of a household wave, with no invitation code: kept, but outside the
   * wave's official figures (METHOD.md §7). Included in `received`, `complete` and `excluded`.
   */
  notSampled: number;
  /** Respondents the plan asks for; null when there is no plan (service points). */
  target: number | null;
  lastReceivedAt: Time | null;
  channels: Record<ResponseChannel, number>;
  flags: Record<QualityFlag, number>;
  /** Refused second uses (or uses of revoked codes) of invitation codes. */
  refusedCodes: number;
}

export interface UnitProgress<Time = string> extends Progress<Time> { code: string; nameVi: string; province: string }
export interface ProvinceProgress<Time = string> extends Progress<Time> { code: string; nameVi: string; units: UnitProgress<Time>[] }

export interface FlaggedResponse<Time = string> {
  id: string; province: string; unit: string | null; channel: ResponseChannel; receivedAt: Time;
  durationMs: number | null; status: 'complete' | 'excluded'; exclusionReason: string | null; flags: QualityFlag[];
}

/** The fieldwork monitor's answer; `Time` is `Date` on the server before it is sent, a string on the wire. */
export interface FieldworkReport<Time = string> {
  wave: { id: string; titleVi: string; titleEn: string; design: string; status: string; geography: string };
  unitKind: 'commune' | 'service_point';
  policy: QualityPolicy;
  medianDurationMs: number | null;
  totals: Progress<Time>;
  provinces: ProvinceProgress<Time>[];
  flagged: FlaggedResponse<Time>[];
  flaggedCount: number;
  /** Paper forms per commune (issue #16): printed, returned, read, in verification, stored; empty when none was printed. */
  paper: PaperCounts[];
}
