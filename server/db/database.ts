import type { ColumnType, Generated } from 'kysely';
import type { EstimateRow } from '../../contracts/estimation';
import type { ResponseChannel } from '../../contracts/fieldwork';
export type { ResponseChannel } from '../../contracts/fieldwork';

/**
 * The schema as Kysely sees it. Changes in the same commit as the migration in `sql/` that makes them.
 * `bigint` columns arrive as strings (see connect.ts).
 */
export interface Database {
  schema_migrations: SchemaMigrationsTable;
  geography_versions: GeographyVersionsTable;
  provinces: ProvincesTable;
  communes: CommunesTable;
  surveys: SurveysTable;
  survey_versions: SurveyVersionsTable;
  waves: WavesTable;
  responses: ResponsesTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  wave_margins: WaveMarginsTable;
  estimation_runs: EstimationRunsTable;
  estimation_results: EstimationResultsTable;
  run_perception_tallies: RunPerceptionTalliesTable;
  response_monitor: ResponseMonitorTable;
  service_points: ServicePointsTable;
  kiosk_devices: KioskDevicesTable;
  kiosk_enrolment_codes: KioskEnrolmentCodesTable;
  sample_plans: SamplePlansTable;
  sample_frame_units: SampleFrameUnitsTable;
  invitations: InvitationsTable;
  invitation_refusals: InvitationRefusalsTable;
  service_point_transactions: ServicePointTransactionsTable;
  paper_layouts: PaperLayoutsTable;
  paper_forms: PaperFormsTable;
  paper_pages: PaperPagesTable;
  paper_keyings: PaperKeyingsTable;
  address_failures: AddressFailuresTable;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: CreatedAt;
}

export interface GeographyVersionsTable {
  code: string;
  name_vi: string;
  name_en: string;
  effective_from: ColumnType<Date | null, string | null | undefined, string | null>;
}

export interface ProvincesTable {
  geography_code: string;
  code: string;
  name_vi: string;
  name_en: string;
  region_vi: string | null;
  is_city: boolean;
  successor_code: string | null;
  population: ColumnType<string | null, number | string | null | undefined, number | string | null>;
}

export interface CommunesTable {
  geography_code: string;
  province_code: string;
  code: string;
  name_vi: string;
  urban_rural: 'urban' | 'rural' | null;
}

export interface SurveysTable {
  id: string;
  title_vi: string;
  title_en: string;
  created_at: CreatedAt;
}

export interface SurveyVersionsTable {
  id: Generated<number>;
  survey_id: string;
  version: number;
  definition: ColumnType<unknown, string, never>;
  fingerprint: string;
  published_at: CreatedAt;
}

export type WaveStatus = 'draft' | 'open' | 'closed';
/**
 * `household`: a probability sample (sample plan → communes → invitations); `service_point`: exit surveys
 * weighted by transactions; `open`: self-selected, every valid response counts and no figure of it is from
 * a probability sample (METHOD.md §7).
 */
export type WaveDesign = 'household' | 'service_point' | 'open';

export interface WavesTable {
  id: string;
  survey_version_id: number;
  year: number;
  geography_code: string;
  title_vi: string;
  title_en: string;
  design: WaveDesign;
  status: ColumnType<WaveStatus, WaveStatus | undefined, WaveStatus>;
  fieldwork_start: ColumnType<Date | null, string | null | undefined, string | null>;
  fieldwork_end: ColumnType<Date | null, string | null | undefined, string | null>;
  is_synthetic: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface ResponsesTable {
  id: string;
  wave_id: string;
  survey_version_id: number;
  province_code: string;
  commune_code: string | null;
  stratum: string | null;
  psu: string | null;
  channel: ResponseChannel;
  device_id: string | null;
  answers: ColumnType<Record<string, unknown>, string, never>;
  content_hash: string;
  started_at: ColumnType<Date | null, Date | string | null | undefined, never>;
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, never>;
  received_at: CreatedAt;
  duration_ms: number | null;
  status: ColumnType<'complete' | 'excluded', 'complete' | 'excluded' | undefined, 'complete' | 'excluded'>;
  exclusion_reason: string | null;
  base_weight: number | null;
  /**
   * False for a response to a household wave that claimed no invitation (the open link): kept, shown in
   * fieldwork, never in the wave's official figures (migration 0007). Rows written directly are paper forms
   * of the sample.
   */
  sampled: ColumnType<boolean, boolean | undefined, never>;
}

export type Role = 'national_admin' | 'analyst' | 'province_official';
export type GeographyCode = 'vn-63' | 'vn-34';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  province_geography: GeographyCode | null;
  province_code: string | null;
  password_hash: string;
  failed_attempts: ColumnType<number, number | undefined, number>;
  locked_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Lockouts in a row since the last successful sign-in or unlock: each lasts twice the one before. */
  lockouts: ColumnType<number, number | undefined, number>;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  last_login_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: CreatedAt;
}

export interface SessionsTable {
  /** sha256 (hex) of the cookie's token. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  expires_at: ColumnType<Date, Date, Date>;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: ColumnType<Date, Date | undefined, never>;
  actor_id: ColumnType<number | null, number | null | undefined, never>;
  action: string;
  target: ColumnType<string | null, string | null | undefined, never>;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  ip: ColumnType<string | null, string | null | undefined, never>;
}

export interface WaveMarginsTable {
  wave_id: string;
  variable: 'sex' | 'age_group';
  province_code: string;
  level: string;
  total: number;
}

export interface EstimationRunsTable {
  id: Generated<string>;
  wave_id: string;
  geography_code: string;
  schemes: string[];
  parameters: ColumnType<Record<string, unknown>, string, never>;
  input_fingerprint: string;
  margins_fingerprint: string | null;
  code_version: string;
  respondent_count: number;
  status: 'succeeded' | 'failed';
  error: string | null;
  started_by: number | null;
  started_at: ColumnType<Date, Date | string, never>;
  finished_at: CreatedAt;
  /** Set while the run's estimates are open to the public API (migration 0006). */
  published_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  published_by: ColumnType<number | null, number | null | undefined, number | null>;
  /** The disclosure audit the public view follows, set at publication (migration 0008; see open-data/disclosure-audit.ts). */
  disclosure: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  /** A run of a household wave's not-sampled responses: non-probability, never published (migration 0007). */
  not_sampled: ColumnType<boolean, boolean | undefined, never>;
  /** The run's perception answers were tallied with it, into run_perception_tallies (migration 0014). */
  perceptions_tallied: ColumnType<boolean, boolean | undefined, never>;
}

/** What the fieldwork monitor reads of a response, kept by a trigger on responses (migration 0015). */
export interface ResponseMonitorTable {
  response_id: string;
  wave_id: string;
  province_code: string;
  /** The PSU: the commune (household) or the service point. */
  unit: string | null;
  channel: ResponseChannel;
  device_id: string | null;
  status: 'complete' | 'excluded';
  /** False for a household wave's open-link response (kept, but outside its official figures). */
  sampled: boolean;
  duration_ms: number | null;
  received_at: Date;
  answered_at: Date;
  content_hash: string;
  rating_count: number | null;
  distinct_ratings: number | null;
}

/** A run's perception tally: per province (wave's geography), question, matrix row ('' if none) and answer. */
export interface RunPerceptionTalliesTable {
  run_id: string;
  province_code: string;
  question: string;
  row: string;
  value: string;
  n: number;
  sum_w: number;
}

/** A run's figures: the estimates CSV's columns (contracts/estimation.ts), scheme and flags as stored text. */
export interface EstimationResultsTable extends Omit<EstimateRow, 'scheme' | 'flags'> {
  run_id: string;
  scheme: string;
  flags: string[];
}

export interface ServicePointsTable {
  /** Upper case, e.g. `HN-BADINH-01`; responses from the point carry it as their PSU. */
  code: string;
  name_vi: string;
  province_geography: GeographyCode;
  province_code: string;
  commune_code: string | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface KioskDevicesTable {
  id: Generated<string>;
  /** sha256 (hex) of the device token; the token itself is never stored. */
  token_hash: string;
  service_point_code: string;
  wave_id: string | null;
  label: string;
  enrolled_by: number | null;
  enrolled_at: CreatedAt;
  revoked_at: ColumnType<Date | null, never, Date | null>;
  last_seen_at: ColumnType<Date | null, never, Date | null>;
  /** What the kiosk last reported: answers waiting in its queue, and the build of the page it runs. */
  waiting_answers: ColumnType<number | null, never, number | null>;
  app_version: ColumnType<string | null, never, string | null>;
  reported_at: ColumnType<Date | null, never, Date | null>;
}

/** A one-time code that enrols a kiosk (sql/0011); only its sha256 is stored. */
export interface KioskEnrolmentCodesTable {
  code_hash: string;
  service_point_code: string;
  wave_id: string | null;
  label: string;
  created_by: number | null;
  created_at: CreatedAt;
  expires_at: Date;
  used_at: ColumnType<Date | null, never, Date | null>;
  device_id: ColumnType<string | null, never, string | null>;
}

export type Stratification = 'province' | 'province_urban_rural';

export interface SamplePlansTable {
  wave_id: string;
  frame_checksum: string;
  frame_uploaded_at: CreatedAt;
  frame_uploaded_by: number | null;
  stratification: Stratification | null;
  communes_per_stratum: number | null;
  respondents_per_commune: number | null;
  /** 0 to 2³²−1; bigint, so it arrives as a string. */
  seed: ColumnType<string | null, number | null | undefined, number | null>;
  drawn_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  drawn_by: number | null;
}

export interface SampleFrameUnitsTable {
  wave_id: string;
  commune_code: string;
  province_code: string;
  name_vi: string;
  urban_rural: 'urban' | 'rural';
  adult_population: number;
  /** The unit's line in the uploaded file: the order of the systematic draw. */
  frame_line: number;
  stratum: string | null;
  inclusion_probability: number | null;
  certainty: ColumnType<boolean, boolean | undefined, boolean>;
  selected: ColumnType<boolean, boolean | undefined, boolean>;
  target: number | null;
}

export interface InvitationsTable {
  id: Generated<string>;
  wave_id: string;
  commune_code: string;
  slot: number;
  /** sha256 (hex) of the canonical code; the code itself is never stored. */
  code_hash: string;
  issued_at: CreatedAt;
  issued_by: number | null;
  revoked_at: ColumnType<Date | null, never, Date | null>;
  response_id: ColumnType<string | null, never, string | null>;
  used_at: ColumnType<Date | null, never, Date | null>;
}

export interface InvitationRefusalsTable {
  id: Generated<string>;
  invitation_id: string;
  /** The refused response; null when the citizen page was opened with the code. */
  response_id: string | null;
  reason: 'already_used' | 'revoked';
  attempted_at: CreatedAt;
}

export interface ServicePointTransactionsTable {
  wave_id: string;
  service_point_code: string;
  period_start: ColumnType<Date, string, string>;
  period_end: ColumnType<Date, string, string>;
  transactions: number;
}

type Json<T> = ColumnType<T, string, string>;

/** A printing's layout (server/paper/paper-layout.ts `StoredLayout`). */
export interface PaperLayoutsTable {
  id: Generated<string>;
  wave_id: string;
  checksum: string;
  layout: ColumnType<unknown, string, never>;
  created_at: CreatedAt;
}

export type PaperFormStatus = 'printed' | 'returned' | 'verification' | 'stored' | 'refused';

export interface PaperFormsTable {
  id: Generated<string>;
  wave_id: string;
  /** sha256 of an invitation code, or a blank form's serial. */
  form_key: string;
  serial: string | null;
  invitation_id: string | null;
  commune_code: string | null;
  layout_id: string;
  printed_at: CreatedAt;
  status: ColumnType<PaperFormStatus, PaperFormStatus | undefined, PaperFormStatus>;
  answers: ColumnType<Record<string, unknown>, string | undefined, string>;
  uncertain: ColumnType<string[], string | undefined, string>;
  refusal: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  response_id: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PaperPagesTable {
  form_id: string;
  page: number;
  image: Buffer;
  image_hash: string;
  transform: Json<number[]>;
  scores: Json<Record<string, number>>;
  source: string | null;
  read_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PaperKeyingsTable {
  form_id: string;
  pass: number;
  keyed_by: number | null;
  answers: Json<Record<string, unknown>>;
  keyed_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Failures per client address and fixed window, for throttles that write no row per attempt. */
export interface AddressFailuresTable {
  throttle: string;
  address: string;
  window_start: Date;
  failures: number;
}
