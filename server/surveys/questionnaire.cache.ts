import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { NotFoundError } from '../errors/app-error';
import { compileValidationPlan, type ValidationPlan } from './validation-plan';
import { findSurveyVersion, type SurveyVersion } from './surveys.repository';

export interface CompiledQuestionnaire { version: SurveyVersion; plan: ValidationPlan }

/**
 * Each questionnaire version is compiled into a validation plan once per process: published versions
 * never change, so nothing is ever invalidated.
 */
export class QuestionnaireCache {
  private readonly compiled = new Map<number, Promise<CompiledQuestionnaire>>();

  constructor(private readonly db: Kysely<Database>) {}

  get(versionId: number): Promise<CompiledQuestionnaire> {
    let entry = this.compiled.get(versionId);
    if (!entry) {
      entry = this.compile(versionId);
      entry.catch(() => this.compiled.delete(versionId));
      this.compiled.set(versionId, entry);
    }
    return entry;
  }

  private async compile(versionId: number): Promise<CompiledQuestionnaire> {
    const version = await findSurveyVersion(this.db, versionId);
    if (!version) throw new NotFoundError('Không tìm thấy phiên bản phiếu hỏi', `No questionnaire version ${versionId}`);
    return { version, plan: compileValidationPlan(version.definition) };
  }
}
