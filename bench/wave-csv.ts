import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { MISSING_ANSWER, type MarginTotal, type SurveyColumns } from '../server/estimation/types';

/** Writes a synthetic wave as microdata and margins CSV files (METHOD.md §6), e.g. for R to read. */
export function writeWaveCsv(columns: SurveyColumns, margins: readonly MarginTotal[], microdataPath: string, marginsPath: string): void {
  const statements = Object.keys(columns.answers);
  const psuStratum = new Int32Array(columns.psuCount);
  for (let i = 0; i < columns.rowCount; i++) psuStratum[columns.psu[i]] = columns.stratum[i];
  const fd = openSync(microdataPath, 'w');
  let lines = [
    ['respondent_id', 'year', 'province_code', 'stratum', 'psu', 'fpc_psu', 'weight', 'sex', 'age_group', ...statements].join(','),
  ];
  for (let i = 0; i < columns.rowCount; i++) {
    const h = columns.stratum[i];
    const answers = statements.map((s) => {
      const a = columns.answers[s][i];
      return a === MISSING_ANSWER ? '' : String(a);
    });
    lines.push(
      [
        `R${i + 1}`, '2024', columns.province.levels[columns.province.codes[i]], columns.strata[h], `C${columns.psu[i]}`,
        columns.fpcPsu ? columns.fpcPsu[h] : '', columns.weight[i],
        columns.categorical.sex.levels[columns.categorical.sex.codes[i]],
        columns.categorical.age_group.levels[columns.categorical.age_group.codes[i]], ...answers,
      ].join(','),
    );
    // Written in blocks: millions of respondents are more text than one string may hold.
    if (lines.length === 65536) {
      writeSync(fd, `${lines.join('\n')}\n`);
      lines = [];
    }
  }
  writeSync(fd, lines.length ? `${lines.join('\n')}\n` : '');
  closeSync(fd);
  writeFileSync(
    marginsPath,
    `margin,province_code,level,total\n${margins.map((m) => `${m.variable},${m.province},${m.level},${m.total}`).join('\n')}\n`,
  );
}
