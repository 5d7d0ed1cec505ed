/**
 * Fills printed paper forms with pen marks and scans them, in a process of its own: pixel loops run an
 * order of magnitude slower inside Jest's sandbox. Usage: `node --import tsx paper-scan.main.ts spec.json`;
 * prints `{ forms: [{ chosen, pages }] }` (the marks drawn per question, the PNG files of the pages).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng, rasterisePdf } from '../../server/paper/grey-image';
import type { ChoiceMark, LayoutFile } from '../../server/paper/paper-layout';
import { fillPage, scanLike, seeded } from './pen-marks';

export interface ScanSpec {
  pdf: string;
  dpi: number;
  layout: LayoutFile;
  outDir: string;
  forms: { index: number; seed: number; blank?: string[]; double?: Record<string, [number, number]> }[];
}

/** A respondent who answers everything (and has done an administrative procedure, and given feedback). */
export function answerAll(question: string, marks: ChoiceMark[]): ChoiceMark[] {
  if (question === 'policy_channels') return [marks[0], marks[4]];
  if (question.startsWith('exp_')) return [marks.find((m) => m.value === true)!];
  let h = 0;
  for (const c of question) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return [marks[h % marks.length]];
}

async function main(spec: ScanSpec) {
  const pages = await rasterisePdf(readFileSync(spec.pdf), spec.dpi);
  const perForm = spec.layout.forms[0].pages.length;
  const out = [];
  for (const f of spec.forms) {
    const random = seeded(f.seed);
    const chosen: Record<string, ChoiceMark[]> = {};
    const files: string[] = [];
    for (let k = 0; k < perForm; k++) {
      const img = pages[f.index * perForm + k];
      const drawn = fillPage(img, spec.layout.forms[f.index].pages[k], spec.dpi, random, (q, marks) => {
        if (f.blank?.includes(q)) return null;
        if (f.double?.[q]) return f.double[q].map((i) => marks[i]);
        return answerAll(q, marks);
      });
      for (const [q, m] of drawn) chosen[q] = m;
      const scan = scanLike(img, { degrees: k % 2 ? -2.5 : 1.8, scale: k % 2 ? 0.985 : 1.015, dx: 9, dy: -6, noise: 9, binary: k === 2, seed: f.seed + k });
      const file = join(spec.outDir, `form${f.index}-page${k + 1}.png`);
      writeFileSync(file, await encodePng(scan));
      files.push(file);
    }
    out.push({ chosen, pages: files });
  }
  process.stdout.write(JSON.stringify({ forms: out }));
}

if (require.main === module) {
  main(JSON.parse(readFileSync(process.argv[2], 'utf8')) as ScanSpec).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
