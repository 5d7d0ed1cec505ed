import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type Sharp from 'sharp';

/** sharp (a native library) is loaded with the first scan: a server start need not pay for it. */
const sharp = (...args: Parameters<typeof Sharp>) => {
  /* eslint-disable-next-line @typescript-eslint/no-require-imports */
  return (require('sharp') as typeof Sharp)(...args);
};

/**
 * Scanned pages as 8-bit grey pixels (0 black … 255 white), row by row: what the reader works on.
 * PDFs are rasterised by pdftoppm (poppler-utils); PNG, JPEG and TIFF pages (every page of a multi-page
 * TIFF) are decoded by sharp.
 */
export interface GreyImage { width: number; height: number; data: Uint8Array }

const run = promisify(execFile);

/** Reads a binary PGM (P5, 8-bit) as pdftoppm -gray writes it. */
export function parsePgm(bytes: Uint8Array): GreyImage {
  let pos = 0;
  const token = (): string => {
    for (;;) {
      while (pos < bytes.length && /\s/.test(String.fromCharCode(bytes[pos]))) pos++;
      if (bytes[pos] !== 35) break; // '#' comment
      while (pos < bytes.length && bytes[pos] !== 10) pos++;
    }
    const start = pos;
    while (pos < bytes.length && !/\s/.test(String.fromCharCode(bytes[pos]))) pos++;
    return Buffer.from(bytes.subarray(start, pos)).toString('latin1');
  };
  if (token() !== 'P5') throw new Error('not a binary PGM');
  const width = Number(token());
  const height = Number(token());
  const max = Number(token());
  if (max !== 255) throw new Error('only 8-bit PGM is read');
  pos++;
  return { width, height, data: bytes.subarray(pos, pos + width * height) };
}

/** Every page of a PDF at `dpi`, in grey. */
export async function rasterisePdf(pdf: Buffer, dpi: number): Promise<GreyImage[]> {
  const dir = await mkdtemp(join(tmpdir(), 'sipas-scan-'));
  try {
    const input = join(dir, 'in.pdf');
    await writeFile(input, pdf);
    await run('pdftoppm', ['-gray', '-r', String(dpi), input, join(dir, 'p')], { maxBuffer: 1 << 20 });
    const files = (await readdir(dir)).filter((f) => f.endsWith('.pgm'))
      .sort((a, b) => Number(/(\d+)\.pgm$/.exec(a)![1]) - Number(/(\d+)\.pgm$/.exec(b)![1]));
    const pages: GreyImage[] = [];
    for (const f of files) pages.push(parsePgm(new Uint8Array(await readFile(join(dir, f)))));
    return pages;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every page of an image file (PNG, JPEG, TIFF), in grey. */
export async function decodeImage(bytes: Buffer): Promise<GreyImage[]> {
  const { pages = 1 } = await sharp(bytes).metadata();
  const out: GreyImage[] = [];
  for (let page = 0; page < pages; page++) {
    const { data, info } = await sharp(bytes, { page }).greyscale().raw().toBuffer({ resolveWithObject: true });
    const grey = info.channels === 1 ? data : stripChannels(data, info.channels);
    out.push({ width: info.width, height: info.height, data: new Uint8Array(grey.buffer, grey.byteOffset, info.width * info.height) });
  }
  return out;
}

function stripChannels(data: Buffer, channels: number): Buffer {
  const out = Buffer.alloc(data.length / channels);
  for (let i = 0; i < out.length; i++) out[i] = data[i * channels];
  return out;
}

/** A PDF's pages or an image file's, by the file's first bytes. */
export async function decodeScan(bytes: Buffer, dpi = 200): Promise<GreyImage[]> {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return rasterisePdf(bytes, dpi);
  return decodeImage(bytes);
}

function rawSharp(image: GreyImage) {
  return sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.width * image.height), { raw: { width: image.width, height: image.height, channels: 1 } });
}

/** A grey image as PNG. */
export function encodePng(image: GreyImage): Promise<Buffer> {
  return rawSharp(image).png({ compressionLevel: 3 }).toBuffer();
}

/** A grey image as JPEG: how scanned pages are kept (a noisy scan does not compress as PNG). */
export function encodeJpeg(image: GreyImage, quality = 85): Promise<Buffer> {
  return rawSharp(image).jpeg({ quality }).toBuffer();
}
