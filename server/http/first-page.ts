import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, GeographyCode } from '../db/database';
import { listProvinces } from '../geography/geography.repository';
import { listServicePoints } from '../service-points/service-points.repository';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import type { WaveCache } from '../waves/wave.cache';
import { presentQuestionnaire, stepTitle } from '../../surveys/presentation';

/**
 * The first page of a wave's questionnaire as plain HTML, sent inside the citizen's page (/s/:wave) so that
 * a phone on a slow network can show and answer the first questions before the app's ~1.8 MB of script
 * (survey-core) has arrived and run. Native controls (select, radio buttons, text fields) work without
 * any script; the "Next" button waits for the app. When the app has built the questionnaire, it reads the
 * answers given here, hands them to SurveyJS, and puts its own form in this one's place
 * (client/src/lib/static-page.ts). Only what SurveyJS would show on the first page of a fresh visit is
 * rendered: a questionnaire whose first page asks anything this renderer does not know (conditions,
 * "other" fields, one question per page…) gets no static page, and the app alone shows it.
 */

type Json = Record<string, unknown>;
type Localized = unknown;
export interface FirstPageChoice { value: string; text: string }

export interface FirstPageInput {
  wave: { id: string; design: string; isSynthetic: boolean };
  questionnaire: Json;
  /** The lists the platform fills at run time, exactly as the app gives them to SurveyJS (SurveyPage). */
  choices: Record<string, FirstPageChoice[]>;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const textOf = (value: Localized): string => {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const localized = value as Record<string, unknown>;
    return typeof localized.default === 'string' ? localized.default : typeof localized.vi === 'string' ? localized.vi : '';
  }
  return '';
};

/** The keys of a question this renderer shows faithfully; anything else means no static page. */
const KNOWN_KEYS = new Set(['type', 'name', 'title', 'description', 'isRequired', 'requiredErrorText', 'choices', 'placeholder', 'maxLength', 'colCount', 'inputType', 'rows', 'labelTrue', 'labelFalse']);
const KNOWN_TYPES = new Set(['radiogroup', 'checkbox', 'dropdown', 'text', 'comment', 'boolean']);
/** Survey-level settings that change what the first page shows. */
const CHANGES_FIRST_PAGE = ['firstPageIsStarted', 'questionsOnPageMode', 'questionsOrder', 'showTitle', 'pagePrevText', 'questionTitleLocation'];

interface Rendered { html: string; first: string }

function choicesOf(element: Json, runtime: Record<string, FirstPageChoice[]>): { value: unknown; text: string }[] {
  const name = String(element.name);
  if (runtime[name]) return runtime[name].map((c) => ({ value: c.value, text: c.text }));
  const list = Array.isArray(element.choices) ? element.choices : [];
  return list.map((c: unknown) => (c && typeof c === 'object' && 'value' in c
    ? { value: (c as Json).value, text: textOf((c as Json).text) || String((c as Json).value) }
    : { value: c, text: String(c) }));
}

/** A question's markup, or null when it is not one this renderer knows. */
function question(element: Json, runtime: Record<string, FirstPageChoice[]>, ratings: Set<string>): string | null {
  const type = String(element.type);
  const name = String(element.name ?? '');
  if (!KNOWN_TYPES.has(type) || !name || Object.keys(element).some((k) => !KNOWN_KEYS.has(k))) return null;
  if (type === 'text' && element.inputType !== undefined && element.inputType !== 'text') return null;
  const id = `static-${name}`;
  const required = element.isRequired === true;
  const title = esc(textOf(element.title) || name) + (required ? '<span class="static-required" aria-hidden="true"> *</span>' : '');
  const description = textOf(element.description);
  const describedBy = description ? ` aria-describedby="${id}-description"` : '';
  const descriptionHtml = description ? `<p class="static-description" id="${id}-description">${esc(description)}</p>` : '';
  const req = required ? ' required' : '';
  const attrName = esc(name);
  switch (type) {
    case 'radiogroup':
    case 'checkbox':
    case 'boolean': {
      const choices = type === 'boolean'
        ? [{ value: true, text: textOf(element.labelTrue) || 'Có' }, { value: false, text: textOf(element.labelFalse) || 'Không' }]
        : choicesOf(element, runtime);
      const input = type === 'checkbox' ? 'checkbox' : 'radio';
      const face = ratings.has(name);
      const items = choices.map((c) => `<label class="static-choice${face ? ` sipas-face sipas-face-${esc(String(c.value))}` : ''}"><input type="${input}" name="${attrName}" value="${esc(JSON.stringify(c.value))}"${input === 'radio' ? req : ''}><span class="sd-item__control-label">${esc(c.text)}</span></label>`).join('');
      return `<fieldset class="static-question${face ? ' sipas-rating' : ''}" data-question="${attrName}"${describedBy}><legend class="static-title">${title}</legend>${descriptionHtml}<div class="static-choices">${items}</div></fieldset>`;
    }
    case 'dropdown': {
      const placeholder = textOf(element.placeholder) || 'Chọn…';
      const options = choicesOf(element, runtime).map((c) => `<option value="${esc(JSON.stringify(c.value))}">${esc(c.text)}</option>`).join('');
      return `<div class="static-question" data-question="${attrName}"><label class="static-title" for="${id}">${title}</label>${descriptionHtml}<select id="${id}" name="${attrName}"${req}${describedBy}><option value="">${esc(placeholder)}</option>${options}</select></div>`;
    }
    case 'text':
    case 'comment': {
      const maxLength = typeof element.maxLength === 'number' && element.maxLength > 0 ? ` maxlength="${element.maxLength}"` : '';
      const placeholder = textOf(element.placeholder) ? ` placeholder="${esc(textOf(element.placeholder))}"` : '';
      const control = type === 'text'
        ? `<input type="text" id="${id}" name="${attrName}"${maxLength}${placeholder}${req}${describedBy}>`
        : `<textarea id="${id}" name="${attrName}" rows="${typeof element.rows === 'number' ? element.rows : 4}"${maxLength}${placeholder}${req}${describedBy}></textarea>`;
      return `<div class="static-question" data-question="${attrName}"><label class="static-title" for="${id}">${title}</label>${descriptionHtml}${control}</div>`;
    }
    default:
      return null;
  }
}

function renderPage(input: FirstPageInput): Rendered | null {
  const source = input.questionnaire;
  if (CHANGES_FIRST_PAGE.some((k) => source[k] !== undefined)) return null;
  const { json, ratings } = presentQuestionnaire(source, { ratingsAsChoices: true });
  const pages = Array.isArray(json.pages) ? (json.pages as Json[]) : [];
  const page = pages[0];
  if (!page || page.visibleIf !== undefined || !Array.isArray(page.elements)) return null;
  const parts: string[] = [];
  let first = '';
  for (const element of page.elements as Json[]) {
    const runtime = input.choices[String(element.name)];
    // A list the platform has not filled (communes before a province is chosen) is not asked yet.
    if (runtime && runtime.length === 0) continue;
    const html = question(element, input.choices, ratings);
    if (html === null) return null;
    first ||= String(element.name);
    parts.push(html);
  }
  if (!first) return null;
  // Pages shown only under a condition are not counted: on a fresh visit nothing has made them visible.
  const steps = pages.filter((p) => p.visibleIf === undefined).length;
  const pageTitle = textOf(page.title);
  const next = steps > 1 ? (textOf(json.pageNextText) || 'Tiếp theo') : (textOf(json.completeText) || 'Hoàn thành');
  const surveyTitle = textOf(json.title);
  const surveyDescription = textOf(json.description);
  const pageDescription = textOf(page.description);
  const step = steps > 1
    ? `<p class="step-indicator"><span class="step-count">Phần 1/${steps}</span>${pageTitle ? ` <span aria-hidden="true">·</span> <span class="step-title">${esc(stepTitle(pageTitle))}</span>` : ''}</p>`
    : '';
  const html = `<div class="sipas-form">${step}<form id="static-form" class="static-survey" novalidate>`
    + (surveyTitle ? `<div class="static-survey-head"><h1>${esc(surveyTitle)}</h1>${surveyDescription ? `<p>${esc(surveyDescription)}</p>` : ''}</div>` : '')
    + `<div class="static-page-body">`
    + (pageTitle ? `<h2 class="static-page-title">${esc(pageTitle)}</h2>` : '')
    + (pageDescription ? `<p class="static-page-description">${esc(pageDescription)}</p>` : '')
    + parts.join('')
    + `</div><div class="static-nav"><button type="submit" class="static-next" disabled aria-describedby="static-loading">${esc(next)}</button>`
    + `<p class="static-loading" id="static-loading">Đang tải phần còn lại của phiếu…</p></div></form></div>`;
  return { html, first };
}

/** The invitation field of a household wave (InvitationPanel): a plain form, so it works before the app too. */
const INVITATION = '<details class="invitation-entry"><summary>Ông/bà có phiếu mời? Nhập mã mời</summary>'
  + '<form class="invitation-form" method="get"><label for="static-code">Mã mời (ví dụ K7M2Q-XH9RT-4WPZC)</label>'
  + '<input id="static-code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false">'
  + '<div class="actions"><button type="submit" class="button">Dùng mã này</button></div></form></details>';

/**
 * Runs as soon as the static page is parsed. A visit that resumes a draft past the first page, or that
 * chose English, waits for the app instead (the static page is Vietnamese and shows the first page);
 * a draft still on the first page fills the static controls. Stays in step with
 * client/src/features/survey/draft-storage.ts and client/src/lib/i18n.tsx (storage keys).
 */
export const FIRST_PAGE_SCRIPT = `(function () {
  var page = document.getElementById('static-page');
  var form = document.getElementById('static-form');
  if (!page || !form) return;
  var wave = page.getAttribute('data-wave');
  var lang = null, draft = null;
  try { lang = localStorage.getItem('sipas.lang'); draft = JSON.parse(localStorage.getItem('sipas.draft.' + wave) || 'null'); } catch (e) {}
  function wait(english) {
    var shell = form.parentNode;
    var p = document.createElement('p');
    p.setAttribute('aria-busy', 'true');
    p.className = 'static-wait';
    p.textContent = english ? 'Loading the questionnaire…' : 'Đang tải phiếu hỏi…';
    shell.parentNode.replaceChild(p, shell);
    form = null;
  }
  function english() {
    var buttons = page.querySelectorAll('.lang-switch button');
    for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute('aria-pressed', String(buttons[i].getAttribute('lang') === 'en'));
    if (form) wait(true);
  }
  page.querySelector('.lang-switch [lang="en"]').addEventListener('click', function () {
    try { localStorage.setItem('sipas.lang', 'en'); } catch (e) {}
    english();
    dispatchEvent(new Event('sipas-lang'));
  });
  page.querySelector('.lang-switch [lang="vi"]').addEventListener('click', function () {
    try { localStorage.setItem('sipas.lang', 'vi'); } catch (e) {}
    var buttons = page.querySelectorAll('.lang-switch button');
    for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute('aria-pressed', String(buttons[i].getAttribute('lang') === 'vi'));
    dispatchEvent(new Event('sipas-lang'));
  });
  if (lang === 'en') { english(); return; }
  if (draft && (draft.pageNo > 0 || draft.submittedAt)) { wait(false); return; }
  var data = (draft && draft.data) || {};
  for (var name in data) {
    var value = data[name], json = JSON.stringify(value);
    var controls = form.querySelectorAll('[name="' + name.replace(/["\\\\]/g, '') + '"]');
    for (var j = 0; j < controls.length; j++) {
      var c = controls[j];
      if (c.type === 'radio') c.checked = c.value === json;
      else if (c.type === 'checkbox') c.checked = Array.isArray(value) && value.some(function (v) { return JSON.stringify(v) === c.value; });
      else if (c.tagName === 'SELECT') c.value = json;
      else c.value = typeof value === 'string' ? value : '';
    }
  }
})();`;

/** The CSP source that lets exactly this script run (helmet's script-src in server/app.ts). */
export const FIRST_PAGE_SCRIPT_HASH = `'sha256-${createHash('sha256').update(FIRST_PAGE_SCRIPT).digest('base64')}'`;

/**
 * The markup that replaces `<div id="root"></div>` in the single page: the whole first screen (header,
 * the questionnaire's first page, footer), the app's root kept hidden until it takes over. Null when
 * the first page cannot be shown without the app. Between `<!--first-page-->` and `<!--/first-page-->`,
 * so the service worker can tell the app shell from a wave's own page (client/public/sw.js).
 */
export function renderFirstPage(input: FirstPageInput): string | null {
  const rendered = renderPage(input);
  if (!rendered) return null;
  return `<!--first-page--><div id="static-page" data-wave="${esc(input.wave.id)}" data-first-question="${esc(rendered.first)}">`
    + '<a class="skip-link" href="#static-main">Bỏ qua, đến nội dung chính</a>'
    + '<header class="site-header"><a class="brand" href="/">SIPAS</a><div class="lang-switch" role="group" aria-label="Ngôn ngữ / Language">'
    + '<button type="button" aria-pressed="true" lang="vi">Tiếng Việt</button><button type="button" aria-pressed="false" lang="en">English</button></div></header>'
    + '<main id="static-main" class="container"><section class="survey-page">'
    + (input.wave.isSynthetic ? '<p class="notice">Dữ liệu mô phỏng (synthetic)</p>' : '')
    + (input.wave.design === 'household' ? INVITATION : '')
    + rendered.html
    + '</section></main>'
    + '<footer class="site-footer">Phần mềm mã nguồn mở khảo sát sự hài lòng của người dân</footer></div>'
    + `<script>${FIRST_PAGE_SCRIPT}</script>`
    + '<div id="root" hidden></div><!--/first-page-->';
}

/**
 * The first page of an open wave, with the lists the app would give SurveyJS on a fresh visit: provinces
 * of the wave's geography, no communes yet (none until a province is chosen), the service points of a
 * service-point wave. Null for a wave that is not open (the app explains why).
 */
export function firstPageSource(db: Kysely<Database>, questionnaires: QuestionnaireCache, waves: WaveCache) {
  return async (id: string): Promise<string | null> => {
    const wave = await waves.get(id);
    if (!wave || wave.status !== 'open') return null;
    const [{ version }, provinces, points] = await Promise.all([
      questionnaires.get(wave.survey_version_id),
      listProvinces(db, wave.geography_code),
      wave.design === 'service_point' ? listServicePoints(db, { geography: wave.geography_code as GeographyCode, active: true }) : Promise.resolve([]),
    ]);
    return renderFirstPage({
      wave: { id: wave.id, design: wave.design, isSynthetic: wave.is_synthetic },
      questionnaire: version.definition as Json,
      choices: {
        province: provinces.map((p) => ({ value: p.code, text: p.nameVi })),
        commune: [],
        service_point: points.map((p) => ({ value: p.code, text: p.name_vi })),
      },
    });
  };
}
