import type { AuthUser } from '../auth/auth-user';
import { assertProvinceAccess } from '../auth/province-scope';
import type { GeographyCode } from '../db/database';
import { NotFoundError } from '../errors/app-error';
import { listPerceptionTally } from '../estimation-runs/runs.repository';
import type { PerceptionValue } from '../perceptions/perceptions';
import type { BilingualText } from '../surveys/question-catalogue';
import { presentUnit, presentWave } from './present';
import { perceptionQuestions, type PerceptionQuestion } from './perception-questions';
import { tallyMatrix, tallySingle, type AnswerTally } from './perceptions.repository';
import { loadUnits } from './units.repository';
import { resolveView, type DashboardDeps } from './wave-view';

export interface Share { value: string; label: BilingualText; n: number; share: number | null }
export interface ShareRow { value: string | null; label: BilingualText | null; n: number; shares: Share[] }

/**
 * Weighted shares of one question (or one matrix row): Σw of those giving each answer over Σw of those who
 * answered at all. Answers outside the question's options are ignored; unanswered is outside the base.
 */
export function sharesOf(tallies: readonly AnswerTally[], options: readonly PerceptionValue[]): Pick<ShareRow, 'n' | 'shares'> {
  const counts = new Map(options.map((o) => [o.value, { n: 0, weight: 0 }]));
  for (const t of tallies) {
    const c = counts.get(t.level);
    if (c) { c.n += t.n; c.weight += t.weight; }
  }
  const total = [...counts.values()].reduce((a, c) => ({ n: a.n + c.n, weight: a.weight + c.weight }), { n: 0, weight: 0 });
  return {
    n: total.n,
    shares: options.map((o) => {
      const c = counts.get(o.value)!;
      return { value: o.value, label: o.label, n: c.n, share: total.weight > 0 ? c.weight / total.weight : null };
    }),
  };
}

/** Where a view's tallies come from: the run's stored tally, or (no run, or a run from before 0014) the answers. */
type TallySource = (q: PerceptionQuestion) => Promise<AnswerTally[]>;

function liveTallies(deps: DashboardDeps, waveId: string): TallySource {
  return (q) => (q.kind === 'matrix' ? tallyMatrix(deps.db, waveId, q.name) : tallySingle(deps.db, waveId, q.name));
}

async function storedTallies(deps: DashboardDeps, runId: string, provinces: readonly string[] | undefined): Promise<TallySource> {
  const byQuestion = new Map<string, AnswerTally[]>();
  for (const t of await listPerceptionTally(deps.db, runId, provinces)) {
    let list = byQuestion.get(t.question);
    if (!list) byQuestion.set(t.question, (list = []));
    list.push({ province_code: t.province, row: t.row, level: t.value, n: t.n, weight: t.sumW });
  }
  return async (q) => byQuestion.get(q.name) ?? [];
}

async function questionShares(source: TallySource, q: PerceptionQuestion, keep: (province: string) => boolean) {
  const tallies = (await source(q)).filter((t) => keep(t.province_code));
  const rows: ShareRow[] = q.kind === 'matrix'
    ? q.rows.map((r) => ({ value: r.value, label: r.label, ...sharesOf(tallies.filter((t) => t.row === r.value), q.options) }))
    : [{ value: null, label: null, ...sharesOf(tallies, q.options) }];
  return { name: q.name, kind: q.kind, title: q.title, rows };
}

/**
 * Perceptions (harassment, informal payments, preferred channels) and expectations (the 10 improvement
 * priorities) as design-weighted shares with their respondent counts, nationally or for one unit. These
 * categorical answers are tallied with their base weights once, by the estimation run, from the responses
 * it estimated, and read here from that stored tally (the annual report reads the same); a wave with no run
 * yet, or whose run predates stored tallies, is tallied from its responses. A unit of the 34 taken from a wave on the 63 provinces gathers its former provinces.
 */
export async function perceptions(deps: DashboardDeps, user: AuthUser, waveId: string, geography?: GeographyCode, province?: string) {
  const view = await resolveView(deps, waveId, geography);
  let unit = null;
  let keep = (_province: string) => true;
  let provinces: string[] | undefined;
  if (province) {
    assertProvinceAccess(user, view.geography, province);
    unit = (await loadUnits(deps.db, view.geography)).find((u) => u.code === province) ?? null;
    if (!unit) throw new NotFoundError(`Không có tỉnh, thành phố mã "${province}" trong ${view.geography}`, `No unit "${province}" in ${view.geography}`);
    provinces = view.wave.geography_code === view.geography ? [unit.code] : unit.members;
    const codes = new Set(provinces);
    keep = (code) => codes.has(code);
  }
  const { version } = await deps.questionnaires.get(view.wave.survey_version_id);
  const source = view.run?.perceptions_tallied ? await storedTallies(deps, view.run.id, provinces) : liveTallies(deps, view.wave.id);
  const questions = [];
  for (const q of perceptionQuestions(version.definition)) questions.push(await questionShares(source, q, keep));
  return {
    wave: presentWave(view.wave), geography: view.geography, province: unit ? presentUnit(unit) : null,
    weighting: 'base_weight' as const,
    /** The run whose stored tally the shares are (null: tallied from the wave's responses as they are now). */
    tallyRun: view.run?.perceptions_tallied ? view.run.id : null,
    questions,
  };
}
