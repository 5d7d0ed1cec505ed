import QRCode from 'qrcode';
import type { PdfDocument } from './pdf-document';

export interface QrPlacement {
  x: number;
  y: number;
  /** Side of the whole code, quiet zone included, in points. */
  size: number;
}

/** The quiet zone the QR standard asks for around the symbol, in modules. */
const QUIET_ZONE = 4;

/**
 * Draws `text` as a QR code of filled squares (medium error correction), so it stays sharp at any print
 * size and needs no image encoder.
 */
export function drawQrCode(doc: PdfDocument, text: string, at: QrPlacement): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cell = at.size / (modules.size + 2 * QUIET_ZONE);
  doc.save().fillColor('black');
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) doc.rect(at.x + (col + QUIET_ZONE) * cell, at.y + (row + QUIET_ZONE) * cell, cell, cell);
    }
  }
  doc.fill().restore();
}
