import { saveBlob } from './csv';
import type { OutboxItem, Refusal, ResponseBody } from './outbox-store';

/** One refused response as exported: what was sent, where, when, and why the server refused it. */
export interface RefusedResponse { id: string; wave: string; via: OutboxItem['via']; queuedAt: string; refusal: Refusal; body: ResponseBody }

/** The file staff hand to the survey office: every response this device holds aside. */
export interface RefusedExport {
  format: 'sipas-refused-responses';
  version: 1;
  exportedAt: string;
  responses: RefusedResponse[];
}

/** The refused items of the queue, oldest first. */
export function refusedItems(items: readonly OutboxItem[]): OutboxItem[] {
  return items.filter((i) => i.rejected).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

export function refusedExport(items: readonly OutboxItem[], now: Date): RefusedExport {
  return {
    format: 'sipas-refused-responses',
    version: 1,
    exportedAt: now.toISOString(),
    responses: refusedItems(items).map((i) => ({ id: i.id, wave: i.wave, via: i.via, queuedAt: i.queuedAt, refusal: i.rejected!, body: i.body })),
  };
}

/** `sipas-phieu-bi-tu-choi-2026-03-02T0914.json`: sorts by time, no characters a file system refuses. */
export function refusedFileName(now: Date): string {
  return `sipas-phieu-bi-tu-choi-${now.toISOString().slice(0, 16).replace(':', '')}.json`;
}

/** Saves the refused responses as a JSON file. */
export function downloadRefused(items: readonly OutboxItem[], now = new Date()): void {
  const text = JSON.stringify(refusedExport(items, now), null, 2);
  saveBlob(refusedFileName(now), new Blob([text], { type: 'application/json' }));
}
