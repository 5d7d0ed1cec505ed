import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, GeographyCode } from '../../server/db/database';
import { upsertCommunes } from '../../server/geography/geography.repository';
import { insertServicePoint } from '../../server/service-points/service-points.repository';
import { seedSurveys } from '../../server/surveys/surveys.seed';
import type { NewWave } from '../../server/waves/waves.repository';
import type { Agent } from './users';
import { createWave } from './waves';

const KIOSK_STATEMENTS = ['q_access_1', 'q_access_3', 'q_procedure_3', 'q_procedure_4', 'q_staff_1', 'q_staff_3', 'q_result_1', 'q_result_2'];

/** An open wave of the kiosk questionnaire (`surveys/service-point.json`) on the 34 units unless overridden. */
export async function createServicePointWave(db: Kysely<Database>, overrides: Partial<NewWave> = {}) {
  const versions = await seedSurveys(db);
  return createWave(db, {
    surveyVersionId: versions.get('service-point')!, geographyCode: 'vn-34', design: 'service_point', ...overrides,
  });
}

let points = 0;

/** A service point inserted directly (no audit row), in Hà Nội of the 34 units unless overridden. */
export async function createServicePoint(db: Kysely<Database>, overrides: {
  code?: string; nameVi?: string; geography?: GeographyCode; province?: string; commune?: string | null;
} = {}) {
  points += 1;
  return insertServicePoint(db, {
    code: overrides.code ?? `TEST-${points}-${Date.now().toString(36).toUpperCase()}`,
    nameVi: overrides.nameVi ?? `Bộ phận một cửa thử nghiệm ${points}`,
    geography: overrides.geography ?? 'vn-34',
    province: overrides.province ?? '01',
    commune: overrides.commune ?? null,
  });
}

/** Two communes of Hà Nội in the 34 units. */
export async function createHanoiCommunes(db: Kysely<Database>) {
  await upsertCommunes(db, 'vn-34', [
    { code: '00004', provinceCode: '01', nameVi: 'Phường Ba Đình', urbanRural: 'urban' },
    { code: '00008', provinceCode: '01', nameVi: 'Phường Ngọc Hà', urbanRural: 'urban' },
  ]);
}

/** A complete kiosk answer set at `servicePoint`; override any key. */
export function kioskAnswers(servicePoint: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    service_point: servicePoint,
    ...Object.fromEntries(KIOSK_STATEMENTS.map((name) => [name, 4])),
    exp_feedback: false,
    overall: 5,
    ...overrides,
  };
}

export function kioskBody(servicePoint: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: randomUUID(),
    channel: 'kiosk',
    answers: kioskAnswers(servicePoint),
    startedAt: '2026-03-02T09:00:00.000Z',
    submittedAt: '2026-03-02T09:01:10.000Z',
    ...overrides,
  };
}

/** Posts a response the way a kiosk does, with its device token (none: no Authorization header). */
export function postAsKiosk(baseUrl: string, wave: string, token: string | null, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}/api/waves/${encodeURIComponent(wave)}/responses`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

export interface Enrolment { device: { id: string; status: string; servicePoint: { code: string } }; token: string }

/** Enrols a kiosk through the API as `official`; throws unless it succeeds. */
export async function enrolKiosk(official: Agent, servicePoint: string, options: { wave?: string; label?: string } = {}): Promise<Enrolment> {
  const res = await official.post('/api/kiosk-devices', { servicePoint, wave: options.wave ?? null, label: options.label ?? 'Ki-ốt cửa chính' });
  if (res.status !== 201) throw new Error(`enrolment refused: ${res.status} ${await res.text()}`);
  return res.json();
}
