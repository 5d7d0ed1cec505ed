/** Shape of the /api/waves/:id/weights/diagnostics answer: the server's own types, all JSON-safe (no Date, no Map). */
export type { WeightSummary, WeightDiagnostics } from '@contracts/weights';
