import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { NotFoundError } from '../errors/app-error';
import { PromiseCache } from '../common/promise-cache';
import { compileValidationPlan, type ValidationPlan } from './validation-plan';
import { findSurveyVersion, type SurveyVersion } from './surveys.repository';

export interface CompiledQuestionnaire { version: SurveyVersion; plan: ValidationPlan }

/**
 * Each questionnaire version is compiled into a validation plan once per process: published versions
 * never change, so nothing is ever invalidated.
 */
export class QuestionnaireCache {
  private readonly compiled = new PromiseCache((versionId: number) => this.compile(versionId));

  constructor(private readonly db: Kysely<Database>) {}

  get(versionId: number): Promise<CompiledQuestionnaire> {
    return this.compiled.get(versionId);
  }

  private async compile(versionId: number): Promise<CompiledQuestionnaire> {
    const version = await findSurveyVersion(this.db, versionId);
    if (!version) throw new NotFoundError('Không tìm thấy phiên bản phiếu hỏi', `No questionnaire version ${versionId}`);
    return { version, plan: compileValidationPlan(version.definition) };
  }
}
