/**
 * The citizen's page arrives with the questionnaire's first page as plain HTML (server/http/first-page.ts),
 * answerable before this app has loaded; the app renders hidden (#root) until it can take over. Taking
 * over: read what the citizen answered there, give it to SurveyJS, then show the app in its place.
 */

const staticPage = () => document.getElementById('static-page');

/** True while the server's first page is on screen. */
export function hasStaticPage(): boolean {
  return staticPage() !== null;
}

let taken: { names: string[]; values: Record<string, unknown> } | null = null;

/** The static form's questions and the answers given in them (read once: later calls get the same). */
function readStaticForm(): { names: string[]; values: Record<string, unknown> } {
  if (taken) return taken;
  const form = document.getElementById('static-form') as HTMLFormElement | null;
  const names: string[] = [];
  const values: Record<string, unknown> = {};
  for (const question of form ? Array.from(form.querySelectorAll<HTMLElement>('[data-question]')) : []) {
    const name = question.dataset.question!;
    names.push(name);
    const controls = Array.from(question.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea'));
    // Choices carry their SurveyJS value as JSON (numbers stay numbers); typed text is the text.
    const parse = (raw: string) => { try { return JSON.parse(raw) as unknown; } catch { return raw; } };
    const checked = controls.filter((c): c is HTMLInputElement => c instanceof HTMLInputElement && (c.type === 'radio' || c.type === 'checkbox') && c.checked);
    const control = controls[0];
    if (control instanceof HTMLInputElement && control.type === 'checkbox') {
      if (checked.length) values[name] = checked.map((c) => parse(c.value));
    } else if (control instanceof HTMLInputElement && control.type === 'radio') {
      if (checked.length) values[name] = parse(checked[0].value);
    } else if (control instanceof HTMLSelectElement) {
      if (control.value) values[name] = parse(control.value);
    } else if (control && control.value.trim()) {
      values[name] = control.value;
    }
  }
  taken = { names, values };
  return taken;
}

/**
 * `data` with the static page's answers laid over it: a question the citizen answered there takes that
 * answer, one left empty there loses any older one (the static page showed the draft's answers, so an
 * empty field was emptied on purpose). Null when there is no static form to read.
 */
export function withStaticAnswers(data: Record<string, unknown>): Record<string, unknown> | null {
  if (!document.getElementById('static-form')) return null;
  const { names, values } = readStaticForm();
  const merged = { ...data };
  for (const name of names) {
    if (name in values) merged[name] = values[name];
    else delete merged[name];
  }
  return merged;
}

/** Removes the static page and shows the app (keeping the scroll position and, roughly, the focus). */
export function releaseStaticPage(): void {
  const page = staticPage();
  const root = document.getElementById('root');
  if (!page || !root) return;
  const focused = document.activeElement instanceof HTMLElement && page.contains(document.activeElement)
    ? document.activeElement.closest<HTMLElement>('[data-question]')?.dataset.question
    : undefined;
  const top = window.scrollY;
  page.remove();
  root.hidden = false;
  window.scrollTo({ top });
  if (focused) {
    const target = root.querySelector<HTMLElement>(`[data-name="${CSS.escape(focused)}"] input, [data-name="${CSS.escape(focused)}"] [tabindex="0"]`);
    target?.focus({ preventScroll: true });
  }
}
