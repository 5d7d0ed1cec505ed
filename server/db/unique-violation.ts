/** Whether a query failed on a unique constraint (SQLSTATE 23505), on PostgreSQL and PGlite alike. */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === '23505';
}
