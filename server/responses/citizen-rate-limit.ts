import type { RequestHandler } from 'express';
import { RetryLaterError } from '../errors/app-error';
import { TokenBuckets } from '../kiosks/token-buckets';

/** How fast one client address may send responses without a kiosk token (citizens' phones and browsers). */
export interface CitizenRatePolicy {
  /**
   * Responses one address may send at once. A commune hall puts everyone behind one NAT address: a room of
   * people finishing together, each phone flushing its outbox, stays well within it. @default 120
   */
  burst: number;
  /**
   * The sustained rate once the burst is spent. A citizen takes minutes over the form, so 30 a minute is
   * a hundred and fifty people answering side by side on one address. @default 30
   */
  refillPerMinute: number;
}

export const CITIZEN_RATE_POLICY: CitizenRatePolicy = { burst: 120, refillPerMinute: 30 };

function citizenRateLimited(retryAfterSeconds: number): RetryLaterError {
  return new RetryLaterError(429, 'rate_limited',
    `Có quá nhiều phiếu trả lời được gửi từ địa chỉ mạng này trong thời gian ngắn. Phiếu của bạn được giữ trên thiết bị và sẽ tự gửi lại sau ${retryAfterSeconds} giây.`,
    `Too many responses were sent from this network address in a short time. Yours is kept on the device and will be sent again in ${retryAfterSeconds} seconds.`,
    retryAfterSeconds);
}

/**
 * Holds each client address (`req.ip`, as TRUST_PROXY lets the proxies name it) to a token bucket: over
 * it, a 429 problem with `Retry-After`, which the client outbox honours before sending again. Applies to
 * requests without a kiosk token only; kiosks have their per-device limits (kiosks/device-auth.middleware.ts).
 * Buckets live in this process's memory.
 */
export function citizenRateLimit(policy: CitizenRatePolicy = CITIZEN_RATE_POLICY): RequestHandler {
  const buckets = new TokenBuckets(policy.burst, policy.refillPerMinute);
  return (req, _res, next) => {
    const retryAfter = buckets.take(req.ip ?? req.socket.remoteAddress ?? 'unknown', Date.now());
    if (retryAfter === 0) return next();
    throw citizenRateLimited(retryAfter);
  };
}
