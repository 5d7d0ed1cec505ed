/** Shape of the /api/waves/:id/weights/diagnostics answer: the server's own types, all JSON-safe (no Date, no Map). */
export type { WeightSummary } from '../../../../server/estimation/weight-summary';
export type { WeightDiagnostics } from '../../../../server/weights/weight-diagnostics.service';
