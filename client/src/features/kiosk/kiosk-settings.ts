/** How a kiosk behaves, from its address: `/kiosk/:wave?point=CODE&thanks=8&idle=90&countdown=15`. */
export interface KioskSettings {
  /** The service point the kiosk is meant to stand at; checked against its enrolment. */
  point: string | null;
  /** How long the thank-you screen stays before a fresh form. @default 8 s */
  thanksMs: number;
  /** An answer left alone this long is discarded. @default 90 s */
  idleMs: number;
  /** The last part of `idleMs`, shown as a countdown first. @default 15 s */
  countdownMs: number;
}

function seconds(params: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const value = Number(params.get(name));
  return (params.has(name) && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback) * 1000;
}

export function kioskSettings(search: string): KioskSettings {
  const params = new URLSearchParams(search);
  const idleMs = seconds(params, 'idle', 90, 5, 3600);
  return {
    point: params.get('point')?.trim().toUpperCase() || null,
    thanksMs: seconds(params, 'thanks', 8, 1, 120),
    idleMs,
    countdownMs: Math.min(seconds(params, 'countdown', 15, 1, 120), idleMs - 1000),
  };
}
