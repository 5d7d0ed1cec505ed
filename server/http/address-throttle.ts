import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import { RetryLaterError } from '../errors/app-error';

/** Failures one client address may have within `windowMs` before it must wait. */
export interface AddressThrottlePolicy {
  maxFailures: number;
  windowMs: number;
}

/** Advisory-lock class of these throttles (see auth/login-lock.ts for the sign-in ones). */
const ADDRESS_THROTTLE = 5_317_015;
/** The window is counted in this many fixed slices: one row per address and slice, however many failures. */
const SLICES = 3;
/** Rows older than this are removed whenever a failure is written. */
const KEEP_MS = 24 * 60 * 60_000;

export function addressThrottled(retryAfterSeconds: number): RetryLaterError {
  const m = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new RetryLaterError(429, 'address_throttled',
    `Có quá nhiều yêu cầu không hợp lệ từ địa chỉ này. Vui lòng thử lại sau ${m} phút.`,
    `Too many refused requests from this address. Try again in ${m} minutes.`,
    retryAfterSeconds);
}

/**
 * Runs `judge` for a client address unless that address has had `maxFailures` refusals (errors
 * `isFailure` accepts) within the window, then 429 with Retry-After. Like the sign-in throttle, the
 * count is read, the request judged and a refusal counted while holding an advisory lock of the
 * address, so parallel requests cannot slip past the limit; unlike it, a refusal writes no row of its
 * own: it counts up the address's row of the current slice of the window (table `address_failures`).
 * `judge` must use the transaction it is given (PGlite has one session).
 */
export async function throttledByAddress<T>(
  db: Kysely<Database>, throttle: string, address: string | null, policy: AddressThrottlePolicy,
  isFailure: (err: unknown) => boolean, judge: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  if (!address) return db.transaction().execute(judge);
  const outcome = await db.transaction().execute(async (trx): Promise<{ value: T } | { error: unknown }> => {
    await sql`select pg_advisory_xact_lock(${ADDRESS_THROTTLE}::int, hashtext(${`${throttle} ${address}`}))`.execute(trx);
    const sliceMs = Math.ceil(policy.windowMs / SLICES);
    const now = Date.now();
    const slice = new Date(Math.floor(now / sliceMs) * sliceMs);
    const since = new Date(slice.getTime() - (SLICES - 1) * sliceMs);
    const row = await trx.selectFrom('address_failures').select((eb) => eb.fn.sum<string | null>('failures').as('n'))
      .where('throttle', '=', throttle).where('address', '=', address).where('window_start', '>=', since)
      .executeTakeFirst();
    if (Number(row?.n ?? 0) >= policy.maxFailures) {
      return { error: addressThrottled(Math.ceil((since.getTime() + SLICES * sliceMs - now) / 1000)) };
    }
    try {
      return { value: await judge(trx) };
    } catch (err) {
      if (!isFailure(err)) throw err;
      await trx.insertInto('address_failures').values({ throttle, address, window_start: slice, failures: 1 })
        .onConflict((oc) => oc.columns(['throttle', 'address', 'window_start']).doUpdateSet({ failures: sql<number>`address_failures.failures + 1` }))
        .execute();
      await trx.deleteFrom('address_failures').where('window_start', '<', new Date(now - KEEP_MS)).execute();
      return { error: err };
    }
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}
