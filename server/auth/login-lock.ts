import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database';

/** Advisory-lock classes (first key of the two-key form), apart from every other lock of the platform. */
const ATTEMPTS_OF_LOGIN = 5_317_013;
const ATTEMPTS_FROM_ADDRESS = 5_317_014;

/**
 * Serialises sign-in attempts, until the end of `trx`, per attempted login (the hash of the lower-cased
 * username, so unknown usernames are serialised like accounts) and per client address. Taken always in
 * this order, so two attempts cannot wait on each other. A PostgreSQL transaction-level advisory lock:
 * on PostgreSQL it holds across every server process sharing the database; PGlite runs one transaction
 * at a time anyway, and takes it as well.
 *
 * Whoever holds both locks reads the failure counts, judges its password and writes the outcome before
 * anyone else of the same login or address reads them: no more than the limit are ever judged.
 */
export async function lockSignInAttempts(trx: Transaction<Database>, login: string, ip: string | null): Promise<void> {
  await sql`select pg_advisory_xact_lock(${ATTEMPTS_OF_LOGIN}::int, hashtext(${login}))`.execute(trx);
  if (ip) await sql`select pg_advisory_xact_lock(${ATTEMPTS_FROM_ADDRESS}::int, hashtext(${ip}))`.execute(trx);
}
