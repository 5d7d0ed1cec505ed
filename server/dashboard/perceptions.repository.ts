import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';

/** Respondents and their summed base weights per province, (matrix row) and answer. */
export interface AnswerTally {
  province_code: string;
  row: string | null;
  level: string;
  n: number;
  weight: number;
}

/**
 * Tallies a single-choice question's answers by province. A response with no base weight counts with
 * weight 1, as in estimation runs (self-weighting assumption). Only the responses of the wave's sample
 * (a household wave's open-link responses are not official figures, METHOD.md §7).
 */
export async function tallySingle(db: Kysely<Database>, waveId: string, question: string): Promise<AnswerTally[]> {
  const { rows } = await sql<AnswerTally>`
    select province_code, null as row, answers ->> ${question} as level,
           count(*)::int as n, sum(coalesce(base_weight, 1))::float8 as weight
    from responses
    where wave_id = ${waveId} and status = 'complete' and sampled and answers ->> ${question} is not null
    group by 1, 3`.execute(db);
  return rows;
}

/** Tallies a matrix question's answers by province and row. */
export async function tallyMatrix(db: Kysely<Database>, waveId: string, question: string): Promise<AnswerTally[]> {
  const { rows } = await sql<AnswerTally>`
    select r.province_code, e.key as row, e.value as level,
           count(*)::int as n, sum(coalesce(r.base_weight, 1))::float8 as weight
    from responses r cross join lateral jsonb_each_text(r.answers -> ${question}) e
    where r.wave_id = ${waveId} and r.status = 'complete' and r.sampled and jsonb_typeof(r.answers -> ${question}) = 'object'
    group by 1, 2, 3`.execute(db);
  return rows;
}
