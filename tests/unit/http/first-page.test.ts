import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderFirstPage } from '../../../server/http/first-page';

const survey = (name: string) => JSON.parse(readFileSync(path.join(__dirname, '../../../surveys', name), 'utf8')) as Record<string, unknown>;
const household = { id: 'w1', design: 'household', isSynthetic: false };
const provinces = [{ value: '01', text: 'Hà Nội' }, { value: '79', text: 'Thành phố Hồ Chí Minh' }];

describe('the first page sent as HTML (issue #15)', () => {
  test('the household form: its part A as SurveyJS shows it on a fresh visit, in Vietnamese', () => {
    const html = renderFirstPage({ wave: household, questionnaire: survey('sipas-2023.json'), choices: { province: provinces, commune: [], service_point: [] } })!;
    expect(html).toContain('<span class="step-count">Phần 1/5</span>');
    const questions = [...html.matchAll(/data-question="([^"]+)"/g)].map((m) => m[1]);
    // The commune has no choices before a province is chosen: SurveyJS hides it, so does this page.
    expect(questions).toEqual(['province', 'village', 'sex', 'age_group', 'ethnicity', 'education', 'occupation', 'urban_rural', 'terrain']);
    expect(html).toContain('<option value="&quot;01&quot;">Hà Nội</option>');
    expect(html).toContain('<input type="radio" name="sex" value="&quot;F&quot;" required><span class="sd-item__control-label">Nữ</span>');
    expect(html).toContain('<input type="text" id="static-village" name="village" maxlength="200">');
    expect(html).toMatch(/<button type="submit" class="static-next" disabled[^>]*>Tiếp theo<\/button>/);
    expect(html).toContain('Ông/bà có phiếu mời? Nhập mã mời');
    expect(html.startsWith('<!--first-page-->') && html.endsWith('<div id="root" hidden></div><!--/first-page-->')).toBe(true);
  });

  test('escapes what the questionnaire and the platform supply', () => {
    const questionnaire = { pages: [{ name: 'p', title: 'A <b>', elements: [{ type: 'radiogroup', name: 'q', title: { default: 'Có "dấu" & <i>' }, choices: [{ value: '"><script>', text: '<x>' }] }] }] };
    const html = renderFirstPage({ wave: { id: 'w"1', design: 'service_point', isSynthetic: true }, questionnaire, choices: {} })!;
    // Everything before the page's own inline script.
    const markup = html.slice(0, html.indexOf('<script>(function'));
    expect(markup).toContain('</footer>');
    expect(markup).not.toMatch(/<(b|i|x|script)>/);
    expect(html).toContain('Có &quot;dấu&quot; &amp; &lt;i&gt;');
    expect(html).toContain('data-wave="w&quot;1"');
    expect(html).toContain('Dữ liệu mô phỏng (synthetic)');
    expect(html).toContain('Hoàn thành');
  });

  test('none where only the app can show the first page faithfully', () => {
    const page = (elements: unknown[], extra: Record<string, unknown> = {}) => ({ ...extra, pages: [{ name: 'p', elements }] });
    const radio = { type: 'radiogroup', name: 'q', choices: ['a'] };
    expect(renderFirstPage({ wave: household, questionnaire: page([radio]), choices: {} })).not.toBeNull();
    // One question per page with automatic advance (the service-point form).
    expect(renderFirstPage({ wave: household, questionnaire: survey('service-point.json'), choices: { service_point: [{ value: 'sp', text: 'Điểm' }] } })).toBeNull();
    expect(renderFirstPage({ wave: household, questionnaire: page([{ ...radio, visibleIf: '{x} = 1' }]), choices: {} })).toBeNull();
    expect(renderFirstPage({ wave: household, questionnaire: page([{ ...radio, showOtherItem: true }]), choices: {} })).toBeNull();
    expect(renderFirstPage({ wave: household, questionnaire: page([{ type: 'matrix', name: 'm' }]), choices: {} })).toBeNull();
    expect(renderFirstPage({ wave: household, questionnaire: page([{ type: 'text', name: 't', inputType: 'date' }]), choices: {} })).toBeNull();
    expect(renderFirstPage({ wave: household, questionnaire: page([radio], { firstPageIsStarted: true }), choices: {} })).toBeNull();
    // Nothing left to ask before the platform's lists arrive.
    expect(renderFirstPage({ wave: household, questionnaire: page([{ type: 'dropdown', name: 'province' }]), choices: { province: [] } })).toBeNull();
  });
});
