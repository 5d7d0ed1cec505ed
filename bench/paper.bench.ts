/**
 * Paper forms read back from scans (issue #16): a synthetic corpus made here — the household questionnaire
 * printed, every question answered by a program with realistic pen marks (fills of 50–100 %, bubbles
 * overshot or undershot by a fifth, ticks and crosses), rasterised at 150 and 300 dpi, turned up to ±3°,
 * scaled ±2 %, shifted, with scanner noise and some pages thresholded to black and white — then read.
 *
 * Reports the share of confident answers that are right (target ≥ 99.9 %), the share sent to verification
 * (≤ 2 %), forms that would be stored with a wrong answer (0), and pages read per second on one core at
 * 200 dpi (≥ 5). `PAPER_BENCH_VARIANTS` (default 4) fillings of each printed page per resolution.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formContent } from '../server/paper/form-content';
import { planForm } from '../server/paper/form-layout';
import { printForms } from '../server/paper/form-printer';
import { readPage } from '../server/paper/form-reading';
import sharp from 'sharp';
import { decodeImage, encodeJpeg, rasterisePdf, type GreyImage } from '../server/paper/grey-image';
import { locatePage, readPageQr, scoreMarks } from '../server/paper/page-reader';
import type { ChoiceMark } from '../server/paper/paper-layout';
import { compileValidationPlan } from '../server/surveys/validation-plan';
import { fillPage, scanLike, seeded } from '../tests/support/pen-marks';
import type { Bench } from './bench';

const FORMS = ['K7M2Q-XH9RT-4WPZC', 'S000001', '23456-789AB-CDEFG', 'S000002'];

interface Tally { answers: number; right: number; wrong: number; verification: number; pages: number; unreadable: number; forms: number; storedWrong: number; storable: number }

function emptyTally(): Tally {
  return { answers: 0, right: 0, wrong: 0, verification: 0, pages: 0, unreadable: 0, forms: 0, storedWrong: 0, storable: 0 };
}

/** CPU time (user + system) of this process since `since`, in ms: the machine may be shared, the clock is not ours. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(3) : '–');

export const paperBench: Bench = {
  name: 'paper forms read from scans',
  async run(log) {
    const variants = Number(process.env.PAPER_BENCH_VARIANTS ?? 4);
    // One core: libvips' own threads would otherwise decode in parallel.
    sharp.concurrency(1);
    const json = JSON.parse(readFileSync(join(__dirname, '..', 'surveys', 'sipas-2023.json'), 'utf8'));
    const plan = compileValidationPlan(json);
    const planned = planForm(formContent(json, plan, { preprinted: new Set(['province', 'commune']) }));
    const { layout } = planned;
    const pdf = await printForms({
      title: 'PHIẾU KHẢO SÁT (SIPAS)', waveTitle: 'Bộ phiếu thử', plan: planned,
      forms: FORMS.map((form) => ({ form, label: 'Mã phiếu', place: 'Địa bàn: Xã Thanh Thủy, Hà Giang' })),
    });
    const perForm = layout.pages.length;
    const all = emptyTally();
    let readMs = 0;
    let readPages200 = 0;
    let decodeMs = 0;
    for (const dpi of [150, 300, 200]) {
      const tally = emptyTally();
      const pages = await rasterisePdf(pdf, dpi);
      const random = seeded(dpi);
      for (let v = 0; v < variants; v++) {
        for (let f = 0; f < FORMS.length; f++) {
          let formWrong = false;
          let formUncertain = false;
          for (let p = 0; p < perForm; p++) {
            const page = layout.pages[p];
            const img: GreyImage = { ...pages[f * perForm + p], data: Uint8Array.from(pages[f * perForm + p].data) };
            const chosen = fillPage(img, page, dpi, random, (question, marks) => {
              if (layout.kinds[question] !== 'multiple') return [marks[Math.floor(random() * marks.length)]];
              // Boxes: one to three of them, never the exclusive last one alongside others.
              const pool = marks.slice(0, -1).filter(() => random() < 0.3);
              return pool.length ? pool.slice(0, 3) : [marks[Math.floor(random() * (marks.length - 1))]];
            });
            const scan = scanLike(img, {
              degrees: (random() * 2 - 1) * 3, scale: 1 + (random() * 2 - 1) * 0.02, dx: (random() * 2 - 1) * 12, dy: (random() * 2 - 1) * 12,
              noise: 4 + random() * 10, binary: random() < 0.25, seed: Math.floor(random() * 1e9),
            });
            let input = scan;
            if (dpi === 200) {
              // Through a JPEG file as a scanner would deliver it: decoding is part of reading.
              const file = await encodeJpeg(scan, 85);
              const started = process.cpuUsage();
              input = (await decodeImage(file))[0];
              decodeMs += cpuMs(started);
            }
            const started = process.cpuUsage();
            const located = locatePage(input);
            const qr = located && readPageQr(input, located.transform);
            const scores = located ? scoreMarks(input, located.transform, located.levels, page.marks) : [];
            if (dpi === 200) { readMs += cpuMs(started); readPages200++; }
            tally.pages++;
            if (!located || !qr || qr.form !== FORMS[f] || qr.page !== page.page) {
              tally.unreadable++;
              formUncertain = true;
              continue;
            }
            const readings = readPage(layout, page.page, scores);
            for (const [question, marks] of chosen) {
              tally.answers++;
              const reading = readings[question];
              const expected = layout.kinds[question] === 'multiple' ? JSON.stringify(marks.map((m: ChoiceMark) => m.value)) : JSON.stringify(marks[0].value);
              if (reading?.s === 'read') {
                if (JSON.stringify(reading.v) === expected) tally.right++;
                else { tally.wrong++; formWrong = true; }
              } else { tally.verification++; formUncertain = true; }
            }
          }
          tally.forms++;
          if (!formUncertain) { tally.storable++; if (formWrong) tally.storedWrong++; }
        }
      }
      log(`${dpi} dpi: ${tally.pages} pages (${tally.unreadable} unreadable), ${tally.answers} answers: `
        + `${pct(tally.right, tally.right + tally.wrong)} % of confident answers right (${tally.wrong} wrong), `
        + `${pct(tally.verification, tally.answers)} % to verification; ${tally.storable}/${tally.forms} forms stored whole, ${tally.storedWrong} of them wrong`);
      for (const k of Object.keys(all) as (keyof Tally)[]) all[k] += tally[k];
    }
    log(`all: ${all.answers} answers, ${pct(all.right, all.right + all.wrong)} % of confident answers right, `
      + `${pct(all.verification, all.answers)} % to verification, ${all.storedWrong} forms stored wrong of ${all.storable}`);
    log(`speed at 200 dpi on one core (CPU time): ${(readPages200 / (readMs / 1000)).toFixed(1)} pages/s reading aligned pixels `
      + `(${(readMs / readPages200).toFixed(0)} ms a page), ${(readPages200 / ((readMs + decodeMs) / 1000)).toFixed(1)} pages/s with JPEG decoding`);
  },
};
