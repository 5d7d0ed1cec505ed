import type { Locator, Page } from 'playwright-core';

/** Helpers for driving the SurveyJS questionnaire in a browser test, by question name and visible label. */

export const question = (page: Page, name: string): Locator => page.locator(`[data-name="${name}"]`);

/** Clicks the choice labelled `label` (exactly) of question `name`. */
export async function choose(page: Page, name: string, label: string) {
  await question(page, name).getByText(label, { exact: true }).click();
}

/**
 * Opens a dropdown and picks `label`. A list filled at run time (communes arrive after the province is
 * chosen) may re-render and close just as it opens, so a list that shows no such option is opened again.
 */
export async function pick(page: Page, name: string, label: string) {
  const option = page.getByRole('option', { name: label, exact: true });
  for (let attempt = 1; ; attempt++) {
    await question(page, name).evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await question(page, name).locator('.sd-dropdown').click();
    try {
      await option.click({ timeout: 3000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

export async function matrix(page: Page, name: string, row: string, column: string) {
  await question(page, name).locator('tr', { hasText: row }).locator(`input[value="${column}"]`).check({ force: true });
}

export async function next(page: Page) {
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
}
