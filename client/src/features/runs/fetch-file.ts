/**
 * Downloads a file the server builds on request (a report, an export), reporting progress: first the
 * time spent waiting while the server builds it, then the bytes received against `Content-Length`.
 */
import { NetworkError, ProblemError } from '../../lib/api';

export type FileProgress =
  | { phase: 'building'; seconds: number }
  | { phase: 'receiving'; received: number; total: number | null };

export interface FetchedFile { blob: Blob; filename: string | null }

async function refusal(res: Response): Promise<ProblemError | NetworkError> {
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    const p = await res.json().catch(() => ({}));
    return new ProblemError(res.status, p.title ?? res.statusText, p.title_en ?? res.statusText, p.errors ?? [], p.type ?? '');
  }
  return res.status >= 500 ? new NetworkError(`HTTP ${res.status}`) : new ProblemError(res.status, res.statusText, res.statusText, []);
}

export async function fetchFile(url: string, onProgress: (p: FileProgress) => void): Promise<FetchedFile> {
  const started = Date.now();
  onProgress({ phase: 'building', seconds: 0 });
  const timer = setInterval(() => onProgress({ phase: 'building', seconds: Math.floor((Date.now() - started) / 1000) }), 1000);
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch (err) {
    throw new NetworkError((err as Error).message);
  } finally {
    clearInterval(timer);
  }
  if (!res.ok) throw await refusal(res);
  const filename = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? null;
  const length = Number(res.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const type = res.headers.get('content-type') ?? 'application/octet-stream';
  if (!res.body) return { blob: await res.blob(), filename };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  onProgress({ phase: 'receiving', received, total });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress({ phase: 'receiving', received, total });
  }
  return { blob: new Blob(chunks as BlobPart[], { type }), filename };
}
