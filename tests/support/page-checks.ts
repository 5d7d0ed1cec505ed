import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** Checks of a page as it stands (issue #15): layout at a phone's width, and axe. */

/**
 * Everything on the page that sticks out of the viewport sideways or is clipped by its box: the page must
 * not scroll sideways, no visible text may start left of 0 or end right of the viewport, and no text box
 * may hide part of its text (overflow hidden with more content than width).
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) problems.push(`page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
    const width = doc.clientWidth;
    const hidden = (el: Element) => el.closest('.visually-hidden, .sd-visuallyhidden, .sv-visuallyhidden, .skip-link, [aria-hidden="true"], .sv-popup, template') !== null;
    const describe = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} “${(el.textContent ?? '').trim().slice(0, 40)}”`;
    for (const el of document.body.querySelectorAll('*')) {
      if (hidden(el)) continue;
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      if (!ownText) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const range = document.createRange();
      range.selectNodeContents(el);
      for (const rect of range.getClientRects()) {
        if (rect.width === 0) continue;
        if (rect.left < -1 || rect.right > width + 1) { problems.push(`outside the screen (${Math.round(rect.left)}–${Math.round(rect.right)} of ${width}): ${describe(el)}`); break; }
      }
      if (/(hidden|clip)/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1) problems.push(`text cut by its box: ${describe(el)}`);
    }
    return problems;
  });
}

export async function seriousAxe(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

