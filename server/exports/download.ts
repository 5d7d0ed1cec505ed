import type { Response } from 'express';

/**
 * Sends a file as a download; synthetic data, and figures not from a probability sample, also say so in a
 * header (file names carry it too).
 */
export function sendDownload(res: Response, file: { fileName: string; contentType: string; body: Buffer; synthetic: boolean; nonProbability?: boolean }): void {
  res.set({
    'Content-Type': file.contentType,
    'Content-Disposition': `attachment; filename="${file.fileName}"`,
    'Cache-Control': 'no-store',
    ...(file.synthetic ? { 'X-SIPAS-Synthetic': 'Du lieu mo phong (synthetic)' } : {}),
    ...(file.nonProbability ? { 'X-SIPAS-Sample': 'Mau phi xac suat (non-probability)' } : {}),
  });
  res.send(file.body);
}
