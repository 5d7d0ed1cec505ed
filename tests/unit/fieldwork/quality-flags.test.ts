import { reviewQuality, type ResponseSignals } from '../../../server/fieldwork/quality-flags';
import { DEFAULT_QUALITY_POLICY } from '../../../server/fieldwork/quality-policy';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 8, minute));
let counter = 0;
function response(overrides: Partial<ResponseSignals> = {}): ResponseSignals {
  counter += 1;
  return { id: `r${counter}`, durationMs: 600_000, deviceId: null, answeredAt: at(counter), ratingCount: 20, distinctRatings: 3, ...overrides };
}

describe('fieldwork quality flags', () => {
  it('when a response took under 30% of the median time, then it is a speeder', () => {
    const normal = Array.from({ length: 9 }, () => response());
    const fast = response({ durationMs: 120_000 });
    const borderline = response({ durationMs: 180_000 });
    const { flags, medianDurationMs } = reviewQuality([...normal, fast, borderline], DEFAULT_QUALITY_POLICY);
    expect(medianDurationMs).toBe(600_000);
    expect(flags.get(fast.id)).toEqual(['speeder']);
    expect(flags.has(borderline.id)).toBe(false);
    expect(reviewQuality([...normal, borderline], { ...DEFAULT_QUALITY_POLICY, speederShare: 0.5 }).flags.get(borderline.id)).toEqual(['speeder']);
  });

  it('when every rating of a long block has one value, then it is straight-lining; a short block is not', () => {
    const flat = response({ ratingCount: 16, distinctRatings: 1 });
    const short = response({ ratingCount: 4, distinctRatings: 1 });
    const { flags } = reviewQuality([flat, short, response()], DEFAULT_QUALITY_POLICY);
    expect(flags.get(flat.id)).toEqual(['straight_lining']);
    expect(flags.has(short.id)).toBe(false);
  });

  it('when one device sends five responses within five minutes, then all five are a burst; spread out they are not', () => {
    const burst = [0, 1, 2, 3, 4].map((m) => response({ deviceId: 'kiosk-1', answeredAt: at(100 + m) }));
    const spread = [0, 10, 20, 30, 40].map((m) => response({ deviceId: 'kiosk-2', answeredAt: at(100 + m) }));
    const { flags } = reviewQuality([...burst, ...spread], DEFAULT_QUALITY_POLICY);
    for (const r of burst) expect(flags.get(r.id)).toEqual(['device_burst']);
    for (const r of spread) expect(flags.has(r.id)).toBe(false);
  });
});
