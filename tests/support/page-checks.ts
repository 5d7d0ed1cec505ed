import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** Checks of a page as it stands (issue #15): layout at a phone's width, and axe. */

/**
 * Everything on the page that sticks out of the viewport sideways or is clipped: the page must not scroll
 * sideways; no visible text may start left of 0 or end right of the viewport, nor be hidden by its own box
 * (overflow hidden with more content than width) or by any box around it that clips (overflow hidden or
 * clip) or scrolls sideways; no control, image or icon may lie partly outside the viewport.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) problems.push(`page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
    if (document.body.scrollWidth > document.body.clientWidth + 1 && /(hidden|clip)/.test(getComputedStyle(document.body).overflowX)) {
      problems.push(`body cuts its content sideways: ${document.body.scrollWidth} > ${document.body.clientWidth}`);
    }
    const width = doc.clientWidth;
    const hidden = (el: Element) => el.closest('.visually-hidden, .sd-visuallyhidden, .sv-visuallyhidden, .skip-link, [aria-hidden="true"], .sv-popup, template') !== null;
    const describe = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} “${(el.textContent ?? '').trim().slice(0, 40)}”`;
    /** The boxes around `el` that clip what sticks out of them, or scroll it sideways out of view. */
    const clippers = (el: Element): Element[] => {
      const found: Element[] = [];
      for (let up = el.parentElement; up && up !== document.body && up !== doc; up = up.parentElement) {
        const style = getComputedStyle(up);
        const sideways = /(auto|scroll)/.test(style.overflowX) && up.scrollWidth > up.clientWidth + 1;
        if (/(hidden|clip)/.test(style.overflowX) || /(hidden|clip)/.test(style.overflowY) || sideways) found.push(up);
      }
      return found;
    };
    for (const el of document.body.querySelectorAll('*')) {
      if (hidden(el)) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      if (el.matches('input:not([type="hidden"]):not([type="radio"]):not([type="checkbox"]), select, textarea, button, img, svg')) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.height > 0 && (box.left < -1 || box.right > width + 1)) {
          problems.push(`control outside the screen (${Math.round(box.left)}–${Math.round(box.right)} of ${width}): ${describe(el)}`);
        }
      }
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      if (!ownText) continue;
      const range = document.createRange();
      range.selectNodeContents(el);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      const outside = rects.find((rect) => rect.left < -1 || rect.right > width + 1);
      if (outside) problems.push(`outside the screen (${Math.round(outside.left)}–${Math.round(outside.right)} of ${width}): ${describe(el)}`);
      if (/(hidden|clip)/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1) problems.push(`text cut by its box: ${describe(el)}`);
      for (const box of clippers(el)) {
        const b = box.getBoundingClientRect();
        const cut = rects.find((r) => r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1);
        if (cut) { problems.push(`text cut by ${describe(box).slice(0, 60)}: ${describe(el)}`); break; }
      }
    }
    return problems;
  });
}

export async function seriousAxe(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

