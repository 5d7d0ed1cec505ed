import type { QualityPolicy } from './quality-policy';
import type { QualityFlag } from '../../contracts/fieldwork';
export type { QualityFlag } from '../../contracts/fieldwork';

/** What the monitor knows about one response to judge its quality. */
export interface ResponseSignals {
  id: string;
  durationMs: number | null;
  deviceId: string | null;
  /** When it was answered: the device's submission time, else the time it was received. */
  answeredAt: Date;
  /** Rating statements answered, and how many distinct values among them. */
  ratingCount: number;
  distinctRatings: number;
}

export interface QualityReview {
  flags: Map<string, QualityFlag[]>;
  /** The median duration the speeder rule compared with (null when no response has a duration). */
  medianDurationMs: number | null;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Responses from one device that fall, `burstSize` or more, within one window of `burstWindowMinutes`. */
export function burstMembers(signals: readonly Pick<ResponseSignals, 'id' | 'deviceId' | 'answeredAt'>[], policy: Pick<QualityPolicy, 'burstSize' | 'burstWindowMinutes'>): Set<string> {
  const byDevice = new Map<string, Pick<ResponseSignals, 'id' | 'deviceId' | 'answeredAt'>[]>();
  for (const s of signals) {
    if (!s.deviceId) continue;
    const list = byDevice.get(s.deviceId);
    if (list) list.push(s);
    else byDevice.set(s.deviceId, [s]);
  }
  const windowMs = policy.burstWindowMinutes * 60_000;
  const members = new Set<string>();
  for (const list of byDevice.values()) {
    if (list.length < policy.burstSize) continue;
    list.sort((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime());
    let start = 0;
    for (let end = 0; end < list.length; end++) {
      while (list[end].answeredAt.getTime() - list[start].answeredAt.getTime() > windowMs) start++;
      if (end - start + 1 >= policy.burstSize) for (let k = start; k <= end; k++) members.add(list[k].id);
    }
  }
  return members;
}

/**
 * Flags responses worth a second look: speeders (duration under `speederShare` × the median), straight-lining
 * (one value across at least `straightLineMinItems` rating statements) and bursts from one device. A flag
 * is a reason to look, never an exclusion: an official decides.
 */
export function reviewQuality(signals: readonly ResponseSignals[], policy: QualityPolicy): QualityReview {
  const medianDurationMs = median(signals.flatMap((s) => (s.durationMs === null ? [] : [s.durationMs])));
  const bursts = burstMembers(signals, policy);
  const flags = new Map<string, QualityFlag[]>();
  for (const s of signals) {
    const own: QualityFlag[] = [];
    if (medianDurationMs !== null && s.durationMs !== null && s.durationMs < policy.speederShare * medianDurationMs) own.push('speeder');
    if (s.ratingCount >= policy.straightLineMinItems && s.distinctRatings === 1) own.push('straight_lining');
    if (bursts.has(s.id)) own.push('device_burst');
    if (own.length) flags.set(s.id, own);
  }
  return { flags, medianDurationMs };
}
