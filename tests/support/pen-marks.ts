import type { GreyImage } from '../../server/paper/grey-image';
import { isTextMark, type ChoiceMark, type LayoutMark, type PageLayout } from '../../server/paper/paper-layout';

/**
 * A respondent with a pen, for the paper tests and the bench: marks drawn on a rasterised page (in layout
 * points, at the page's dpi), then the page "scanned" — turned, scaled and shifted a little, with noise.
 */

/** Deterministic random numbers (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type PenStyle = 'fill' | 'tick' | 'cross';

export interface PenMark {
  style: PenStyle;
  /** Share of the bubble filled (fill only), 0.5–1. */
  fill: number;
  /** Reach of the mark relative to the bubble: 0.8 undershoots by a fifth, 1.2 overshoots. */
  reach: number;
  /** Ink grey level. */
  ink: number;
}

function inkDot(img: GreyImage, x: number, y: number, ink: number): void {
  const xi = Math.round(x);
  const yi = Math.round(y);
  if (xi < 0 || yi < 0 || xi >= img.width || yi >= img.height) return;
  const k = yi * img.width + xi;
  img.data[k] = Math.min(img.data[k], ink);
}

function stroke(img: GreyImage, x0: number, y0: number, x1: number, y1: number, width: number, ink: number): void {
  const len = Math.hypot(x1 - x0, y1 - y0);
  const steps = Math.max(1, Math.ceil(len * 2));
  const r = width / 2;
  for (let i = 0; i <= steps; i++) {
    const cx = x0 + ((x1 - x0) * i) / steps;
    const cy = y0 + ((y1 - y0) * i) / steps;
    for (let dy = -r; dy <= r; dy += 0.5) for (let dx = -r; dx <= r; dx += 0.5) if (dx * dx + dy * dy <= r * r) inkDot(img, cx + dx, cy + dy, ink);
  }
}

/** Draws one pen mark on bubble/box `m` of a page rasterised at `dpi`. */
export function drawPenMark(img: GreyImage, m: ChoiceMark, pen: PenMark, dpi: number, random: () => number): void {
  const s = dpi / 72;
  const cx = m.x * s;
  const cy = m.y * s;
  const r = m.r * s * pen.reach;
  const penWidth = 1.3 * s;
  if (pen.style === 'fill') {
    // Back-and-forth strokes, as a hand fills a bubble; a partial fill leaves gaps between them.
    const spacing = penWidth / pen.fill;
    for (let y = cy - r + penWidth / 2; y <= cy + r; y += spacing) {
      const half = Math.sqrt(Math.max(0, r * r - (y - cy) ** 2));
      stroke(img, cx - half + random() * s * 0.5, y, cx + half - random() * s * 0.5, y + (random() - 0.5) * s, penWidth, pen.ink);
    }
  } else if (pen.style === 'cross') {
    const d = r * 0.8;
    stroke(img, cx - d, cy - d, cx + d, cy + d, penWidth, pen.ink);
    stroke(img, cx - d, cy + d, cx + d, cy - d, penWidth, pen.ink);
  } else {
    stroke(img, cx - r * 0.7, cy, cx - r * 0.15, cy + r * 0.75, penWidth, pen.ink);
    stroke(img, cx - r * 0.15, cy + r * 0.75, cx + r * 0.9, cy - r * 0.9, penWidth, pen.ink);
  }
}

/** Writes a few scribbled words in a text area. */
export function drawWriting(img: GreyImage, area: { x: number; y: number; w: number; h: number }, dpi: number, random: () => number): void {
  const s = dpi / 72;
  const y = (area.y + Math.min(area.h / 2, 12)) * s;
  let x = (area.x + 8) * s;
  for (let k = 0; k < 12; k++) {
    const w = (6 + random() * 10) * s;
    stroke(img, x, y + random() * 3 * s, x + w, y - random() * 4 * s, 1.1 * s, 40);
    x += w + 4 * s;
  }
}

export interface Distortion { degrees: number; scale: number; dx: number; dy: number; noise: number; binary: boolean; seed: number }

/**
 * The page as a scanner returns it: turned by `degrees` and scaled about its centre, shifted by (dx, dy)
 * pixels, with Gaussian noise of `noise` grey levels and specks, optionally thresholded to black and white.
 */
export function scanLike(img: GreyImage, d: Distortion): GreyImage {
  const { width, height } = img;
  const out = new Uint8Array(width * height);
  const cos = Math.cos((d.degrees * Math.PI) / 180) / d.scale;
  const sin = Math.sin((d.degrees * Math.PI) / 180) / d.scale;
  const cx = width / 2;
  const cy = height / 2;
  const random = seeded(d.seed);
  // Gaussian noise from a table, picked by a cheap generator: per-pixel Box–Muller would dominate the time.
  const table = new Int16Array(1 << 16);
  for (let i = 0; i < table.length; i++) table[i] = Math.round(Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()) * d.noise);
  let state = (d.seed * 2654435761) >>> 0;
  const src = img.data;
  for (let y = 0; y < height; y++) {
    const ry = y - cy - d.dy;
    // Inverse map: where this output pixel comes from on the page, stepped along the row.
    let sx = cos * (-cx - d.dx) + sin * ry + cx;
    let sy = -sin * (-cx - d.dx) + cos * ry + cy;
    let o = y * width;
    for (let x = 0; x < width; x++, o++, sx += cos, sy -= sin) {
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      let v = 255;
      if (x0 >= 0 && y0 >= 0 && x0 + 1 < width && y0 + 1 < height) {
        const fx = sx - x0;
        const fy = sy - y0;
        const i = y0 * width + x0;
        const top = src[i] + (src[i + 1] - src[i]) * fx;
        const bottom = src[i + width] + (src[i + width + 1] - src[i + width]) * fx;
        v = top + (bottom - top) * fy;
      }
      if (d.noise > 0) {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        v += table[state >>> 16];
      }
      out[o] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  if (d.noise > 0) {
    const specks = Math.round(out.length / 20000);
    for (let k = 0; k < specks; k++) out[Math.floor(random() * out.length)] = Math.floor(random() * 80);
  }
  if (d.binary) for (let i = 0; i < out.length; i++) out[i] = out[i] < 140 ? 0 : 255;
  return { width, height, data: out };
}

/** A respondent's answers to a page, chosen at random: one mark per single choice, some boxes, a pen style each. */
export function fillPage(
  img: GreyImage, page: PageLayout, dpi: number, random: () => number,
  choose: (question: string, marks: ChoiceMark[]) => ChoiceMark[] | null,
): Map<string, ChoiceMark[]> {
  const chosen = new Map<string, ChoiceMark[]>();
  const byQuestion = new Map<string, LayoutMark[]>();
  for (const m of page.marks) byQuestion.set(m.question, [...(byQuestion.get(m.question) ?? []), m]);
  for (const [question, marks] of byQuestion) {
    if (marks.some(isTextMark)) continue;
    const picked = choose(question, marks as ChoiceMark[]);
    if (!picked) continue;
    chosen.set(question, picked);
    for (const m of picked) drawPenMark(img, m, randomPen(random), dpi, random);
  }
  return chosen;
}

export function randomPen(random: () => number): PenMark {
  const u = random();
  const style: PenStyle = u < 0.7 ? 'fill' : u < 0.85 ? 'tick' : 'cross';
  return { style, fill: 0.5 + random() * 0.5, reach: 0.8 + random() * 0.4, ink: Math.floor(15 + random() * 80) };
}
