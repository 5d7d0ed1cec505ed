import type jsQRType from 'jsqr';
import type { GreyImage } from './grey-image';
import {
  FIDUCIAL_SIDE, fiducialCentres, isTextMark, PAGE_SIZE, parsePageQr, QR_BOX, type LayoutMark,
} from './paper-layout';

/**
 * Reading one scanned page (issue #16): find the four corner fiducials, fit the affine map from layout
 * points to the scan's pixels (so ±3° of skew, a few per cent of scale and an offset cost nothing), read
 * the page QR (form and page), then score every mark as the share of its inside that is inked, measured
 * against the page's own paper and ink levels.
 */

/** Pixel = [a·x + b·y + c, d·x + e·y + f] for a layout point (x, y): `[a, b, c, d, e, f]`. */
export type Affine = [number, number, number, number, number, number];

export function applyAffine(t: Affine, x: number, y: number): [number, number] {
  return [t[0] * x + t[1] * y + t[2], t[3] * x + t[4] * y + t[5]];
}

export interface Levels { paper: number; ink: number }

/** Paper and ink grey levels: high and low percentiles of a sample of the page's pixels. */
export function pageLevels(img: GreyImage): Levels {
  const hist = new Uint32Array(256);
  const step = 7;
  let n = 0;
  for (let i = 0; i < img.data.length; i += step) { hist[img.data[i]]++; n++; }
  const percentile = (p: number) => {
    let acc = 0;
    for (let v = 0; v < 256; v++) { acc += hist[v]; if (acc >= p * n) return v; }
    return 255;
  };
  const paper = percentile(0.6);
  // Printed ink is a small share of a form: the darkest 1% is ink.
  const ink = Math.min(percentile(0.01), paper - 60);
  return { paper, ink: Math.max(0, ink) };
}

/** Least-squares affine map from `from` points to `to` points (at least three). */
export function fitAffine(from: readonly [number, number][], to: readonly [number, number][]): Affine {
  // Normal equations of [x y 1] · [a b c]ᵀ = X, solved twice (X, then Y).
  const m = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  const bx = [0, 0, 0];
  const by = [0, 0, 0];
  from.forEach(([x, y], k) => {
    const v = [x, y, 1];
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) m[i][j] += v[i] * v[j];
      bx[i] += v[i] * to[k][0];
      by[i] += v[i] * to[k][1];
    }
  });
  const solve = (b: number[]) => {
    const a = m.map((row, i) => [...row, b[i]]);
    for (let c = 0; c < 3; c++) {
      let p = c;
      for (let r = c + 1; r < 3; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
      [a[c], a[p]] = [a[p], a[c]];
      for (let r = 0; r < 3; r++) {
        if (r === c) continue;
        const f = a[r][c] / a[c][c];
        for (let k = c; k < 4; k++) a[r][k] -= f * a[c][k];
      }
    }
    return [a[0][3] / a[0][0], a[1][3] / a[1][1], a[2][3] / a[2][2]];
  };
  const [a, b, c] = solve(bx);
  const [d, e, f] = solve(by);
  return [a, b, c, d, e, f];
}

/**
 * The centre of the solid square nearest to `expected` (pixels) within `reach`: the window position where
 * an inner box is all ink and the band around it is clear — which a QR finder pattern or text is not —
 * refined to the centroid of the ink around it. Null when nothing there looks like a fiducial.
 */
function findFiducial(img: GreyImage, expected: [number, number], side: number, reach: number, threshold: number): [number, number] | null {
  const x0 = Math.max(0, Math.floor(expected[0] - reach));
  const y0 = Math.max(0, Math.floor(expected[1] - reach));
  const x1 = Math.min(img.width, Math.ceil(expected[0] + reach));
  const y1 = Math.min(img.height, Math.ceil(expected[1] + reach));
  const w = x1 - x0;
  const h = y1 - y0;
  if (w < side * 2 || h < side * 2) return null;
  // Integral image of ink (1 per dark pixel).
  const sum = new Int32Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    const src = (y + y0) * img.width + x0;
    for (let x = 0; x < w; x++) {
      row += img.data[src + x] < threshold ? 1 : 0;
      sum[(y + 1) * (w + 1) + x + 1] = sum[y * (w + 1) + x + 1] + row;
    }
  }
  const box = (cx: number, cy: number, half: number) => {
    const l = Math.max(0, Math.round(cx - half));
    const t = Math.max(0, Math.round(cy - half));
    const r = Math.min(w, Math.round(cx + half));
    const b = Math.min(h, Math.round(cy + half));
    return { ink: sum[b * (w + 1) + r] - sum[t * (w + 1) + r] - sum[b * (w + 1) + l] + sum[t * (w + 1) + l], area: Math.max(1, (r - l) * (b - t)) };
  };
  const inner = side * 0.38;
  const bandIn = side * 0.7;
  const bandOut = side * 1.15;
  let best = -1;
  let bx = 0;
  let by = 0;
  const stride = Math.max(1, Math.floor(side / 8));
  // Near the window's edge the band is clipped to the image: a fiducial skewed close to the page edge is still found.
  for (let cy = inner; cy < h - inner; cy += stride) {
    for (let cx = inner; cx < w - inner; cx += stride) {
      const core = box(cx, cy, inner);
      const coreShare = core.ink / core.area;
      if (coreShare < 0.85) continue;
      const outer = box(cx, cy, bandOut);
      const middle = box(cx, cy, bandIn);
      const bandShare = (outer.ink - middle.ink) / Math.max(1, outer.area - middle.area);
      const score = coreShare - 2 * bandShare;
      if (score > best) { best = score; bx = cx; by = cy; }
    }
  }
  if (best < 0.6) return null;
  // Centroid of the ink within the square's reach.
  let n = 0;
  let sx = 0;
  let sy = 0;
  const half = side * 0.65;
  for (let y = Math.max(0, Math.round(by - half)); y < Math.min(h, Math.round(by + half)); y++) {
    for (let x = Math.max(0, Math.round(bx - half)); x < Math.min(w, Math.round(bx + half)); x++) {
      if (img.data[(y + y0) * img.width + x + x0] < threshold) { n++; sx += x; sy += y; }
    }
  }
  return n ? [sx / n + x0 + 0.5, sy / n + y0 + 0.5] : null;
}

export interface LocatedPage { transform: Affine; levels: Levels; residual: number }

/** Aligns a scan on its fiducials; null when they cannot all be found consistently. */
export function locatePage(img: GreyImage, pageSize: readonly [number, number] = PAGE_SIZE): LocatedPage | null {
  const levels = pageLevels(img);
  const threshold = (levels.paper + levels.ink) / 2;
  const sx = img.width / pageSize[0];
  const sy = img.height / pageSize[1];
  const s = (sx + sy) / 2;
  const targets = fiducialCentres(pageSize);
  const found: [number, number][] = [];
  for (const [x, y] of targets) {
    const hit = findFiducial(img, [x * sx, y * sy], FIDUCIAL_SIDE * s, 48 * s, threshold);
    if (!hit) return null;
    found.push(hit);
  }
  const transform = fitAffine(targets, found);
  let residual = 0;
  targets.forEach(([x, y], k) => {
    const [px, py] = applyAffine(transform, x, y);
    residual = Math.max(residual, Math.hypot(px - found[k][0], py - found[k][1]));
  });
  // Four corners of a rigid page fit an affine map to within a pixel or two; more means a wrong find.
  if (residual > 2.5 * s) return null;
  return { transform, levels, residual };
}

/** The page's QR text, read from where the layout put it (the whole page as a fallback). */
export function readPageQr(img: GreyImage, t: Affine): { form: string; page: number } | null {
  const margin = 14;
  const corners = [
    applyAffine(t, QR_BOX.x - margin, QR_BOX.y - margin), applyAffine(t, QR_BOX.x + QR_BOX.size + margin, QR_BOX.y - margin),
    applyAffine(t, QR_BOX.x - margin, QR_BOX.y + QR_BOX.size + margin), applyAffine(t, QR_BOX.x + QR_BOX.size + margin, QR_BOX.y + QR_BOX.size + margin),
  ];
  const l = Math.max(0, Math.floor(Math.min(...corners.map((c) => c[0]))));
  const r = Math.min(img.width, Math.ceil(Math.max(...corners.map((c) => c[0]))));
  const tp = Math.max(0, Math.floor(Math.min(...corners.map((c) => c[1]))));
  const b = Math.min(img.height, Math.ceil(Math.max(...corners.map((c) => c[1]))));
  const text = decodeQr(img, l, tp, r - l, b - tp, Math.sqrt(Math.abs(t[0] * t[4] - t[1] * t[3])));
  return text ? parsePageQr(text) : null;
}

/** Pixels per QR module the decoder needs at most: finer crops are shrunk first (the decoder's time goes with pixels). */
const MODULE_PIXELS = 2.5;
const QR_MODULES = 33;

function decodeQr(img: GreyImage, left: number, top: number, width: number, height: number, pixelsPerPoint: number): string | null {
  if (width <= 0 || height <= 0) return null;
  const modulePixels = (QR_BOX.size / QR_MODULES) * pixelsPerPoint;
  const k = Math.max(1, Math.floor(modulePixels / MODULE_PIXELS));
  const w = Math.floor(width / k);
  const h = Math.floor(height / k);
  const rgba = new Uint8ClampedArray(w * h * 4);
  const area = k * k;
  for (let y = 0; y < h; y++) {
    let o = y * w * 4;
    for (let x = 0; x < w; x++, o += 4) {
      let sum = 0;
      for (let dy = 0; dy < k; dy++) {
        const row = (top + y * k + dy) * img.width + left + x * k;
        for (let dx = 0; dx < k; dx++) sum += img.data[row + dx];
      }
      const v = sum / area;
      rgba[o] = v; rgba[o + 1] = v; rgba[o + 2] = v; rgba[o + 3] = 255;
    }
  }
  /* eslint-disable-next-line @typescript-eslint/no-require-imports */
  const jsQR = require('jsqr') as typeof jsQRType; // loaded with the first scan, not at start
  return jsQR(rgba, w, h, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

/** Share of a mark's inside that is inked (0 clean … 1 solid), or of a text area's pixels that are ink. */
export function scoreMarks(img: GreyImage, t: Affine, levels: Levels, marks: readonly LayoutMark[]): number[] {
  const scale = Math.sqrt(Math.abs(t[0] * t[4] - t[1] * t[3]));
  const range = Math.max(20, levels.paper - levels.ink);
  // A pixel counts in proportion to how far it is from paper towards ink; faint noise counts for nothing.
  const lut = new Float32Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.min(1, Math.max(0, (levels.paper - v) / range - 0.12) / 0.76);
  const darkLimit = (levels.paper + levels.ink) / 2;
  return marks.map((m) => {
    if (isTextMark(m)) {
      // Inside the frame, away from its border and the printed lines' ends: the share of dark pixels.
      const [cx, cy] = applyAffine(t, m.x + m.w / 2, m.y + m.h / 2);
      const hw = (m.w / 2 - 4) * scale;
      const hh = (m.h / 2 - 3) * scale;
      let dark = 0;
      let n = 0;
      for (let y = Math.round(cy - hh); y < cy + hh; y += 2) {
        for (let x = Math.round(cx - hw); x < cx + hw; x += 2) {
          if (x < 0 || y < 0 || x >= img.width || y >= img.height) continue;
          n++;
          if (img.data[y * img.width + x] < darkLimit) dark++;
        }
      }
      return n ? dark / n : 0;
    }
    const [cx, cy] = applyAffine(t, m.x, m.y);
    const rad = m.r * 0.68 * scale;
    const r2 = rad * rad;
    let total = 0;
    let n = 0;
    for (let y = Math.ceil(cy - rad); y <= cy + rad; y++) {
      if (y < 0 || y >= img.height) continue;
      const dy = y - cy;
      for (let x = Math.ceil(cx - rad); x <= cx + rad; x++) {
        const dx = x - cx;
        if (dx * dx + dy * dy > r2 || x < 0 || x >= img.width) continue;
        total += lut[img.data[y * img.width + x]];
        n++;
      }
    }
    return n ? total / n : 0;
  });
}
