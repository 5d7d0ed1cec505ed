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

export const DEFAULT_QUALITY_POLICY: QualityPolicy = {
  speederShare: 0.3,
  straightLineMinItems: 10,
  burstSize: 5,
  burstWindowMinutes: 5,
};
