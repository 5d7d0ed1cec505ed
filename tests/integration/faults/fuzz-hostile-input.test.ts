import fc from 'fast-check';
import { startTestApp, UNLIMITED, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { databaseState, deepValue, hostileText, percentEncode, problemOf, sendJson, type Problem } from '../../support/hostile';
import { createServicePoint } from '../../support/kiosks';
import { responseBody } from '../../support/sipas-answers';
import { createUser, loginAs, type LoggedInAgent } from '../../support/users';
import { createCommunes, createWave } from '../../support/waves';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

/** Sets `path` (dotted, numbers index arrays) in a copy of `body`. */
function withValueAt(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys.at(-1)!] = value;
  return copy;
}

/** Sets `value` under the key `key` of the object at `parent` (dotted; `''` is the body itself). */
function withKeyAt(body: Record<string, unknown>, parent: string, key: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  let at: Record<string, unknown> = copy;
  for (const k of parent ? parent.split('.') : []) at = at[k] as Record<string, unknown>;
  at[key] = value;
  return copy;
}

interface Poison { field: string; rule: string; poisoned(body: Record<string, unknown>): Record<string, unknown>; key?: boolean }

/**
 * Where a poison goes: a field's value (hostile text, or nesting deeper than the API takes), or a new key
 * with a hostile name in one of the objects `keyParents` names.
 */
const poison = (fields: string[], keyParents: string[]): fc.Arbitrary<Poison> => fc.oneof(
  fc.record({ field: fc.constantFrom(...fields), text: hostileText })
    .map(({ field, text }) => ({ field, rule: text.rule, poisoned: (b: Record<string, unknown>) => withValueAt(b, field, text.text) })),
  fc.record({ field: fc.constantFrom(...fields), value: deepValue })
    .map(({ field, value }) => ({ field, rule: 'too_deep', poisoned: (b: Record<string, unknown>) => withValueAt(b, field, value) })),
  fc.record({ parent: fc.constantFrom(...keyParents), text: hostileText })
    .map(({ parent, text }) => ({ field: parent, rule: text.rule, key: true, poisoned: (b: Record<string, unknown>) => withKeyAt(b, parent, text.text, 'x') })),
);

/**
 * The refusal names the poisoned field and the rule: exactly, or below it for nesting (the deepest level
 * reached), or for a hostile key a field of its parent object with the character written as an escape.
 * Nesting thousands deep may instead pass the route's size limit: then a 413 naming the body.
 */
function namesField(problem: Problem, status: number, root: string, p: Poison): boolean {
  const issue = problem.errors?.[0];
  if (p.rule === 'too_deep' && problem.status === 413) return issue?.field === 'body' && issue.rule === 'max_size';
  if (problem.status !== status || !issue || issue.rule !== p.rule || !issue.message || !issue.messageEn) return false;
  const field = [root, p.field].filter(Boolean).join('.');
  if (p.key) return issue.field.startsWith(field ? `${field}.` : '') && issue.field.includes('\\u');
  return p.rule === 'too_deep' ? issue.field.startsWith(field) : issue.field === field;
}

interface BodyTarget { method: string; path: string; body: Record<string, unknown>; fields: string[] }

describe.each(testDatabases)('hostile bytes and shapes, fuzzed, on $name', (target) => {
  let app: TestApp;
  let admin: LoggedInAgent;
  let wave: string;
  let draft: string;
  let userId: number;
  let responseId: string;
  let point: string;

  beforeAll(async () => {
    // Hundreds of posts from one address: the per-address limit is not what is fuzzed here.
    app = await startTestApp(target, { responseRate: UNLIMITED });
    await createCommunes(app.db);
    wave = (await createWave(app.db)).id;
    draft = (await createWave(app.db, { status: 'draft' })).id;
    admin = await loginAs(app.url, app.db, { role: 'national_admin' });
    userId = (await createUser(app.db)).user.id;
    point = (await createServicePoint(app.db)).code;
    const stored = await admin.post(`/api/waves/${wave}/responses`, responseBody());
    responseId = (await stored.json()).response.id;
  });
  afterAll(() => app.close());

  it(`when ${RUNS} responses carry a NUL, a lone surrogate or deep nesting in an answer, a key or the envelope, then each is a 422 naming the field and nothing is stored`, async () => {
    const before = await databaseState(app.db);
    const fields = ['answers.comment', 'answers.village', 'answers.sex', 'answers.q_staff_1', 'answers.policy_interest.health_care',
      'answers.policy_channels.0', 'deviceId', 'invitationCode', 'startedAt', 'channel', 'id'];
    await fc.assert(fc.asyncProperty(poison(fields, ['', 'answers', 'answers.policy_interest']), async (p) => {
      const res = await sendJson(admin, 'POST', `/api/waves/${wave}/responses`, p.poisoned(responseBody()));
      return namesField(await problemOf(res), 422, '', p);
    }), { numRuns: RUNS });
    expect(await databaseState(app.db)).toEqual(before);
  }, 300_000);

  it(`when ${RUNS} officials' requests carry hostile text or nesting in any field of their body, then each is a 422 naming body.<field> and nothing is stored`, async () => {
    const targets: BodyTarget[] = [
      { method: 'POST', path: '/api/users', body: { username: 'nguoi-dung-moi', displayName: 'Nguyễn Văn A', role: 'analyst', password: 'mật khẩu mới đủ dài' }, fields: ['username', 'displayName', 'role', 'password'] },
      { method: 'PATCH', path: `/api/users/${userId}`, body: { displayName: 'Trần Thị B' }, fields: ['displayName'] },
      { method: 'POST', path: '/api/waves', body: { id: 'dot-moi', surveyVersion: 1, year: 2026, geography: 'vn-34', titleVi: 'Đợt mới', titleEn: 'New wave', design: 'household' }, fields: ['id', 'titleVi', 'titleEn', 'design'] },
      { method: 'PATCH', path: `/api/waves/${draft}`, body: { titleVi: 'Đợt đổi tên' }, fields: ['titleVi', 'status'] },
      { method: 'POST', path: '/api/service-points', body: { code: 'HN-MOI-01', nameVi: 'Điểm mới', geography: 'vn-34', province: '01' }, fields: ['code', 'nameVi', 'province', 'commune'] },
      { method: 'PATCH', path: `/api/service-points/${point}`, body: { nameVi: 'Điểm đổi tên' }, fields: ['nameVi'] },
      { method: 'POST', path: '/api/kiosk-devices', body: { servicePoint: point, label: 'Ki-ốt mới' }, fields: ['servicePoint', 'label', 'wave'] },
      { method: 'PATCH', path: `/api/waves/${wave}/responses/${responseId}`, body: { status: 'excluded', reason: 'Phiếu thử nghiệm' }, fields: ['reason', 'status'] },
      { method: 'POST', path: '/api/auth/login', body: { username: admin.user.username, password: admin.password }, fields: ['username', 'password'] },
    ];
    const before = await databaseState(app.db);
    const arbitrary = fc.constantFrom(...targets).chain((t) => poison(t.fields, ['']).map((p) => ({ t, p })));
    await fc.assert(fc.asyncProperty(arbitrary, async ({ t, p }) => {
      const res = await sendJson(admin, t.method, t.path, p.poisoned(t.body));
      return namesField(await problemOf(res), 422, 'body', p);
    }), { numRuns: RUNS });
    expect(await databaseState(app.db)).toEqual(before);
  }, 300_000);

  it(`when ${RUNS} paths and query strings carry a NUL or a lone surrogate, then each is a 400 naming path or query.<name> and nothing is stored`, async () => {
    const paths = ['/api/waves/{}/questionnaire', '/api/waves/{}/communes', '/api/runs/{}', '/api/open/runs/{}', '/api/users/{}',
      '/api/dashboard/waves/{}/overview', '/api/waves/{}/sample', '/s/{}'];
    const queries = [`/api/waves/${wave}/communes?province={}`, '/api/audit?action={}', `/api/waves/${wave}/invitation?code={}`,
      '/api/service-points?province={}', `/api/waves/${wave}/fieldwork?speederShare={}`, '/api/open/runs?wave={}'];
    const request = fc.oneof(
      fc.record({ template: fc.constantFrom(...paths), text: hostileText, method: fc.constantFrom('GET', 'POST', 'PATCH') })
        .map(({ template, text, method }) => ({ url: template.replace('{}', percentEncode(text.text)), method, field: 'path', text })),
      fc.record({ template: fc.constantFrom(...queries), text: hostileText })
        .map(({ template, text }) => ({ url: template.replace('{}', percentEncode(text.text)), method: 'GET', field: `query.${/[?&](\w+)=\{\}/.exec(template)![1]}`, text })),
      fc.record({ text: hostileText, path: fc.constantFrom(...queries.map((q) => q.split('?')[0])) })
        .map(({ text, path }) => ({ url: `${path}?${percentEncode(text.text)}=1`, method: 'GET', field: 'query.', text })),
    );
    const before = await databaseState(app.db);
    await fc.assert(fc.asyncProperty(request, async ({ url, method, field, text }) => {
      const res = await admin.request(method, url, method === 'GET' ? undefined : {});
      const problem = await problemOf(res);
      const issue = problem.errors?.[0];
      // In a URL a lone surrogate can only be written as bytes that are not UTF-8.
      const rule = text.rule === 'nul_character' ? 'nul_character' : 'percent_encoding';
      return problem.status === 400 && issue?.rule === rule && (field === 'query.' ? issue.field.startsWith(field) : issue.field === field);
    }), { numRuns: RUNS });
    expect(await databaseState(app.db)).toEqual(before);
  }, 300_000);
});
