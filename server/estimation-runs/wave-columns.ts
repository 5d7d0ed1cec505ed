import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { Growable } from '../estimation/growable';
import { AGE_GROUP_LEVELS, SEX_LEVELS } from '../estimation/microdata';
import { MISSING_ANSWER, type CategoricalColumn, type SurveyColumns } from '../estimation/types';
import type { PerceptionTally } from '../perceptions/perceptions';
import { streamResponseValues, type CompleteResponse } from '../responses/complete-responses.repository';
import type { IndexDefinition } from '../surveys/index-definition';
import { statementNames } from '../surveys/index-definition';

export interface WaveColumns {
  columns: SurveyColumns;
  /** sha256 over every included response's id, content hash, design position and weight, in id order. */
  fingerprint: string;
  /** Responses without a design weight count with weight 1 (self-weighting assumption). */
  unitWeightCount: number;
}

/** What the input fingerprint covers for one response; whoever re-reads a run's responses checks against it. */
export type FingerprintedResponse = Omit<CompleteResponse, 'answers'>;

export function fingerprintLine(r: FingerprintedResponse): string {
  return `${r.id}|${r.content_hash}|${r.stratum ?? r.province_code}|${r.psu ?? ''}|${r.base_weight ?? 1}\n`;
}

function codeOf(codes: Map<string, number>, label: string): number {
  let code = codes.get(label);
  if (code === undefined) codes.set(label, (code = codes.size));
  return code;
}

function levelCode(levels: readonly string[], value: unknown): number {
  return typeof value === 'string' ? levels.indexOf(value) : -1;
}

/**
 * Streams a wave's complete (not excluded) responses into the engine's columns, without building an
 * object per response beyond the row the driver hands over. PSUs are nested in strata; a response with no
 * PSU (no commune yet) is its own PSU, i.e. element sampling within its stratum. Only the responses of
 * the wave's sample, unless `sampled` is false: then only those outside it (METHOD.md §7). When `perceptions`
 * is given, each response is also added to it in the same pass: the run's perception tally is then made from
 * exactly the responses the run estimates.
 */
export async function loadWaveColumns(
  db: Kysely<Database>, waveId: string, definition: IndexDefinition, sampled = true, perceptions?: PerceptionTally,
): Promise<WaveColumns> {
  const statements = statementNames(definition);
  const strata = new Map<string, number>();
  const psus = new Map<string, number>();
  const provinces = new Map<string, number>();
  const stratum = new Growable((n) => new Int32Array(n));
  const psu = new Growable((n) => new Int32Array(n));
  const province = new Growable((n) => new Int32Array(n));
  const weight = new Growable((n) => new Float64Array(n));
  const sex = new Growable((n) => new Int32Array(n));
  const age = new Growable((n) => new Int32Array(n));
  const answers = statements.map(() => new Growable((n) => new Int8Array(n)));
  const hash = createHash('sha256');
  let unitWeightCount = 0;
  let rows = 0;

  // Only the answers the index needs cross the wire, as one array per response: [sex, age_group, ...statements].
  // The perception tally's questions follow, when the run tallies them in the same pass.
  const perceptionKeys = perceptions?.questions() ?? [];
  const perceptionAt = 2 + statements.length;
  const keys = ['sex', 'age_group', ...statements, ...perceptionKeys];
  for await (const r of streamResponseValues(db, waveId, keys, { sampled })) {
    const stratumLabel = r.stratum ?? r.province_code;
    const s = codeOf(strata, stratumLabel);
    stratum.push(s);
    psu.push(codeOf(psus, `${s}\u0000${r.psu ?? `id:${r.id}`}`));
    province.push(codeOf(provinces, r.province_code));
    const w = r.base_weight ?? 1;
    if (r.base_weight === null) unitWeightCount++;
    weight.push(w);
    const a = r.values ?? [];
    sex.push(levelCode(SEX_LEVELS, a[0]));
    age.push(levelCode(AGE_GROUP_LEVELS, a[1]));
    for (let k = 0; k < statements.length; k++) {
      const v = a[k + 2];
      answers[k].push(typeof v === 'number' && Number.isInteger(v) ? v : MISSING_ANSWER);
    }
    if (perceptions) {
      const asked: Record<string, unknown> = {};
      for (let k = 0; k < perceptionKeys.length; k++) asked[perceptionKeys[k]] = a[perceptionAt + k];
      perceptions.add(r.province_code, w, asked);
    }
    hash.update(fingerprintLine(r));
    rows++;
  }

  // Levels in sorted order, as the CSV path builds them, so results are ordered the same way.
  const sorted = (codes: Map<string, number>) => {
    const levels = [...codes.keys()].sort();
    const remap = new Int32Array(codes.size);
    levels.forEach((level, k) => (remap[codes.get(level)!] = k));
    return { levels, remap };
  };
  const provinceLevels = sorted(provinces);
  const provinceCodes = province.finish().map((c) => provinceLevels.remap[c]);
  const stratumLevels = sorted(strata);
  const stratumCodes = stratum.finish().map((c) => stratumLevels.remap[c]);
  const categorical: Record<string, CategoricalColumn> = {
    sex: { codes: sex.finish(), levels: [...SEX_LEVELS] },
    age_group: { codes: age.finish(), levels: [...AGE_GROUP_LEVELS] },
  };
  const columns: SurveyColumns = {
    rowCount: rows,
    stratum: stratumCodes,
    strata: stratumLevels.levels,
    psu: psu.finish(),
    psuCount: psus.size,
    fpcPsu: null,
    weight: weight.finish(),
    province: { codes: provinceCodes, levels: provinceLevels.levels },
    categorical,
    answers: Object.fromEntries(statements.map((name, k) => [name, answers[k].finish()])),
  };
  return { columns, fingerprint: hash.digest('hex'), unitWeightCount };
}
